using HerokuTools.Sandbox.Api;
using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HerokuTools.Sandbox.Hosting;

/// <summary>
/// What every Platform API response gets: Request-Id and RateLimit-Remaining headers, the token check (401), and
/// <see cref="ApiException"/>s and stray 405s turned into Heroku's error bodies. Paths under other mounts
/// (<see cref="OtherMountPrefixes"/>) are left to those mounts.
/// </summary>
internal static class ApiMiddleware
{
    public static readonly string[] OtherMountPrefixes = ["/git/", "/__sandbox/"];

    public static void UseApiConventions(this WebApplication app, string token)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "/";
            if (Array.Exists(OtherMountPrefixes, p => path.StartsWith(p, StringComparison.Ordinal)))
            {
                await next(context);
                return;
            }

            context.Response.Headers["Request-Id"] = Guid.NewGuid().ToString();
            context.Response.Headers["RateLimit-Remaining"] = "4500";
            try
            {
                if (!ApiToken.Authorizes(context.Request.Headers.Authorization, token))
                {
                    throw new ApiException(401, "unauthorized", "Invalid credentials provided.");
                }

                await next(context);
                if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !context.Response.HasStarted)
                {
                    throw NotFoundRoute();
                }
            }
            catch (ApiException error) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.Headers["Request-Id"] = Guid.NewGuid().ToString();
                context.Response.Headers["RateLimit-Remaining"] = "4500";
                await ApiResults.Error(error).ExecuteAsync(context);
            }
        });
    }

    public static ApiException NotFoundRoute() => ApiException.NotFound(
        "The requested API endpoint was not found. Are you using the right HTTP verb (i.e. `GET` vs. `POST`), and did you specify your intended version with the `Accept` header?");
}

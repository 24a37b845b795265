using System.Globalization;
using HerokuTools.Sandbox.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HerokuTools.Sandbox.Faults;

/// <summary>
/// First in the sandbox's pipeline: a request matching an active fail/delay/drop fault (admin requests never do) is
/// answered with the injected error, held before it is served, or has its connection aborted.
/// </summary>
internal static class FaultMiddleware
{
    public static void UseFaults(this WebApplication app, FaultBook faults) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path.Value ?? "/";
        var fault = path.StartsWith(FaultAdminEndpoints.Prefix, StringComparison.Ordinal)
            ? null
            : faults.TakeForRequest(context.Request.Method, path);
        switch (fault?.Action)
        {
            case FaultAction.Drop:
                context.Abort();
                return;
            case FaultAction.Fail:
                await FailAsync(context, fault);
                return;
            case FaultAction.Delay:
                try
                {
                    await Task.Delay(fault.DelayMs!.Value, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                break;
        }

        await next(context);
    });

    private static async Task FailAsync(HttpContext context, FaultSpec fault)
    {
        var status = fault.Status!.Value;
        context.Response.Headers["Request-Id"] = Guid.NewGuid().ToString();
        context.Response.Headers["RateLimit-Remaining"] = status == StatusCodes.Status429TooManyRequests ? "0" : "4500";
        if (fault.RetryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        await Results.Json(new ErrorView(fault.ErrorId!, fault.Message!), FaultJsonContext.Default.ErrorView,
            ApiResults.ContentType, status).ExecuteAsync(context);
    }
}

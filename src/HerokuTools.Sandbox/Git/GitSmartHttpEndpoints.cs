using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HerokuTools.Sandbox.Git;

/// <summary>git.heroku.com for the sandbox: the apps' repositories over git smart HTTP, with builds on push.</summary>
public static class GitSmartHttpEndpoints
{
    /// <summary>
    /// Serves <c>{PathPrefix}/{app}.git</c> (clone/fetch and push) with HTTP Basic auth whose password is the API token.
    /// Pushes to main/master are built by <see cref="GitHttpOptions.Receiver"/> before the ref moves.
    /// </summary>
    public static IEndpointConventionBuilder MapGitSmartHttp(this IEndpointRouteBuilder routes, GitHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(options);
        var logger = routes.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("HerokuTools.Sandbox.Git") ?? NullLogger.Instance;
        var handler = new GitRequestHandler(options, new PushHandler(options.Repositories, options.Receiver, options.BuildTimeout, logger));
        var prefix = "/" + options.PathPrefix.Trim('/');
        return routes.MapMethods(prefix + "/{app}.git/{**path}", [HttpMethods.Get, HttpMethods.Post], handler.HandleAsync);
    }

    private sealed class GitRequestHandler(GitHttpOptions options, PushHandler pushes)
    {
        public async Task HandleAsync(HttpContext context)
        {
            var app = context.Request.RouteValues["app"] as string ?? "";
            var path = context.Request.RouteValues["path"] as string ?? "";
            var method = context.Request.Method;
            var service = context.Request.Query["service"].ToString();
            var known = (method, path) switch
            {
                ("GET", "info/refs") => service is "git-upload-pack" or "git-receive-pack",
                ("POST", "git-upload-pack" or "git-receive-pack") => true,
                _ => false,
            };
            if (!known || !GitRepositories.IsValidAppName(app))
            {
                await WriteTextAsync(context, StatusCodes.Status404NotFound, "Not found.");
                return;
            }

            if (ReadBasicAuth(context.Request) is not var (user, token) || !options.IsValidToken(token))
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"Heroku\"";
                await WriteTextAsync(context, StatusCodes.Status401Unauthorized, "Invalid credentials provided.");
                return;
            }

            if (!options.AppExists(app))
            {
                await WriteTextAsync(context, StatusCodes.Status404NotFound, $"No such app as {app}.");
                return;
            }

            // Reading a never-pushed app changes nothing (a dry run leaves the state as it was): its repository is
            // created by the first push only; until then a fetch sees an empty repository, as with Heroku.
            var reads = path == "git-upload-pack" || service == "git-upload-pack";
            if (reads && !options.Repositories.Exists(app))
            {
                await EmptyRepository.AnswerAsync(context, path == "info/refs");
                return;
            }

            var gitDir = await options.Repositories.EnsureCreatedAsync(app, context.RequestAborted);
            var remoteUser = user.Length > 0 ? user : "heroku";
            var pathInfo = $"/{app}.git/{path}";
            if (path != "git-receive-pack")
            {
                await GitHttpBackend.RunAsync(context, options.Repositories.Root, pathInfo, remoteUser, new Dictionary<string, string>());
                return;
            }

            using var session = PushSession.Start();
            using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            var hook = session.RunAsync((request, output, ct) => pushes.HandleAsync(app, request, output, ct), done.Token);
            try
            {
                await GitHttpBackend.RunAsync(context, options.Repositories.Root, pathInfo, remoteUser,
                    new Dictionary<string, string> { [PreReceiveHook.EnvironmentVariable] = session.EnvironmentValue });
            }
            finally
            {
                await done.CancelAsync(); // receive-pack is over: a hook that has not come will not
                try
                {
                    await hook;
                }
                catch (OperationCanceledException)
                {
                }
            }

            await GitRepositories.RepairHeadAsync(gitDir, CancellationToken.None);
        }

        private static (string User, string Password)? ReadBasicAuth(HttpRequest request)
        {
            var header = request.Headers.Authorization.ToString();
            if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private static async Task WriteTextAsync(HttpContext context, int status, string text)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(text + "\n", context.RequestAborted);
        }
    }
}

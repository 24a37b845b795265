using System.Net;
using HerokuTools.Sandbox.Api;
using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HerokuTools.Sandbox.Hosting;

/// <summary>
/// The sandbox's HTTP server on 127.0.0.1: the Heroku Platform API (and, later, git smart HTTP and admin mounts),
/// over the state kept in <see cref="SandboxOptions.Directory"/>.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxServer(WebApplication app, SandboxState state, string token, Uri apiUrl)
    {
        _app = app;
        State = state;
        Token = token;
        ApiUrl = apiUrl;
    }

    /// <summary>http://127.0.0.1:PORT</summary>
    public Uri ApiUrl { get; }

    /// <summary>The API token clients send as <c>Authorization: Bearer TOKEN</c>. Never print it.</summary>
    public string Token { get; }

    public string Directory => State.Directory;

    /// <summary>The model behind the API, for other parts of the sandbox (git pushes make slug releases through it).</summary>
    public SandboxState State { get; }

    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.GetFullPath(options.Directory);
        System.IO.Directory.CreateDirectory(directory);
        var token = ApiToken.LoadOrCreate(directory);
        var state = new SandboxState(directory, options.TimeProvider);
        var logs = options.Logs;
        state.ApiLogLine = (app, line) => logs.Add(app, "app", "api", line);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = directory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddSingleton(state);

        var app = builder.Build();
        options.UseFirst?.Invoke(app);
        app.UseApiConventions(token);
        options.MapMore?.Invoke(app);
        app.MapPlatformApi(state, options);

        await app.StartAsync(cancellation);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        var port = new Uri(address).Port;
        return new SandboxServer(app, state, token, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}

using System.Text;
using HerokuTools.Sandbox.Git;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

[assembly: AssemblyFixture(typeof(HerokuTools.Sandbox.Tests.Git.GitServerFixture))]

namespace HerokuTools.Sandbox.Tests.Git;

/// <summary>One Kestrel server on 127.0.0.1 (port 0) serving git for every test; each test uses its own app names.</summary>
public sealed class GitServerFixture : IAsyncLifetime
{
    public const string Token = "sandbox-token-5f1c9a77e2";
    private WebApplication? _app;
    private static int _counter;

    public string Root { get; } = Directory.CreateTempSubdirectory("ht-gitroot-").FullName;

    public RecordingReceiver Receiver { get; } = new();

    public GitRepositories Repositories { get; private set; } = null!;

    public GitHttpOptions Options { get; private set; } = null!;

    public HashSet<string> MissingApps { get; } = [];

    public Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Repositories = new GitRepositories(Root);
        Options = new GitHttpOptions
        {
            Repositories = Repositories,
            Receiver = Receiver,
            IsValidToken = GitHttpOptions.SingleToken(Token),
            AppExists = app => !MissingApps.Contains(app),
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGitSmartHttp(Options);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address);
    }

    public static string NewAppName(string stem) => $"{stem}-{Interlocked.Increment(ref _counter)}";

    public string UrlOf(string app) => Options.UrlTemplate(BaseAddress).Replace("{app}", app, StringComparison.Ordinal);

    /// <summary>The environment our CLI gives git: the token in an extraHeader via GIT_CONFIG_*, never on argv.</summary>
    public IReadOnlyDictionary<string, string> AuthEnvironment(string token = Token)
    {
        var scope = $"{BaseAddress.Scheme}://{BaseAddress.Authority}/";
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("heroku:" + token));
        return new Dictionary<string, string>
        {
            ["GIT_CONFIG_COUNT"] = "2",
            ["GIT_CONFIG_KEY_0"] = $"http.{scope}.extraHeader",
            ["GIT_CONFIG_VALUE_0"] = $"Authorization: Basic {basic}",
            ["GIT_CONFIG_KEY_1"] = $"credential.{scope}.helper",
            ["GIT_CONFIG_VALUE_1"] = "",
            ["GIT_TERMINAL_PROMPT"] = "0",
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Repositories.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}

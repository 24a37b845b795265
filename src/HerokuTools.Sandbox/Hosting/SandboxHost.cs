using HerokuTools.Sandbox.Builds;
using HerokuTools.Sandbox.Dynos;
using HerokuTools.Sandbox.Faults;
using HerokuTools.Sandbox.Git;
using HerokuTools.Sandbox.Postgres;
using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;

namespace HerokuTools.Sandbox.Hosting;

/// <summary>How to start the whole sandbox.</summary>
public sealed class SandboxHostOptions
{
    /// <summary>The state directory; created when missing.</summary>
    public required string Directory { get; init; }

    /// <summary>The API's port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Start the PostgreSQL server for the heroku-postgresql add-on (off: add-on creation answers 503).</summary>
    public bool Postgres { get; init; } = true;

    /// <summary>Where the Postgres server keeps its data; default DIRECTORY/postgres. Tests share one.</summary>
    public PostgresCluster? SharedPostgres { get; init; }

    /// <summary>How long an attached dyno waits for its client.</summary>
    public TimeSpan AttachTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// The whole local Heroku, composed: the Platform API and git smart HTTP on one Kestrel server, builds on push
/// (with the release phase), one-off dynos behind the rendezvous protocol (TLS), and a PostgreSQL server for the
/// heroku-postgresql add-on. Everything binds 127.0.0.1; everything is kept in <see cref="Directory"/>.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly SandboxServer _server;
    private readonly SandboxCertificate _certificate;
    private readonly RendezvousServer _rendezvous;
    private readonly DynoRunner _runner;
    private readonly GitRepositories _repositories;
    private readonly PostgresCluster? _ownPostgres;

    private SandboxHost(SandboxServer server, SandboxCertificate certificate, RendezvousServer rendezvous, DynoRunner runner,
        GitRepositories repositories, PostgresCluster? postgres, PostgresCluster? ownPostgres, string gitUrlTemplate, FaultBook faults)
    {
        Faults = faults;
        _server = server;
        _certificate = certificate;
        _rendezvous = rendezvous;
        _runner = runner;
        _repositories = repositories;
        Postgres = postgres;
        _ownPostgres = ownPostgres;
        GitUrlTemplate = gitUrlTemplate;
    }

    public Uri ApiUrl => _server.ApiUrl;

    /// <summary>HEROKU_GIT_URL: <c>http://127.0.0.1:PORT/git/{app}.git</c>.</summary>
    public string GitUrlTemplate { get; }

    /// <summary>The API token (also the git password). Never print it unless asked.</summary>
    public string Token => _server.Token;

    public string Directory => _server.Directory;

    /// <summary>The PEM of the certificate the rendezvous endpoint presents (NODE_EXTRA_CA_CERTS).</summary>
    public string CertificatePath => _certificate.CertificatePath;

    public SandboxState State => _server.State;

    public GitRepositories Repositories => _repositories;

    public DynoRunner Dynos => _runner;

    public PostgresCluster? Postgres { get; }

    /// <summary>Injected faults (also reachable over HTTP at <c>/__sandbox/faults</c>): failing, delayed or dropped
    /// requests, rejected pushes, dropped dyno connections.</summary>
    public FaultBook Faults { get; }

    public static async Task<SandboxHost> StartAsync(SandboxHostOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.GetFullPath(options.Directory);
        System.IO.Directory.CreateDirectory(directory);

        var certificate = SandboxCertificate.LoadOrCreate(Path.Combine(directory, "tls"));
        var rendezvous = new RendezvousServer(certificate.Certificate);
        var repositories = new GitRepositories(Path.Combine(directory, "git"));
        PostgresCluster? own = null;
        try
        {
            var postgres = options.SharedPostgres;
            if (postgres is null && options.Postgres)
            {
                own = await PostgresCluster.StartAsync(Path.Combine(directory, "postgres"), cancellation);
                postgres = own;
            }

            BuildReceiver? receiver = null;
            var logs = new Logs.AppLogs(TimeProvider.System);
            var runner = new DynoRunner(rendezvous, new DynoRunnerOptions
            {
                AttachTimeout = options.AttachTimeout,
                LogLine = (spec, line) =>
                {
                    logs.Add(spec.App, "app", spec.Name, line);
                    receiver?.OnDynoLogLine(spec, line);
                },
            });

            SandboxState? state = null; // made by the API server below; the closures here read it later
            var dynoRoot = Path.Combine(directory, "dynos");
            async Task<string> PrepareFolder(string app, string? commit, string dyno, CancellationToken ct)
            {
                var folder = Path.Combine(dynoRoot, app, dyno);
                if (System.IO.Directory.Exists(folder))
                {
                    System.IO.Directory.Delete(folder, recursive: true);
                }

                System.IO.Directory.CreateDirectory(folder);
                if (commit is not null)
                {
                    // A promoted release's commit lives in the repository of the app it was built on.
                    var candidates = new[] { app }.Concat(state?.Apps().Select(a => a.Name).Where(n => n != app) ?? []);
                    foreach (var candidate in candidates)
                    {
                        if (await repositories.ContainsAsync(candidate, commit, ct))
                        {
                            await repositories.ExportAsync(candidate, commit, folder, ct);
                            break;
                        }
                    }
                }

                return folder;
            }

            // The API server creates the state; the git mount and the build need it, so they are wired in two steps.
            var lateReceiver = new LateReceiver();
            var token = ApiToken.LoadOrCreate(directory);
            var faults = new FaultBook();
            var gitOptions = new GitHttpOptions
            {
                Repositories = repositories,
                Receiver = lateReceiver,
                IsValidToken = GitHttpOptions.SingleToken(token),
                AppExists = app => state is not null && state.Apps().Any(a => a.Name == app),
            };
            var server = await SandboxServer.StartAsync(new SandboxOptions
            {
                Directory = directory,
                Port = options.Port,
                DynoRunner = new FaultingDynoRunner(runner, faults),
                PostgresProvisioner = postgres is null ? null : new PostgresProvisioner(postgres),
                DynoWorkingDirectory = (request, ct) => PrepareFolder(request.App, request.Commit, request.DynoName, ct),
                AppDeleted = app =>
                {
                    repositories.Delete(app);
                    logs.Forget(app);
                    return Task.CompletedTask;
                },
                Logs = logs,
                UseFirst = web => web.UseFaults(faults),
                MapMore = web =>
                {
                    web.MapGitSmartHttp(gitOptions);
                    web.MapFaultAdmin(faults, token);
                },
            }, cancellation);
            state = server.State;
            if (postgres is not null)
            {
                RepointDatabaseUrls(server.State, postgres.Port);
            }
            receiver = new BuildReceiver(server.State, runner, (app, dyno, ct) => PrepareFolder(app, null, dyno, ct));
            lateReceiver.Target = new FaultingPushReceiver(receiver, faults);

            return new SandboxHost(server, certificate, rendezvous, runner, repositories, postgres, own,
                gitOptions.UrlTemplate(server.ApiUrl), faults);
        }
        catch
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }

            await rendezvous.DisposeAsync();
            certificate.Dispose();
            repositories.Dispose();
            throw;
        }
    }

    /// <summary>
    /// When the PostgreSQL server came up on another port than last time (the old one was taken), the add-ons'
    /// URLs are updated to it, as Heroku does when it moves a database (a release per app).
    /// </summary>
    internal static void RepointDatabaseUrls(SandboxState state, int port)
    {
        foreach (var app in state.Apps())
        {
            var config = state.ConfigVars(app.Id);
            var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var addon in state.Addons(app.Id).Where(a => a.Service == SandboxState.PostgresService))
            {
                foreach (var key in addon.ConfigVars)
                {
                    if (config.TryGetValue(key, out var url) && Uri.TryCreate(url, UriKind.Absolute, out var uri)
                        && uri.IsLoopback && uri.Port != port)
                    {
                        changes[key] = new UriBuilder(uri) { Port = port }.Uri.ToString();
                    }
                }
            }

            if (changes.Count > 0)
            {
                state.UpdateConfigVars(app.Id, changes);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _runner.DisposeAsync();
        await _rendezvous.DisposeAsync();
        _repositories.Dispose();
        if (_ownPostgres is not null)
        {
            await _ownPostgres.DisposeAsync();
        }

        _certificate.Dispose();
    }
}

/// <summary>A push receiver whose target is set once the state exists.</summary>
internal sealed class LateReceiver : IPushReceiver
{
    public IPushReceiver? Target { get; set; }

    public Task<PushOutcome> ReceiveAsync(PushRequest push, IPushOutput output, CancellationToken cancellation) =>
        (Target ?? throw new InvalidOperationException("the sandbox is still starting")).ReceiveAsync(push, output, cancellation);
}

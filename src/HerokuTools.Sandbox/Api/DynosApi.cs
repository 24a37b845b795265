using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using HerokuTools.Sandbox.Dynos;
using HerokuTools.Sandbox.Hosting;
using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

/// <summary>One-off dynos through <see cref="IDynoRunner"/>: POST starts one (run.N), GET lists or shows them.</summary>
internal static class DynosApi
{
    public static void MapDynos(this IEndpointRouteBuilder routes, SandboxState state, SandboxOptions options)
    {
        var dynos = new RunningDynos();
        var runner = options.DynoRunner;
        var workingDirectory = options.DynoWorkingDirectory
            ?? ((request, _) => Task.FromResult(Path.Combine(state.Directory, "workdirs", request.App)));

        routes.MapGet("/apps/{app}/dynos", (string app) =>
        {
            var found = state.FindApp(app);
            return ApiResults.Json(All(state, dynos, found), ApiJsonContext.Default.ListDynoView);
        });

        routes.MapGet("/apps/{app}/dynos/{dyno}", (string app, string dyno) =>
        {
            var found = state.FindApp(app);
            var view = All(state, dynos, found).Find(d => d.Id == dyno || d.Name == dyno)
                ?? throw ApiException.NotFound("Couldn't find that dyno.");
            return ApiResults.Json(view, ApiJsonContext.Default.DynoView);
        });

        // Stop (POST …/actions/stop) and restart (DELETE) end a one-off dyno's command (SIGTERM, then SIGKILL after the
        // grace period), answering at once with 202 as Heroku does; the formation's dynos are recorded, not run.
        routes.MapPost("/apps/{app}/dynos/{dyno}/actions/stop", (string app, string dyno) => Stop(state, dynos, app, dyno));
        routes.MapDelete("/apps/{app}/dynos/{dyno}", (string app, string dyno) => Stop(state, dynos, app, dyno));
        routes.MapDelete("/apps/{app}/dynos", (string app) =>
        {
            var found = state.FindApp(app);
            foreach (var running in dynos.OfApp(found.Id))
            {
                _ = running.Session.StopAsync();
            }

            return Accepted();
        });

        routes.MapPost("/apps/{app}/dynos", async (string app, HttpRequest request, CancellationToken cancellation) =>
        {
            if (runner is null)
            {
                throw ApiException.Unavailable("One-off dynos are not available in this sandbox.");
            }

            var body = await RequestBody.ReadAsync(request);
            var command = body.RequiredString("command");
            var found = state.FindApp(app);
            var release = state.CurrentRelease(found) ?? throw ApiException.InvalidParams("The app has no release yet.");
            var name = NewName(dynos, found.Id);

            var environment = new Dictionary<string, string>(state.ConfigVars(found.Id), StringComparer.Ordinal);
            if (body.Object("env") is { } extra)
            {
                foreach (var variable in extra.EnumerateObject().Where(v => v.Value.ValueKind == JsonValueKind.String))
                {
                    environment[variable.Name] = variable.Value.GetString()!;
                }
            }

            environment["PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
            environment["DYNO"] = name;

            var commit = state.SlugOf(release)?.Commit;
            var folder = await workingDirectory(new DynoFolderRequest(found.Name, commit, name), cancellation);
            Directory.CreateDirectory(folder);
            var spec = new DynoSpec(found.Name, name, command, folder, environment, body.Bool("attach") ?? false);
            var session = runner.Start(spec);
            var dyno = dynos.Add(new RunningDyno(
                Guid.NewGuid().ToString(), found.Id, release.Id, release.Version, body.String("size") ?? SandboxState.DefaultDynoSize,
                state.Now(), session));
            return ApiResults.Json(View(found, dyno), ApiJsonContext.Default.DynoView, StatusCodes.Status201Created);
        });
    }

    private static IResult Stop(SandboxState state, RunningDynos dynos, string app, string dyno)
    {
        var found = state.FindApp(app);
        if (dynos.OfApp(found.Id).FirstOrDefault(d => d.Id == dyno || d.Session.Spec.Name == dyno) is { } running)
        {
            _ = running.Session.StopAsync();
        }
        else if (!All(state, dynos, found).Exists(d => d.Id == dyno || d.Name == dyno))
        {
            throw ApiException.NotFound("Couldn't find that dyno.");
        }

        return Accepted();
    }

    private static IResult Accepted() => Results.Text("{}", "application/json", statusCode: StatusCodes.Status202Accepted);

    private static string NewName(RunningDynos dynos, string appId)
    {
        while (true)
        {
            var name = $"run.{RandomNumberGenerator.GetInt32(1000, 10000)}";
            if (!dynos.NameTaken(appId, name))
            {
                return name;
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The one-off dynos, then the formation's dynos (web.1 ...): recorded, not run, so shown as idle.</summary>
    private static List<DynoView> All(SandboxState state, RunningDynos dynos, AppRecord app)
    {
        var formationDynos = state.Locked(() => state.CurrentRelease(app) is { } release
            ? state.Formation(app.Id).SelectMany(f => Enumerable.Range(1, f.Quantity).Select(n => FormationDyno(app, release, f, n))).ToList()
            : []);
        return [.. dynos.OfApp(app.Id).Select(d => View(app, d)), .. formationDynos];
    }

    private static DynoView FormationDyno(AppRecord app, ReleaseRecord release, FormationRecord formation, int number) => new(
        AttachUrl: null,
        Command: formation.Command,
        CreatedAt: ApiResults.Time(formation.UpdatedAt),
        Id: Fixed.StableId($"dyno:{app.Id}:{formation.Type}.{number}"),
        Name: $"{formation.Type}.{number}",
        Release: new ReleaseRef(release.Id, release.Version),
        App: new AppRef(app.Name, app.Id),
        Size: formation.Size,
        State: "idle",
        Type: formation.Type,
        UpdatedAt: ApiResults.Time(formation.UpdatedAt));

    private static DynoView View(AppRecord app, RunningDyno dyno) => new(
        AttachUrl: dyno.Session.AttachUrl,
        Command: dyno.Session.Spec.Command,
        CreatedAt: ApiResults.Time(dyno.CreatedAt),
        Id: dyno.Id,
        Name: dyno.Session.Spec.Name,
        Release: new ReleaseRef(dyno.ReleaseId, dyno.ReleaseVersion),
        App: new AppRef(app.Name, app.Id),
        Size: dyno.Size,
        State: dyno.Session.State,
        Type: "run",
        UpdatedAt: ApiResults.Time(dyno.CreatedAt));
}

public sealed record ReleaseRef(string Id, int Version);

public sealed record DynoView(
    string? AttachUrl,
    string Command,
    string CreatedAt,
    string Id,
    string Name,
    ReleaseRef Release,
    AppRef App,
    string Size,
    string State,
    string Type,
    string UpdatedAt);

using System.Text;
using HerokuTools.Git;
using HerokuTools.Workflow;

namespace HerokuTools.Cli.Init;

/// <summary>What init learns from the repository: its branches and the Heroku apps its remotes point at.</summary>
internal sealed record RepositoryFacts(IReadOnlyList<string> Branches, IReadOnlyList<GitRemote> HerokuRemotes)
{
    public static async Task<RepositoryFacts> ReadAsync(GitRepository repo, CancellationToken cancellation)
    {
        var branches = await repo.BranchesAsync(cancellation).ConfigureAwait(false);
        var remotes = await repo.RemotesAsync(cancellation).ConfigureAwait(false);
        return new RepositoryFacts(branches, remotes.Where(r => r.HerokuAppName is not null).ToList());
    }
}

/// <summary>The starter heroku-tools.yml, in the original format plus commented extensions. Pure.</summary>
internal static class StarterWorkflow
{
    private static readonly string[] Tiers = ["live", "uat", "dev"];

    /// <summary>The tier a git remote's name stands for: "production" -> live, "staging" -> uat; "heroku" (the
    /// name `heroku git:remote` gives) -> live.</summary>
    private static string? TierOf(GitRemote remote) =>
        remote.Name == "heroku" ? "live" : EnvironmentNames.Conventional(remote.Name);

    public static string Render(RepositoryFacts facts, string project)
    {
        var release = facts.Branches.Contains("master") ? "master" : facts.Branches.Contains("main") ? "main" : "master";
        var development = facts.Branches.Contains("dev") ? "dev" : facts.Branches.Contains("develop") ? "develop" : "dev";
        var slug = Slug(project);

        var sb = new StringBuilder();
        sb.Append("""
            # heroku-tools.yml: this project's workflow, read by heroku-tools.
            #
            # Environments in promotion order: the first is the top. Code moves up the list (dev -> uat -> live),
            # data moves down it (live -> uat -> dev), anonymised on the way.
            environments:

            """);
        foreach (var label in Tiers)
        {
            var remote = facts.HerokuRemotes.FirstOrDefault(r => TierOf(r) == label);
            var app = remote?.HerokuAppName ?? $"{slug}-{label}";
            var branch = label == "dev" ? development : release;
            var origin = remote is null ? "  # the Heroku app (change me)" : $"  # from git remote '{remote.Name}'";
            sb.Append(CultureInfoInvariant($"    - label:    {label}\n"));
            sb.Append(CultureInfoInvariant($"      app_name: {app}{origin}\n"));
            sb.Append(CultureInfoInvariant($"      branch:   {branch}\n"));
            if (label == "live")
            {
                sb.Append("      protected: true     # deploys and config pushes ask for the app name to be typed\n");
            }
        }

        sb.Append("""

            # Run as one-off dynos during a deploy: migrate when the changeset touches migrations,
            # collectstatic when it touches static files.
            commands:
                collectstatic: python manage.py collectstatic --noinput
                migrate: python manage.py migrate

            """);
        return sb.ToString();
    }

    public static IEnumerable<string> Hints(RepositoryFacts facts)
    {
        var unmatched = facts.HerokuRemotes
            .Where(r => TierOf(r) is null)
            .ToList();
        foreach (var r in unmatched)
        {
            yield return $"note: git remote '{r.Name}' points at Heroku app '{r.HerokuAppName}'; add it to an environment if it is one of yours";
        }

        if (facts.HerokuRemotes.Count == 0)
        {
            yield return "note: no Heroku git remotes found; set each app_name to your Heroku app's name";
        }
    }

    private static string CultureInfoInvariant(FormattableString s) => FormattableString.Invariant(s);

    private static string Slug(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var s = new string(chars).Trim('-');
        return s.Length == 0 ? "myapp" : s;
    }
}

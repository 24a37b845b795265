using System.Text.Json.Nodes;
using HerokuTools.Common;

namespace HerokuTools.Tests.Deploy;

/// <summary>The released commit is not in the local repository (deployed from another clone): fetched from the app's
/// git remote for the changeset; when it cannot be had, said so and every file counts as changed.</summary>
public class DeployBaselineTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_released_commit_only_another_clone_had_is_fetched_from_the_app_and_the_changeset_is_right()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        using var cloneB = CloneOf(p);
        var onlyInA = p.Commit("Only in clone A", ("a.py", "a\n"));
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        (await p.ReleaseAsync(p.Dev)).Commit.ShouldBe(onlyInA);
        cloneB.Try(null, "cat-file", "-e", onlyInA + "^{commit}").ExitCode.ShouldNotBe(0);
        cloneB.Write("b.py", "b\n");
        var inB = cloneB.Commit("Only in clone B");

        var r = await RunInAsync(p, cloneB, "deploy", "dev", "--dry-run", "--json");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Error.ShouldNotContain("could not be fetched");
        cloneB.Try(null, "cat-file", "-e", onlyInA + "^{commit}").ExitCode.ShouldBe(0, "the released commit was not fetched");
        var doc = JsonNode.Parse(r.Out)!;
        doc["base_commit"]!.GetValue<string>().ShouldBe(onlyInA);
        doc["target_commit"]!.GetValue<string>().ShouldBe(inB);
        doc["commits"]!.AsArray().Select(c => c!["subject"]!.GetValue<string>()).ShouldBe(["Only in clone B"]);
        Files(doc).ShouldBe(["a.py D", "b.py A"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_released_commit_that_cannot_be_had_is_said_and_every_file_counts_as_changed()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        using var cloneB = CloneOf(p);
        var lost = p.Commit("Only in clone A, then gone from the app too", ("a.py", "a\n"));
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        // The app's repository loses the commit (history rewritten there); its release still names it.
        var appRepo = sandbox.Host.Repositories.PathOf(p.Dev);
        var branch = p.Repo.Run("--git-dir", appRepo, "for-each-ref", "--format=%(refname)", "refs/heads/").Trim();
        p.Repo.Run("--git-dir", appRepo, "update-ref", branch, p.First);
        p.Repo.Run("--git-dir", appRepo, "reflog", "expire", "--expire=now", "--all");
        p.Repo.Run("--git-dir", appRepo, "gc", "-q", "--prune=now");
        p.Repo.Try(null, "--git-dir", appRepo, "cat-file", "-e", lost + "^{commit}").ExitCode.ShouldNotBe(0);
        // Something new to deploy (the app's branch is at First now: a push of First itself would build nothing).
        cloneB.Write("c.py", "c\n");
        var headB = cloneB.Commit("New in clone B");

        var r = await RunInAsync(p, cloneB, "deploy", "dev", "--dry-run", "--json");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Error.ShouldContain($"the released commit {lost[..7]} is not in this repository and could not be fetched from {p.Dev}: every file counts as changed");
        var doc = JsonNode.Parse(r.Out)!;
        doc["base_commit"].ShouldBeNull();
        Files(doc).ShouldBe(cloneB.Run("ls-tree", "-r", "--name-only", headB).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(f => f + " A"), ignoreOrder: true);
    }

    /// <summary>A fresh clone of the project as it is now (only its first commit), with its own user.</summary>
    private static GitRepo CloneOf(DeployProject p)
    {
        var clone = new GitRepo("dev");
        clone.Run("fetch", "-q", p.Repo.Path, "dev");
        clone.Run("reset", "-q", "--hard", "FETCH_HEAD");
        return clone;
    }

    private static Task<Support.ProgramResult> RunInAsync(DeployProject p, GitRepo repo, params string[] args) =>
        Support.ProgramRunner.RunAsync(new Support.ProgramRun(repo.Path, args) { Environment = p.Environment() });

    private static IEnumerable<string> Files(JsonNode doc) =>
        doc["files"]!.AsArray().Select(f => $"{f!["path"]!.GetValue<string>()} {f["status"]!.GetValue<string>()}");
}

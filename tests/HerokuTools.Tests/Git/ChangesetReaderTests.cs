using System.Collections;
using HerokuTools.Git;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Git;

public class ChangesetReaderTests
{
    private static ChangesetReader Reader(GitRepo repo) => new(new GitCli(repo.Path, Env()));

    [Fact]
    public async Task Lists_non_merge_commits_newest_first_and_changed_files_with_renames()
    {
        using var repo = new GitRepo();
        repo.Write("app/models.py", "a");
        repo.Write("app/migrations/0001_initial.sql", "create table t();");
        var released = repo.Commit("Initial");
        repo.Run("checkout", "-q", "-b", "feature");
        repo.Write("static/site.css", "body{}");
        repo.Commit("Add styles");
        repo.Run("checkout", "-q", "master");
        repo.Write("app/models.py", "b");
        repo.Commit("Change models");
        repo.Run("mv", "app/migrations/0001_initial.sql", "app/migrations/0001_init.sql");
        repo.Commit("Rename migration");
        repo.Run("merge", "-q", "--no-ff", "-m", "Merge feature", "feature");
        var target = repo.Run("rev-parse", "HEAD").Trim();

        var c = await Reader(repo).ReadAsync(released, "master", TestContext.Current.CancellationToken);

        c.Base.ShouldBe(released);
        c.Target.ShouldBe(target);
        c.IsFirstDeploy.ShouldBeFalse();
        c.Commits.Select(x => x.Subject).ShouldBe(["Rename migration", "Change models", "Add styles"], ignoreOrder: true);
        c.Commits.ShouldNotContain(x => x.Subject.StartsWith("Merge", StringComparison.Ordinal));
        c.Commits.ShouldAllBe(x => x.AuthorName == "Dev Eloper" && x.Sha.Length == 40);
        c.Files.ShouldContain(new FileChange('M', "app/models.py"));
        c.Files.ShouldContain(new FileChange('A', "static/site.css"));
        c.Files.ShouldContain(new FileChange('R', "app/migrations/0001_init.sql", "app/migrations/0001_initial.sql"));
    }

    [Fact]
    public async Task First_deploy_counts_every_file_of_the_target_as_changed()
    {
        using var repo = new GitRepo();
        repo.Write("a.txt", "1");
        repo.Write("dir with space/b ü.txt", "2");
        repo.Commit("one");

        var c = await Reader(repo).ReadAsync(null, "HEAD", TestContext.Current.CancellationToken);

        c.IsFirstDeploy.ShouldBeTrue();
        c.Files.Select(f => f.Path).ShouldBe(["a.txt", "dir with space/b ü.txt"], ignoreOrder: true);
        c.Commits.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Same_commit_is_an_empty_changeset()
    {
        using var repo = new GitRepo();
        var sha = repo.Commit("one");
        var c = await Reader(repo).ReadAsync(sha, "HEAD", TestContext.Current.CancellationToken);
        c.IsEmpty.ShouldBeTrue();
        c.Commits.ShouldBeEmpty();
        c.Files.ShouldBeEmpty();
    }

    [Fact]
    public async Task Unknown_revision_is_a_usage_error()
    {
        using var repo = new GitRepo();
        repo.Commit("one");
        var e = await Should.ThrowAsync<HerokuTools.Common.ToolException>(() => Reader(repo).ReadAsync(null, "no-such-branch", TestContext.Current.CancellationToken));
        e.ExitCode.ShouldBe(HerokuTools.Common.ExitCodes.Usage);
        e.Message.ShouldContain("no-such-branch");
    }

    [Fact]
    public async Task A_long_log_with_multibyte_text_comes_through_the_pipe_intact()
    {
        // Far more than a pipe's 64 KiB, with 2-, 3- and 4-byte UTF-8 characters that land on every chunk boundary.
        using var repo = new GitRepo();
        var base_ = repo.Commit("base");
        const int count = 4000;
        var script = new System.Text.StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            var message = $"Ünïcødé {i} — 日本語 🚀\n";
            script.Append("commit refs/heads/master\n")
                .Append(System.Globalization.CultureInfo.InvariantCulture, $"author Zoë Ångström <z@example.com> {1700000000 + i} +0000\n")
                .Append(System.Globalization.CultureInfo.InvariantCulture, $"committer Zoë Ångström <z@example.com> {1700000000 + i} +0000\n")
                .Append(System.Globalization.CultureInfo.InvariantCulture, $"data {System.Text.Encoding.UTF8.GetByteCount(message)}\n{message}");
            if (i == 1)
            {
                script.Append("from refs/heads/master^0\n");
            }
        }

        var import = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["fast-import", "--quiet", "--force"])
        {
            WorkingDirectory = repo.Path,
            RedirectStandardInput = true,
        })!;
        await import.StandardInput.BaseStream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(script.ToString()), TestContext.Current.CancellationToken);
        import.StandardInput.Close();
        await import.WaitForExitAsync(TestContext.Current.CancellationToken);
        import.ExitCode.ShouldBe(0);

        var c = await Reader(repo).ReadAsync(base_, "master", TestContext.Current.CancellationToken);

        c.Commits.Count.ShouldBe(count);
        c.Commits[0].Subject.ShouldBe($"Ünïcødé {count} — 日本語 🚀");
        c.Commits[^1].Subject.ShouldBe("Ünïcødé 1 — 日本語 🚀");
        c.Commits.ShouldAllBe(x => x.AuthorName == "Zoë Ångström" && x.Subject.EndsWith(" — 日本語 🚀", StringComparison.Ordinal));
        c.Commits.Select(x => x.AuthorDate.ToUnixTimeSeconds()).ShouldBe(Enumerable.Range(1, count).Reverse().Select(i => 1700000000L + i));
    }

    private static Dictionary<string, string> Env() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
}

using HerokuTools.Common;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Sandbox;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task The_demo_builds_the_sample_project_and_apps_and_runs_the_workflow_commands()
    {
        var root = TempFolder.NewPath("ht-demo");
        try
        {
            var r = await ProgramRunner.RunAsync(Path.GetTempPath(), "sandbox", "demo", "--into", root);

            r.ExitCode.ShouldBe(ExitCodes.Success, r.Error + r.Out);
            r.Out.ShouldContain("shop-live: created, postgresql-");
            r.Out.ShouldContain("$ heroku-tools check");
            r.Out.ShouldContain("data moves down: live -> uat -> dev");
            var all = r.Out + r.Error; // build and dyno output go to standard error
            all.ShouldContain("Applying shop.0001_initial... OK");
            all.ShouldContain("Applying shop.0002_user_phone... OK");
            all.ShouldContain("1 static file copied");
            r.Out.ShouldContain("in sync: shop-live matches the files");
            r.Out.ShouldContain("ada.lovelace@example.org");
            r.Out.ShouldContain("uat (shop-uat) now holds an anonymised copy of live");
            var afterCopy = r.Out[r.Out.IndexOf("auth_user on uat, after the copy:", StringComparison.Ordinal)..];
            afterCopy.ShouldNotContain("ada.lovelace@example.org");
            afterCopy.ShouldNotContain("Lovelace");
            afterCopy.ShouldContain("4 users, e.g. ");
            afterCopy.ShouldContain("(exit status 0)");
            var project = Path.Combine(root, "shop");
            File.Exists(Path.Combine(project, "heroku-tools.yml")).ShouldBeTrue();
            File.GetUnixFileMode(Path.Combine(project, "bin", "migrate")).HasFlag(UnixFileMode.UserExecute).ShouldBeTrue();
            var branches = new GitRepoView(project).Branches();
            branches.ShouldContain("dev");
            branches.ShouldContain("master");

            var again = await ProgramRunner.RunAsync(Path.GetTempPath(), "sandbox", "demo", "--into", root);
            again.ExitCode.ShouldBe(ExitCodes.Usage);
            again.Error.ShouldContain("already exists");
        }
        finally
        {
            TempFolder.Delete(root);
        }
    }

    private sealed class GitRepoView(string path)
    {
        public string[] Branches()
        {
            var psi = new System.Diagnostics.ProcessStartInfo("git", ["for-each-ref", "--format=%(refname:short)", "refs/heads/"]) { WorkingDirectory = path, RedirectStandardOutput = true };
            using var p = System.Diagnostics.Process.Start(psi)!;
            var text = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }
}

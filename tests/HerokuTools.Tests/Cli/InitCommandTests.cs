using HerokuTools.Common;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Cli;

public class InitCommandTests
{
    [Fact]
    public async Task Writes_a_starter_file_at_the_git_top_level_from_branches_and_heroku_remotes()
    {
        using var repo = new GitRepo("main");
        repo.Commit("initial");
        repo.Run("branch", "develop");
        repo.Run("remote", "add", "production", "https://git.heroku.com/acme-prod.git");
        repo.Run("remote", "add", "staging", "https://git.heroku.com/acme-staging.git");
        repo.Run("remote", "add", "origin", "https://example.com/acme.git");
        var sub = Directory.CreateDirectory(Path.Combine(repo.Path, "src", "app")).FullName;

        var r = await ProgramRunner.RunAsync(sub, "init");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        var text = await File.ReadAllTextAsync(Path.Combine(repo.Path, "heroku-tools.yml"), TestContext.Current.CancellationToken);
        text.ShouldContain("app_name: acme-prod");
        text.ShouldContain("app_name: acme-staging");
        text.ShouldContain("branch:   main");
        text.ShouldContain("branch:   develop");
        text.ShouldContain("migrate: python manage.py migrate");
        text.IndexOf("label:    live", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("label:    uat", StringComparison.Ordinal));
        text.IndexOf("label:    uat", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("label:    dev", StringComparison.Ordinal));
        r.Error.ShouldNotContain("origin");
    }

    [Fact]
    public async Task Refuses_to_overwrite_an_existing_file_and_leaves_it_alone()
    {
        using var repo = new GitRepo();
        repo.Commit("initial");
        var path = repo.Write("heroku-tools.yml", "mine\n");

        var r = await ProgramRunner.RunAsync(repo.Path, "init");

        r.ExitCode.ShouldBe(ExitCodes.Failure);
        r.Error.ShouldContain("already exists");
        (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).ShouldBe("mine\n");
    }

    [Fact]
    public async Task Honours_config_path_and_works_outside_a_repository()
    {
        using var dir = new TempDirectory();
        var r = await ProgramRunner.RunAsync(dir.Path, "init", "--config", "conf/workflow.yml");
        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        File.Exists(dir.Combine("conf", "workflow.yml")).ShouldBeTrue();
        r.Error.ShouldContain("no Heroku git remotes found");
    }
}

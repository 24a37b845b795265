namespace HerokuTools.Sandbox.Tests.Git;

public class GitRepositoriesTests(GitServerFixture server)
{
    [Fact]
    public async Task Export_writes_a_pushed_commit_into_a_folder_and_delete_removes_the_repository()
    {
        var app = GitServerFixture.NewAppName("export");
        using var client = new GitClient(server.AuthEnvironment());
        client.Write("Procfile", "web: node app.js");
        client.Write("lib/app.js", "//");
        client.Commit("deploy");
        client.Must("push", "-q", server.UrlOf(app), "master");
        var sha = await server.Repositories.ReadRefAsync(app, "refs/heads/master", TestContext.Current.CancellationToken);
        var folder = Directory.CreateTempSubdirectory("ht-export-").FullName;
        try
        {
            await server.Repositories.ExportAsync(app, sha!, folder, TestContext.Current.CancellationToken);

            File.ReadAllText(Path.Combine(folder, "Procfile")).ShouldBe("web: node app.js");
            File.Exists(Path.Combine(folder, "lib", "app.js")).ShouldBeTrue();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        server.Repositories.Delete(app);
        server.Repositories.Exists(app).ShouldBeFalse();
        (await server.Repositories.ReadRefAsync(app, "refs/heads/master", TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Theory]
    [InlineData("my-app", true)]
    [InlineData("a1", true)]
    [InlineData("My-App", false)]
    [InlineData("1app", false)]
    [InlineData("../etc", false)]
    [InlineData("x", false)]
    public void App_names_follow_Herokus_rule(string name, bool valid) =>
        HerokuTools.Sandbox.Git.GitRepositories.IsValidAppName(name).ShouldBe(valid);
}

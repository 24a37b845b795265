using System.Text.Json.Nodes;
using HerokuTools.Sandbox.Postgres;

namespace HerokuTools.Tests.Data;

/// <summary>Sandbox apps for the data commands: live/uat/dev, each with its own database, and a heroku-tools.yml for them.</summary>
internal sealed record DataApps(string Live, string Uat, string Dev, TestDatabase LiveDb, TestDatabase UatDb, TestDatabase DevDb, TempDirectory Dir) : IDisposable
{
    /// <summary>Apps with a Heroku Postgres add-on each (DATABASE_URL); live holds <see cref="DataCopierTests.SourceSchema"/>,
    /// uat a table <c>keepme</c> (42). <paramref name="data"/> replaces the default data: section.</summary>
    public static async Task<DataApps> CreateAsync(SandboxFixture sandbox, string? data = null)
    {
        var names = new[] { SandboxFixture.NewAppName("live"), SandboxFixture.NewAppName("uat"), SandboxFixture.NewAppName("dev") };
        var dbs = new List<TestDatabase>();
        foreach (var name in names)
        {
            await sandbox.CreateAppAsync(name);
            await sandbox.SendAsync(HttpMethod.Post, $"/apps/{name}/addons", new JsonObject { ["plan"] = "heroku-postgresql" });
            var url = (string)(await sandbox.GetAsync($"/apps/{name}/config-vars"))["DATABASE_URL"]!;
            dbs.Add(new TestDatabase("addon", url, DatabaseUrl.Parse(url).ToConnectionString()));
        }

        return await SeedAsync(names, dbs, data);
    }

    /// <summary>Apps without an add-on whose databases are named by the config var <paramref name="databaseVar"/> only.</summary>
    public static async Task<DataApps> CreateWithVarAsync(SandboxFixture sandbox, PostgresFixture postgres, string databaseVar)
    {
        var names = new[] { SandboxFixture.NewAppName("live"), SandboxFixture.NewAppName("uat"), SandboxFixture.NewAppName("dev") };
        var dbs = new List<TestDatabase>();
        foreach (var name in names)
        {
            await sandbox.CreateAppAsync(name);
            var db = await postgres.CreateDatabaseAsync();
            await sandbox.SendAsync(HttpMethod.Patch, $"/apps/{name}/config-vars", new JsonObject { [databaseVar] = db.Url });
            dbs.Add(db);
        }

        var rules = DefaultData.Replace("data:\n", $"data:\n  database_var: {databaseVar}\n", StringComparison.Ordinal);
        rules.ShouldContain("database_var");
        return await SeedAsync(names, dbs, rules);
    }

    private static string DefaultData => DataCopierTests.Rules[DataCopierTests.Rules.IndexOf("data:", StringComparison.Ordinal)..];

    private static async Task<DataApps> SeedAsync(string[] names, List<TestDatabase> dbs, string? data)
    {
        await DataCopierTests.ExecAsync(dbs[0], DataCopierTests.SourceSchema);
        await DataCopierTests.ExecAsync(dbs[1], "CREATE TABLE keepme (x int); INSERT INTO keepme VALUES (42);");
        var dir = new TempDirectory();
        dir.Write("heroku-tools.yml", $"""
            environments:
              - {"{"}label: live, app_name: {names[0]}, branch: master, protected: true{"}"}
              - {"{"}label: uat, app_name: {names[1]}, branch: master{"}"}
              - {"{"}label: dev, app_name: {names[2]}, branch: dev{"}"}
            {data ?? DefaultData}
            """);
        return new DataApps(names[0], names[1], names[2], dbs[0], dbs[1], dbs[2], dir);
    }

    public void Dispose() => Dir.Dispose();
}

using HerokuTools.Sandbox.Postgres;
using Xunit;

namespace HerokuTools.Testing;

/// <summary>
/// One real PostgreSQL server for the whole test run, in a temp folder; tests take it in their constructor and ask
/// for fresh databases: <c>var db = await fixture.CreateDatabaseAsync();</c> then use <c>db.Url</c> (DATABASE_URL)
/// or <c>db.ConnectionString</c> (Npgsql).
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private int _databases;

    public string Directory { get; } = TempFolder.NewPath("heroku-tools-pg");

    public PostgresCluster Cluster { get; private set; } = null!;

    public PostgresProvisioner Provisioner { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Cluster = await PostgresCluster.StartAsync(Directory, TestContext.Current.CancellationToken);
        Provisioner = new PostgresProvisioner(Cluster);
    }

    /// <summary>A new database, owned by a new role, that only that role can connect to.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(string? addonName = null)
    {
        addonName ??= $"test-{Interlocked.Increment(ref _databases)}-{Guid.NewGuid().ToString("N")[..8]}";
        var url = await Provisioner.CreateDatabaseAsync(addonName, TestContext.Current.CancellationToken);
        return new TestDatabase(addonName, url, DatabaseUrl.Parse(url).ToConnectionString());
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        TempFolder.Delete(Directory);
    }
}

/// <param name="AddonName">The add-on name it was provisioned for (to drop it: <c>fixture.Provisioner.DropDatabaseAsync(AddonName)</c>).</param>
/// <param name="Url">DATABASE_URL: <c>postgres://user:password@127.0.0.1:port/db</c>.</param>
/// <param name="ConnectionString">The same as an Npgsql connection string.</param>
public sealed record TestDatabase(string AddonName, string Url, string ConnectionString);

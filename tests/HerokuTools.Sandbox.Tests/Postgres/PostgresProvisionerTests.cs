using System.Diagnostics;
using HerokuTools.Sandbox.Postgres;
using Npgsql;

namespace HerokuTools.Sandbox.Tests.Postgres;

public sealed class PostgresProvisionerTests(PostgresFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Provisioned_url_is_a_loopback_postgres_url_on_the_clusters_port()
    {
        var db = await fixture.CreateDatabaseAsync();

        var url = DatabaseUrl.Parse(db.Url);
        db.Url.ShouldStartWith("postgres://");
        url.Host.ShouldBe("127.0.0.1");
        url.Port.ShouldBe(fixture.Cluster.Port);
        url.Password.Length.ShouldBeGreaterThanOrEqualTo(32);
        url.Database.ShouldNotBe(url.User);
    }

    [Fact]
    public async Task Provisioned_database_works_with_npgsql()
    {
        var db = await fixture.CreateDatabaseAsync();

        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await Execute(connection, "CREATE TABLE widgets (id int PRIMARY KEY, name text NOT NULL)");
        await Execute(connection, "INSERT INTO widgets VALUES (1, 'sprocket'), (2, 'gear')");
        await using var select = new NpgsqlCommand("SELECT string_agg(name, ',' ORDER BY id) FROM widgets", connection);

        (await select.ExecuteScalarAsync(Cancellation)).ShouldBe("sprocket,gear");
    }

    [Fact]
    public async Task Provisioned_database_works_with_psql_given_the_password_in_the_environment()
    {
        var db = await fixture.CreateDatabaseAsync();
        var url = DatabaseUrl.Parse(db.Url);
        var start = new ProcessStartInfo("psql")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--no-psqlrc", "--tuples-only", "--no-align", "--host", url.Host, "--port", url.Port.ToString(),
                "--username", url.User, "--dbname", url.Database,
                "--command", "CREATE TABLE t (n int); INSERT INTO t VALUES (40), (2); SELECT sum(n) FROM t;",
            },
        };
        start.Environment["PGPASSWORD"] = url.Password;
        start.Environment["PGCONNECT_TIMEOUT"] = "10";

        using var psql = Process.Start(start)!;
        var output = await psql.StandardOutput.ReadToEndAsync(Cancellation);
        var errors = await psql.StandardError.ReadToEndAsync(Cancellation);
        await psql.WaitForExitAsync(Cancellation);

        psql.ExitCode.ShouldBe(0, errors);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ShouldContain("42");
    }

    [Fact]
    public async Task A_role_cannot_connect_to_another_add_ons_database_nor_the_default_one()
    {
        var first = DatabaseUrl.Parse((await fixture.CreateDatabaseAsync()).Url);
        var second = DatabaseUrl.Parse((await fixture.CreateDatabaseAsync()).Url);

        var intoOther = await Should.ThrowAsync<PostgresException>(() => Connect(first with { Database = second.Database }));
        var intoDefault = await Should.ThrowAsync<PostgresException>(() => Connect(first with { Database = "postgres" }));

        intoOther.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        intoDefault.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        await Connect(second); // its own database is fine
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        var url = DatabaseUrl.Parse((await fixture.CreateDatabaseAsync()).Url);

        var refused = await Should.ThrowAsync<PostgresException>(() => Connect(url with { Password = "not-it" }));

        refused.SqlState.ShouldBe(PostgresErrorCodes.InvalidPassword);
    }

    [Fact]
    public async Task Drop_ends_open_connections_and_removes_the_database_and_role()
    {
        var db = await fixture.CreateDatabaseAsync();
        var url = DatabaseUrl.Parse(db.Url);
        await using var open = new NpgsqlConnection(db.ConnectionString);
        await open.OpenAsync(Cancellation);

        await fixture.Provisioner.DropDatabaseAsync(db.AddonName, Cancellation);

        (await Count("SELECT count(*) FROM pg_database WHERE datname = $1", url.Database)).ShouldBe(0);
        (await Count("SELECT count(*) FROM pg_roles WHERE rolname = $1", url.User)).ShouldBe(0);
        await Should.ThrowAsync<Exception>(() => Execute(open, "SELECT 1"));
        await Should.ThrowAsync<PostgresException>(() => Connect(url));
    }

    [Fact]
    public async Task Dropping_an_unknown_add_on_does_nothing()
    {
        await fixture.Provisioner.DropDatabaseAsync("never-provisioned", Cancellation);

        (await Count("SELECT count(*) FROM pg_database WHERE datname LIKE $1", "d_never%")).ShouldBe(0);
    }

    [Fact]
    public async Task Odd_add_on_names_are_quoted_safely()
    {
        const string addonName = "Robert'); DROP DATABASE postgres;--\"x";

        var db = await fixture.CreateDatabaseAsync(addonName);
        await Connect(DatabaseUrl.Parse(db.Url));
        await fixture.Provisioner.DropDatabaseAsync(addonName, Cancellation);

        (await Count("SELECT count(*) FROM pg_database WHERE datname = $1", "postgres")).ShouldBe(1);
        (await Count("SELECT count(*) FROM pg_database WHERE datname = $1", DatabaseUrl.Parse(db.Url).Database)).ShouldBe(0);
    }

    [Fact]
    public async Task Provisioning_the_same_add_on_twice_fails_clearly_and_keeps_the_first()
    {
        var db = await fixture.CreateDatabaseAsync();

        var again = await Should.ThrowAsync<PostgresClusterException>(
            () => fixture.Provisioner.CreateDatabaseAsync(db.AddonName, Cancellation));

        again.Message.ShouldContain(db.AddonName);
        await Connect(DatabaseUrl.Parse(db.Url));
    }

    [Fact]
    public async Task The_superuser_password_is_on_no_process_command_line()
    {
        var password = fixture.Cluster.SuperuserPassword;
        var serverProcesses = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            string commandLine;
            try
            {
                commandLine = (await File.ReadAllTextAsync(Path.Combine(folder, "cmdline"), Cancellation)).Replace('\0', ' ');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // the process ended meanwhile
            }

            if (commandLine.StartsWith("postgres", StringComparison.Ordinal) || commandLine.Contains("/postgres ", StringComparison.Ordinal))
            {
                serverProcesses++;
            }

            commandLine.ShouldNotContain(password);
        }

        password.Length.ShouldBeGreaterThanOrEqualTo(32);
        serverProcesses.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_server_listens_on_loopback_only()
    {
        var pidFileLines = await File.ReadAllLinesAsync(fixture.Cluster.PidFile, Cancellation);

        // postmaster.pid: pid, data dir, start time, port, socket dir, listen address, ...
        pidFileLines[3].Trim().ShouldBe(fixture.Cluster.Port.ToString());
        pidFileLines[5].Trim().ShouldBe("127.0.0.1");
    }

    private async Task<long> Count(string sql, string parameter)
    {
        await using var command = fixture.Cluster.AdminDataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (long)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    private static async Task Connect(DatabaseUrl url)
    {
        await using var connection = new NpgsqlConnection(url.ToConnectionString() + ";Pooling=false");
        await connection.OpenAsync(Cancellation);
        await Execute(connection, "SELECT 1");
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancellation);
    }
}

using System.Security.Cryptography;
using Npgsql;

namespace HerokuTools.Sandbox.Postgres;

/// <summary>
/// Heroku Postgres on the sandbox's cluster: each add-on gets a login role with a random password and a database owned
/// by it that no other role may connect to.
/// </summary>
public sealed class PostgresProvisioner(PostgresCluster cluster) : IPostgresProvisioner
{
    private const string DuplicateObject = "42710";
    private const string DuplicateDatabase = "42P04";

    public async Task<string> CreateDatabaseAsync(string addonName, CancellationToken cancellation = default)
    {
        var names = AddonDatabaseNames.For(addonName);
        var password = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var role = SqlText.Identifier(names.Role);
        var database = SqlText.Identifier(names.Database);

        await using var connection = await cluster.AdminDataSource.OpenConnectionAsync(cancellation);
        try
        {
            await ExecuteAsync(
                connection,
                $"CREATE ROLE {role} LOGIN PASSWORD {SqlText.Literal(password)} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION",
                cancellation);
        }
        catch (PostgresException e) when (e.SqlState == DuplicateObject)
        {
            throw new PostgresClusterException($"The sandbox already has a database for add-on {addonName}.", e);
        }

        try
        {
            await ExecuteAsync(connection, $"CREATE DATABASE {database} OWNER {role}", cancellation);
            await ExecuteAsync(connection, $"REVOKE ALL ON DATABASE {database} FROM PUBLIC", cancellation);
        }
        catch (Exception e)
        {
            await ExecuteAsync(connection, $"DROP ROLE IF EXISTS {role}", CancellationToken.None);
            if (e is PostgresException { SqlState: DuplicateDatabase })
            {
                throw new PostgresClusterException($"The sandbox already has a database for add-on {addonName}.", e);
            }

            throw;
        }

        return new DatabaseUrl(names.Role, password, cluster.Host, cluster.Port, names.Database).ToString();
    }

    public async Task DropDatabaseAsync(string addonName, CancellationToken cancellation = default)
    {
        var names = AddonDatabaseNames.For(addonName);
        await using var connection = await cluster.AdminDataSource.OpenConnectionAsync(cancellation);
        await using (var terminate = new NpgsqlCommand(
                         "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 OR usename = $2",
                         connection))
        {
            terminate.Parameters.Add(new NpgsqlParameter { Value = names.Database });
            terminate.Parameters.Add(new NpgsqlParameter { Value = names.Role });
            await terminate.ExecuteNonQueryAsync(cancellation);
        }

        await ExecuteAsync(
            connection, $"DROP DATABASE IF EXISTS {SqlText.Identifier(names.Database)} WITH (FORCE)", cancellation);
        await ExecuteAsync(connection, $"DROP ROLE IF EXISTS {SqlText.Identifier(names.Role)}", cancellation);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellation);
    }
}

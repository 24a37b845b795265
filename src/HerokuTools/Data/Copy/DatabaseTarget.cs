using HerokuTools.Sandbox.Postgres;
using Npgsql;

namespace HerokuTools.Data.Copy;

/// <summary>One app's database: its URL (a secret), how to connect, and how to name it in output (password masked).</summary>
public sealed class DatabaseTarget
{
    public DatabaseTarget(string label, string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        Label = label;
        try
        {
            Url = DatabaseUrl.Parse(url);
        }
        catch (FormatException)
        {
            throw new Common.ToolException($"{label}: the database URL is not a postgres://USER:PASSWORD@HOST:PORT/DATABASE URL", Common.ExitCodes.Usage);
        }
    }

    /// <summary>How messages name this database, e.g. <c>live (postgres://u:***@host:5432/db)</c>.</summary>
    public string Label { get; }

    public DatabaseUrl Url { get; }

    public string Display => $"postgres://{Url.User}:***@{Url.Host}:{Url.Port}/{Url.Database}";

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Url.ToConnectionString())
    {
        Pooling = false,
        CommandTimeout = 0,
        ApplicationName = "heroku-tools data copy",
    }.ConnectionString;

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellation)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellation);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new Common.ToolException($"cannot connect to {Label} ({Display}): {e.Message}", Common.ExitCodes.Failure);
        }
    }

    /// <summary>libpq's environment for pg_dump/psql: the password never goes on a command line.</summary>
    public IReadOnlyDictionary<string, string> LibpqEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PGHOST"] = Url.Host,
        ["PGPORT"] = Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PGUSER"] = Url.User,
        ["PGPASSWORD"] = Url.Password,
        ["PGDATABASE"] = Url.Database,
        ["PGAPPNAME"] = "heroku-tools data copy",
    };
}

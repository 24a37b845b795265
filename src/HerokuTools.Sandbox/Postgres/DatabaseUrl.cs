using Npgsql;

namespace HerokuTools.Sandbox.Postgres;

/// <summary>A Heroku-style database URL, <c>postgres://USER:PASSWORD@HOST:PORT/DATABASE</c>, and its Npgsql
/// connection string.</summary>
public sealed record DatabaseUrl(string User, string Password, string Host, int Port, string Database)
{
    public static DatabaseUrl Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != "postgres" && uri.Scheme != "postgresql")
            || string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new FormatException("Not a postgres://USER:PASSWORD@HOST:PORT/DATABASE URL.");
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        return new DatabaseUrl(
            Uri.UnescapeDataString(userInfo[0]),
            userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : string.Empty,
            uri.Host,
            uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')));
    }

    public string ToConnectionString() => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = User,
        Password = Password,
        Database = Database,
    }.ConnectionString;

    /// <summary>The URL, password included: a secret, never for output.</summary>
    public override string ToString() =>
        $"postgres://{Uri.EscapeDataString(User)}:{Uri.EscapeDataString(Password)}@{Host}:{Port}/{Uri.EscapeDataString(Database)}";
}

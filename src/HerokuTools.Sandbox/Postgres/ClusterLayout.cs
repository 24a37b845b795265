namespace HerokuTools.Sandbox.Postgres;

/// <summary>
/// What lives in the sandbox's PostgreSQL folder: the cluster itself (<c>pgdata/</c>, made by initdb), the superuser's
/// password (0600), the server log, the port it last listened on, and its Unix socket.
/// </summary>
internal sealed record ClusterLayout(string Root)
{
    public string PgData => Path.Combine(Root, "pgdata");

    public string PasswordFile => Path.Combine(Root, "superuser.password");

    public string LogFile => Path.Combine(Root, "server.log");

    public string PortFile => Path.Combine(Root, "port");

    /// <summary>Our settings (port, listen address, socket folder, durability off); included by postgresql.conf.</summary>
    public string SettingsFile => Path.Combine(PgData, SettingsFileName);

    public string PidFile => Path.Combine(PgData, "postmaster.pid");

    public string VersionFile => Path.Combine(PgData, "PG_VERSION");

    /// <summary>The Unix socket folder, or null when its path would be too long for a socket (TCP only then).</summary>
    public string? SocketDirectory => Root.Length + "/.s.PGSQL.65535.lock".Length < 100 ? Root : null;

    public const string SettingsFileName = "sandbox.conf";

    public bool IsInitialised => File.Exists(VersionFile);
}

namespace HerokuTools.Sandbox.Postgres;

/// <summary>Provisions Heroku Postgres databases on the sandbox's own PostgreSQL server.</summary>
public interface IPostgresProvisioner
{
    /// <summary>Creates a database and a role that owns it, for an add-on named <paramref name="addonName"/>;
    /// returns its connection URL (<c>postgres://user:password@127.0.0.1:PORT/db</c>), which becomes DATABASE_URL.</summary>
    Task<string> CreateDatabaseAsync(string addonName, CancellationToken cancellation = default);

    /// <summary>Drops the add-on's database and role (add-on destroyed, app deleted).</summary>
    Task DropDatabaseAsync(string addonName, CancellationToken cancellation = default);
}

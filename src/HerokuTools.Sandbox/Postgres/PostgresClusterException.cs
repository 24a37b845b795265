namespace HerokuTools.Sandbox.Postgres;

/// <summary>The sandbox's PostgreSQL server could not be found, initialised, started or stopped; the message says what
/// to do about it.</summary>
public sealed class PostgresClusterException : Exception
{
    public PostgresClusterException()
    {
    }

    public PostgresClusterException(string message)
        : base(message)
    {
    }

    public PostgresClusterException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

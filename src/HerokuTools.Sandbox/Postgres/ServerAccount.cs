namespace HerokuTools.Sandbox.Postgres;

/// <summary>
/// The operating-system account the PostgreSQL programs run as. PostgreSQL refuses to run as root, so when we are
/// root they run as the <c>postgres</c> system user (made by the Debian package) through <c>setpriv</c>, and the files
/// they use are handed to it; otherwise they run as ourselves.
/// </summary>
internal sealed class ServerAccount
{
    public const string PostgresUser = "postgres";

    private ServerAccount(string? userName, string? userAndGroupIds)
    {
        UserName = userName;
        UserAndGroupIds = userAndGroupIds;
    }

    /// <summary>The other user the programs run as, or null when they run as ourselves.</summary>
    public string? UserName { get; }

    /// <summary><c>UID:GID</c> of that user, for chown.</summary>
    private string? UserAndGroupIds { get; }

    public bool IsOtherUser => UserName is not null;

    public static async Task<ServerAccount> ForCurrentProcessAsync(CancellationToken cancellation)
    {
        if (!Libc.IsRoot)
        {
            return new ServerAccount(null, null);
        }

        var entry = await CommandRunner.RunAsync(
            "getent", ["passwd", PostgresUser], "/", cancellation, TimeSpan.FromSeconds(30));
        var fields = entry.Output.Trim().Split(':');
        if (!entry.Succeeded || fields.Length < 4)
        {
            throw new PostgresClusterException(
                $"Running as root, the sandbox's PostgreSQL must run as the `{PostgresUser}` system user, which does not "
                + "exist; install the server with `apt-get install postgresql` (it creates that user), or run as a normal user.");
        }

        return new ServerAccount(PostgresUser, $"{fields[2]}:{fields[3]}");
    }

    /// <summary>The program and arguments that run <paramref name="program"/> as this account.</summary>
    public (string Program, IReadOnlyList<string> Arguments) Command(string program, IReadOnlyList<string> arguments)
    {
        if (UserName is null)
        {
            return (program, arguments);
        }

        var ids = UserAndGroupIds!.Split(':');
        return ("setpriv", [$"--reuid={ids[0]}", $"--regid={ids[1]}", "--init-groups", "--", program, .. arguments]);
    }

    public async Task<CommandResult> RunAsync(
        string program,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        CancellationToken cancellation,
        TimeSpan? timeout = null)
    {
        var (actual, actualArguments) = Command(program, arguments);
        return await CommandRunner.RunAsync(actual, actualArguments, workingDirectory, cancellation, timeout);
    }

    /// <summary>Hands files and folders we made to this account (nothing to do when it is ourselves).</summary>
    public async Task GiveAsync(IReadOnlyList<string> paths, CancellationToken cancellation)
    {
        if (UserAndGroupIds is null || paths.Count == 0)
        {
            return;
        }

        var result = await CommandRunner.RunAsync(
            "chown", [UserAndGroupIds, .. paths], "/", cancellation, TimeSpan.FromSeconds(30));
        if (!result.Succeeded)
        {
            throw new PostgresClusterException(
                $"Could not hand {string.Join(", ", paths)} to the `{UserName}` user: {result.Output.Trim()}");
        }
    }

    /// <summary>
    /// Fails clearly when the other user cannot reach <paramref name="folder"/> because a parent folder is closed to
    /// others (e.g. a home folder with mode 0700); temp folders under /tmp are fine.
    /// </summary>
    public void EnsureCanReach(string folder)
    {
        if (UserName is null || OperatingSystem.IsWindows())
        {
            return;
        }

        for (var parent = Directory.GetParent(folder); parent is not null; parent = parent.Parent)
        {
            if (!parent.Exists)
            {
                continue;
            }

            if ((parent.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                throw new PostgresClusterException(
                    $"The `{UserName}` user that runs the sandbox's PostgreSQL cannot reach {folder}: {parent.FullName} "
                    + "is closed to other users. Put the sandbox folder somewhere it can reach (e.g. under /tmp) "
                    + $"or open that folder with `chmod o+x {parent.FullName}`.");
            }
        }
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace HerokuTools.Sandbox.Postgres;

/// <summary>
/// The sandbox's own PostgreSQL server: a cluster in a folder of its own (initialised on first start, kept across
/// restarts), listening on 127.0.0.1 only, with a generated superuser password that never appears on a command line.
/// Dispose it to stop the server; a server left running by a killed run is cleaned up on the next start.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private const string LoopbackHost = "127.0.0.1";

    private readonly ClusterLayout _layout;
    private readonly ServerAccount _account;
    private readonly PostgresBinaries _binaries;
    private readonly SemaphoreSlim _stopping = new(1, 1);
    private bool _running = true;

    private PostgresCluster(
        ClusterLayout layout, ServerAccount account, PostgresBinaries binaries, int port, string password)
    {
        _layout = layout;
        _account = account;
        _binaries = binaries;
        Port = port;
        SuperuserPassword = password;
        AdminDataSource = NpgsqlDataSource.Create(ConnectionString(Superuser, password, "postgres"));
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
    }

    /// <summary>The folder given to <see cref="StartAsync"/>.</summary>
    public string DataDirectory => _layout.Root;

    /// <summary>Where the server listens: loopback only.</summary>
    public string Host { get; } = LoopbackHost;

    /// <summary>The TCP port the server listens on (the previous run's port when it is still free).</summary>
    public int Port { get; }

    public bool IsRunning => _running;

    internal string SuperuserPassword { get; }

    /// <summary>Superuser connections to the <c>postgres</c> database, for provisioning.</summary>
    internal NpgsqlDataSource AdminDataSource { get; }

    internal string PidFile => _layout.PidFile;

    /// <summary>
    /// Starts the server on the cluster in <paramref name="dataDirectory"/>, creating the cluster (initdb) when the folder
    /// has none yet, and returns once it accepts connections.
    /// </summary>
    /// <exception cref="PostgresClusterException">PostgreSQL is not installed, or the cluster cannot be set up or started.</exception>
    public static async Task<PostgresCluster> StartAsync(string dataDirectory, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The sandbox's PostgreSQL runs on Linux and macOS only.");
        }

        var layout = new ClusterLayout(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory)));
        var binaries = await PostgresBinaries.LocateAsync(cancellation);
        var account = await ServerAccount.ForCurrentProcessAsync(cancellation);
        account.EnsureCanReach(layout.Root);

        Directory.CreateDirectory(layout.Root);
        File.SetUnixFileMode(layout.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await account.GiveAsync([layout.Root], cancellation);

        if (!layout.IsInitialised)
        {
            await InitialiseAsync(layout, account, binaries, cancellation);
        }

        await LeftoverServer.ClearAsync(layout, account, binaries, cancellation);
        var password = ReadPassword(layout);
        var port = await StartServerAsync(layout, account, binaries, cancellation);

        var cluster = new PostgresCluster(layout, account, binaries, port, password);
        try
        {
            await cluster.CloseDefaultDatabaseAsync(cancellation);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private string ConnectionString(string user, string password, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = LoopbackHost,
        Port = Port,
        Username = user,
        Password = password,
        Database = database,
    }.ConnectionString;

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>, then immediate if that fails). Safe to call twice.</summary>
    public async Task StopAsync(CancellationToken cancellation = default)
    {
        await _stopping.WaitAsync(cancellation);
        try
        {
            if (!_running)
            {
                return;
            }

            await AdminDataSource.DisposeAsync();
            var stop = await PgCtlStopAsync("fast", cancellation);
            if (!stop.Succeeded && LeftoverServer.IsRunning(_layout))
            {
                stop = await PgCtlStopAsync("immediate", cancellation);
                if (!stop.Succeeded && LeftoverServer.IsRunning(_layout))
                {
                    throw new PostgresClusterException(
                        $"Could not stop the sandbox's PostgreSQL server in {_layout.PgData}: {stop.Output.Trim()}");
                }
            }

            _running = false;
            AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        }
        finally
        {
            _stopping.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }

    private Task<CommandResult> PgCtlStopAsync(string mode, CancellationToken cancellation) =>
        _account.RunAsync(
            _binaries.PgCtl, ["stop", "-D", _layout.PgData, "-m", mode, "-w", "-t", "30"],
            "/", cancellation, TimeSpan.FromSeconds(45));

    /// <summary>The safety net for an owner that forgot to dispose: the process is ending, so no exceptions.</summary>
    private void StopOnExit(object? sender, EventArgs e)
    {
        if (!_running || !LeftoverServer.IsRunning(_layout))
        {
            return;
        }

        try
        {
            PgCtlStopAsync("fast", CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception failure) when (failure is PostgresClusterException or IOException or InvalidOperationException)
        {
            // Nothing left to report to at exit; the next start cleans up a server still running.
        }
    }

    /// <summary>Add-on roles may connect to their own database only: the provisioner revokes PUBLIC's CONNECT on each
    /// new database, this does it for the default one (idempotent, so on every start).</summary>
    private async Task CloseDefaultDatabaseAsync(CancellationToken cancellation)
    {
        await using var command = AdminDataSource.CreateCommand(
            "REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC");
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private static async Task InitialiseAsync(
        ClusterLayout layout, ServerAccount account, PostgresBinaries binaries, CancellationToken cancellation)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }

        if (Directory.Exists(layout.PgData))
        {
            Directory.Delete(layout.PgData, recursive: true); // a half-made cluster from an interrupted initdb
        }

        var password = RandomNumberGenerator.GetHexString(40, lowercase: true);
        await using (var file = new FileStream(layout.PasswordFile, new FileStreamOptions
                     {
                         Mode = FileMode.Create,
                         Access = FileAccess.Write,
                         UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                     }))
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteLineAsync(password);
        }

        File.SetUnixFileMode(layout.PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await account.GiveAsync([layout.PasswordFile], cancellation);

        var initDb = await account.RunAsync(
            binaries.InitDb,
            [
                "--pgdata", layout.PgData, "--username", Superuser, "--pwfile", layout.PasswordFile,
                "--auth", "scram-sha-256", "--encoding", "UTF8", "--no-locale", "--no-sync",
            ],
            "/",
            cancellation,
            TimeSpan.FromMinutes(3));
        if (!initDb.Succeeded)
        {
            throw new PostgresClusterException(
                $"initdb could not create the sandbox's PostgreSQL cluster in {layout.PgData}: {LastLines(initDb.Output)}");
        }

        await File.AppendAllTextAsync(
            Path.Combine(layout.PgData, "postgresql.conf"),
            $"{Environment.NewLine}include_if_exists = '{ClusterLayout.SettingsFileName}'{Environment.NewLine}",
            cancellation);
    }

    private static string ReadPassword(ClusterLayout layout)
    {
        var password = File.Exists(layout.PasswordFile) ? File.ReadAllText(layout.PasswordFile).Trim() : string.Empty;
        return password.Length > 0
            ? password
            : throw new PostgresClusterException(
                $"The superuser password of the sandbox's PostgreSQL ({layout.PasswordFile}) is missing; "
                + $"delete {layout.Root} to start over with an empty cluster.");
    }

    /// <summary>Starts the server, retrying on another port when the chosen one was taken in the meantime.</summary>
    private static async Task<int> StartServerAsync(
        ClusterLayout layout, ServerAccount account, PostgresBinaries binaries, CancellationToken cancellation)
    {
        var preferred = PreviousPort(layout);
        for (var attempt = 1; ; attempt++)
        {
            var port = preferred is { } previous && IsFree(previous) ? previous : FreePort();
            preferred = null;
            await WriteSettingsAsync(layout, account, port, cancellation);
            var logLength = File.Exists(layout.LogFile) ? new FileInfo(layout.LogFile).Length : 0;
            var start = await account.RunAsync(
                binaries.PgCtl,
                ["start", "-D", layout.PgData, "-l", layout.LogFile, "-w", "-t", "60", "-s"],
                "/",
                cancellation,
                TimeSpan.FromSeconds(90));
            if (start.Succeeded)
            {
                await File.WriteAllTextAsync(
                    layout.PortFile, port.ToString(CultureInfo.InvariantCulture), cancellation);
                return port;
            }

            var log = NewLogText(layout.LogFile, logLength);
            if (attempt < 3 && log.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            throw new PostgresClusterException(
                $"The sandbox's PostgreSQL server did not start ({layout.PgData}): {LastLines(log + start.Output)}");
        }
    }

    private static async Task WriteSettingsAsync(
        ClusterLayout layout, ServerAccount account, int port, CancellationToken cancellation)
    {
        var socketDirectory = layout.SocketDirectory?.Replace("'", "''", StringComparison.Ordinal) ?? string.Empty;
        var settings = string.Join(
            '\n',
            "# Written by heroku-tools on every start of the sandbox.",
            $"listen_addresses = '{LoopbackHost}'",
            $"port = {port.ToString(CultureInfo.InvariantCulture)}",
            $"unix_socket_directories = '{socketDirectory}'",
            "password_encryption = 'scram-sha-256'",
            "# One server holds every app's database; data copies open a few connections each, several run at once.",
            "max_connections = 300",
            "# A sandbox: speed over durability.",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            string.Empty);
        await File.WriteAllTextAsync(layout.SettingsFile, settings, cancellation);
        await account.GiveAsync([layout.SettingsFile], cancellation);
    }

    private static int? PreviousPort(ClusterLayout layout) =>
        File.Exists(layout.PortFile)
        && int.TryParse(File.ReadAllText(layout.PortFile).Trim(), CultureInfo.InvariantCulture, out var port)
        && port is > 0 and < 65536
            ? port
            : null;

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    private static string NewLogText(string logFile, long from)
    {
        if (!File.Exists(logFile))
        {
            return string.Empty;
        }

        using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string LastLines(string text) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(4));
}

namespace HerokuTools.Sandbox.Postgres;

/// <summary>Where the PostgreSQL server programs (initdb, pg_ctl, postgres) live on this machine.</summary>
internal sealed record PostgresBinaries(string Directory)
{
    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    /// <summary>
    /// <c>pg_config --bindir</c> when it names a folder with the server programs (on Debian it may only come with the
    /// client), else the newest <c>/usr/lib/postgresql/N/bin</c>, else the folder on PATH holding <c>pg_ctl</c>.
    /// </summary>
    public static async Task<PostgresBinaries> LocateAsync(CancellationToken cancellation)
    {
        foreach (var candidate in await CandidatesAsync(cancellation))
        {
            if (HasServerPrograms(candidate))
            {
                return new PostgresBinaries(candidate);
            }
        }

        throw new PostgresClusterException(
            "The PostgreSQL server programs (initdb, pg_ctl, postgres) were not found; install them with "
            + "`apt-get install postgresql` (or put their folder on PATH).");
    }

    private static async Task<List<string>> CandidatesAsync(CancellationToken cancellation)
    {
        var candidates = new List<string>();
        var pgConfig = FindOnPath("pg_config");
        if (pgConfig is not null)
        {
            try
            {
                var result = await CommandRunner.RunAsync(
                    pgConfig, ["--bindir"], Path.GetTempPath(), cancellation, TimeSpan.FromSeconds(30));
                if (result.Succeeded && !string.IsNullOrWhiteSpace(result.Output))
                {
                    candidates.Add(result.Output.Trim());
                }
            }
            catch (PostgresClusterException)
            {
                // A broken pg_config is no reason to give up; the other places may still have the programs.
            }
        }

        candidates.AddRange(DebianVersionFolders("/usr/lib/postgresql"));
        var pgCtl = FindOnPath("pg_ctl");
        if (pgCtl is not null)
        {
            candidates.Add(Path.GetDirectoryName(ResolveLinks(pgCtl))!);
        }

        return candidates;
    }

    /// <summary>The <c>N/bin</c> folders under <paramref name="root"/>, newest major version first.</summary>
    internal static IEnumerable<string> DebianVersionFolders(string root)
    {
        if (!System.IO.Directory.Exists(root))
        {
            return [];
        }

        return System.IO.Directory.GetDirectories(root)
            .Select(folder => (folder, version: decimal.TryParse(
                Path.GetFileName(folder), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(entry => entry.version >= 0)
            .OrderByDescending(entry => entry.version)
            .Select(entry => Path.Combine(entry.folder, "bin"));
    }

    private static bool HasServerPrograms(string folder) =>
        File.Exists(Path.Combine(folder, "initdb"))
        && File.Exists(Path.Combine(folder, "pg_ctl"))
        && File.Exists(Path.Combine(folder, "postgres"));

    private static string? FindOnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
    }

    private static string ResolveLinks(string file) =>
        File.ResolveLinkTarget(file, returnFinalTarget: true)?.FullName ?? file;
}

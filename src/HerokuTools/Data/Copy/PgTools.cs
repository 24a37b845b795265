using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HerokuTools.Common;

namespace HerokuTools.Data.Copy;

/// <summary>
/// The PostgreSQL client programs (pg_dump, psql): found on PATH, else the newest /usr/lib/postgresql/N/bin.
/// Credentials reach them through the libpq environment only.
/// </summary>
public sealed partial class PgTools(string directory)
{
    public string Directory { get; } = directory;

    public static PgTools Locate(string? path)
    {
        foreach (var folder in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(folder, "pg_dump")) && File.Exists(Path.Combine(folder, "psql")))
            {
                return new PgTools(folder);
            }
        }

        const string debian = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(debian))
        {
            var newest = System.IO.Directory.GetDirectories(debian)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_dump")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault();
            if (newest is not null)
            {
                return new PgTools(newest);
            }
        }

        throw new ToolException("pg_dump and psql were not found; install the PostgreSQL client (e.g. apt-get install postgresql-client)", ExitCodes.Usage);
    }

    /// <summary>pg_dump's major version (e.g. 15).</summary>
    public async Task<int> PgDumpMajorVersionAsync(CancellationToken cancellation)
    {
        var result = await RunAsync("pg_dump", ["--version"], new Dictionary<string, string>(), null, cancellation);
        var match = VersionPattern().Match(result);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Runs a program of this folder; returns its standard output, or throws with its standard error.</summary>
    public async Task<string> RunAsync(string program, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env,
        string? input, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(env);
        var start = new ProcessStartInfo(Path.Combine(Directory, program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env)
        {
            start.Environment[k] = v;
        }

        using var process = Process.Start(start) ?? throw new ToolException($"cannot start {program}", ExitCodes.Failure);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
            var stderr = process.StandardError.ReadToEndAsync(cancellation);
            if (input is not null)
            {
                try
                {
                    await process.StandardInput.WriteAsync(input.AsMemory(), cancellation);
                }
                catch (IOException)
                {
                    // The program stopped reading (it failed); its standard error says why.
                }
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellation);
            var output = await stdout;
            var error = await stderr;
            if (process.ExitCode != 0)
            {
                var reason = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .FirstOrDefault(l => l.Contains("ERROR", StringComparison.Ordinal) || l.Contains("error", StringComparison.Ordinal))
                    ?? error.Trim();
                throw new ToolException($"{program} failed (exit {process.ExitCode}): {reason}", ExitCodes.Failure);
            }

            return output;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    [GeneratedRegex(@"\) (\d+)")]
    private static partial Regex VersionPattern();
}

using System.Globalization;
using HerokuTools.Git;

namespace HerokuTools.Deploy;

/// <summary>
/// A note in the repository's git folder (<c>.git/heroku-tools/maintenance-APP</c>) written before a deploy switches
/// maintenance on and removed once it is off again. If the process dies outright (kill -9), the note stays, and the
/// next deploy or status reports it; <c>maintenance off</c> clears it.
/// </summary>
public sealed class MaintenanceJournal(string folder)
{
    public string Folder { get; } = folder;

    /// <summary>The journal of the repository <paramref name="git"/> works in (its common git folder).</summary>
    public static async Task<MaintenanceJournal> OpenAsync(IGit git, string workingDirectory, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(git);
        var r = await git.RunAsync(["rev-parse", "--git-common-dir"], null, cancellation);
        var gitDir = r.Success ? Path.GetFullPath(r.StandardOutput.Trim(), workingDirectory) : Path.Combine(workingDirectory, ".git");
        return new MaintenanceJournal(Path.Combine(gitDir, "heroku-tools"));
    }

    /// <summary>The repository's top level (null: not in a repository) and its journal, from one <c>git rev-parse</c>.</summary>
    public static async Task<(string? TopLevel, MaintenanceJournal Journal)> OpenWithTopLevelAsync(
        IGit git, string workingDirectory, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(git);
        var r = await git.RunAsync(["rev-parse", "--show-toplevel", "--git-common-dir"], null, cancellation);
        var lines = r.Success ? r.Lines : [];
        if (lines.Count < 2)
        {
            return (null, new MaintenanceJournal(Path.Combine(workingDirectory, ".git", "heroku-tools")));
        }

        return (lines[0], new MaintenanceJournal(Path.Combine(Path.GetFullPath(lines[1], workingDirectory), "heroku-tools")));
    }

    public void Record(string environment, string app, DateTimeOffset at, string why)
    {
        Directory.CreateDirectory(Folder);
        var text = string.Join('\n', environment, app, at.ToString("O", CultureInfo.InvariantCulture),
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture), why) + "\n";
        var temp = PathOf(app) + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, PathOf(app), overwrite: true);
    }

    public void Clear(string app)
    {
        var path = PathOf(app);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>The entry for <paramref name="app"/>, or null.</summary>
    public JournalEntry? Find(string app)
    {
        var path = PathOf(app);
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length < 5 || !DateTimeOffset.TryParse(lines[2], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            return new JournalEntry("?", app, DateTimeOffset.MinValue, 0, "unreadable journal entry");
        }

        return new JournalEntry(lines[0], lines[1], at, int.TryParse(lines[3], CultureInfo.InvariantCulture, out var pid) ? pid : 0, lines[4]);
    }

    /// <summary>
    /// Notes (in <c>pending/STEP-APP</c>) that <paramref name="step"/> (migrate or collectstatic) is owed to <paramref name="app"/>: written before
    /// the push (or promotion) that makes it due, removed when the step succeeds; the next deploy plans it again.
    /// </summary>
    public void RecordPending(string app, StepKind step, string why)
    {
        Directory.CreateDirectory(Path.Combine(Folder, "pending"));
        var temp = PendingPathOf(app, step) + ".tmp";
        File.WriteAllText(temp, why + "\n");
        File.Move(temp, PendingPathOf(app, step), overwrite: true);
    }

    public void ClearPending(string app, StepKind step)
    {
        var path = PendingPathOf(app, step);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Why <paramref name="step"/> is still owed to <paramref name="app"/>, or null when it is not.</summary>
    public string? FindPending(string app, StepKind step)
    {
        var path = PendingPathOf(app, step);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    private string PathOf(string app) => Path.Combine(Folder, "maintenance-" + app);

    private string PendingPathOf(string app, StepKind step) =>
        Path.Combine(Folder, "pending", $"{step.ToString().ToLowerInvariant()}-{app}");
}

/// <summary>Maintenance was switched on for <see cref="App"/> at <see cref="At"/> by process <see cref="ProcessId"/>.</summary>
public sealed record JournalEntry(string Environment, string App, DateTimeOffset At, int ProcessId, string Why)
{
    /// <summary>One line for status and deploy.</summary>
    public string Describe(bool maintenanceIsOn) => FormattableString.Invariant(
        $"a deploy switched maintenance on for {App} at {At:yyyy-MM-dd HH:mm:ss zzz} ({Why}) and did not finish; maintenance is {(maintenanceIsOn ? "still on" : "off now")}: run 'heroku-tools maintenance off {Environment}' to clear this");
}

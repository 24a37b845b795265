namespace HerokuTools.Git;

/// <summary>The seam around the git executable: run one git command in a repository and get its output.</summary>
public interface IGit
{
    /// <summary>Runs git with <paramref name="arguments"/>. Never throws for a non-zero exit; the caller decides.</summary>
    Task<GitResult> RunAsync(IReadOnlyList<string> arguments, GitRunOptions? options = null, CancellationToken cancellation = default);
}

/// <summary>Per-call extras: environment (e.g. authentication) and where to stream output as it arrives.</summary>
public sealed record GitRunOptions
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Called with each standard-error line as it arrives (git writes progress and remote output there).</summary>
    public Action<string>? OnErrorLine { get; init; }

    /// <summary>Called with each standard-output line as it arrives.</summary>
    public Action<string>? OnOutputLine { get; init; }

    /// <summary>Written to git's standard input.</summary>
    public string? StandardInput { get; init; }
}

public sealed record GitResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Success => ExitCode == 0;

    /// <summary>Output lines without the trailing empty one.</summary>
    public IReadOnlyList<string> Lines =>
        StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The first line of standard error, for a one-line failure message.</summary>
    public string FirstErrorLine =>
        StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(l => !l.StartsWith("hint:", StringComparison.Ordinal)) ?? $"git exited with {ExitCode}";
}

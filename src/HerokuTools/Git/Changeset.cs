namespace HerokuTools.Git;

/// <summary>What a deployment contains: the commits and changed files between what is released and the target.</summary>
/// <param name="Base">The released commit; null on a first deploy (or when it cannot be had): every file counts as changed.</param>
/// <param name="Target">The commit to deploy.</param>
/// <param name="Commits">Non-merge commits in Base..Target, newest first.</param>
/// <param name="Files">Files changed between Base and Target (all files of Target when Base is null).</param>
public sealed record Changeset(string? Base, string Target, IReadOnlyList<CommitInfo> Commits, IReadOnlyList<FileChange> Files)
{
    public bool IsFirstDeploy => Base is null;

    public bool IsEmpty => Base is not null && string.Equals(Base, Target, StringComparison.OrdinalIgnoreCase);
}

/// <summary>One commit, as <c>git log --no-merges</c> shows it.</summary>
public sealed record CommitInfo(string Sha, string AuthorName, DateTimeOffset AuthorDate, string Subject)
{
    public string ShortSha => Sha.Length > 7 ? Sha[..7] : Sha;
}

/// <summary>One changed file: its status letter (A added, M modified, D deleted, R renamed, C copied, T type change).</summary>
public sealed record FileChange(char Status, string Path, string? OldPath = null)
{
    /// <summary>The paths this change touches (both sides of a rename).</summary>
    public IEnumerable<string> Paths => OldPath is null ? [Path] : [OldPath, Path];
}

/// <summary>A commit with the paths it touches (what a deploy would take away from the running release).</summary>
public sealed record CommitWithFiles(CommitInfo Commit, IReadOnlyList<string> Files);

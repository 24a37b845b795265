namespace HerokuTools.Deploy;

/// <summary>The changed files under one top-level folder: how many, and the ones shown.</summary>
public sealed record FileGroup(string Folder, int Count, IReadOnlyList<ShownFile> Shown)
{
    public int Hidden => Count - Shown.Count;
}

/// <summary>A listed file: status letter, name (<c>old -&gt; new</c> for renames) and the steps it triggers, if any.</summary>
public sealed record ShownFile(char Status, string Name, string? Mark);

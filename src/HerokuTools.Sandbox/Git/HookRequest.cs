namespace HerokuTools.Sandbox.Git;

/// <summary>What the pre-receive hook hands over: the ref updates and where the pushed (quarantined) objects are.</summary>
internal sealed record HookRequest(
    IReadOnlyList<RefUpdate> Updates,
    string ObjectDirectory,
    string AlternateObjectDirectories,
    string QuarantinePath)
{
    /// <summary>The variables under which git sees the quarantined objects (for git archive / show).</summary>
    public IReadOnlyDictionary<string, string> GitEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ObjectDirectory.Length > 0)
        {
            env["GIT_OBJECT_DIRECTORY"] = ObjectDirectory;
        }

        if (AlternateObjectDirectories.Length > 0)
        {
            env["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = AlternateObjectDirectories;
        }

        if (QuarantinePath.Length > 0)
        {
            env["GIT_QUARANTINE_PATH"] = QuarantinePath;
        }

        return env;
    }
}

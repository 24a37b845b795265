namespace HerokuTools.Common;

/// <summary>The one place the process exit codes are defined; README and --help quote them.</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done (or there was nothing to do).</summary>
    public const int Success = 0;

    /// <summary>The operation was attempted and failed (an API error, a failed push, a failed step), or, for
    /// check/diff commands, the answer is "not in order".</summary>
    public const int Failure = 1;

    /// <summary>The command line or heroku-tools.yml is wrong; nothing was attempted.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl-C / SIGTERM); cleanup ran.</summary>
    public const int Interrupted = 130;

    public const string HelpText =
        "Exit codes: 0 success, 1 the operation failed (or a check found differences), 2 usage or config error, 130 interrupted.";
}

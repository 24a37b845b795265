namespace HerokuTools.Common;

/// <summary>
/// A failure the user can act on: one clear message and the exit code it maps to. It is rendered once, at the top
/// (<see cref="Cli.App"/>); anything else that escapes is a bug and is reported as such.
/// </summary>
public class ToolException(string message, int exitCode = ExitCodes.Failure, Exception? inner = null)
    : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}

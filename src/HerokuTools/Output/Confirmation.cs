using HerokuTools.Common;

namespace HerokuTools.Output;

/// <summary>
/// Asking before doing: on a terminal, show the question and read the answer; with --yes, go ahead; without a
/// terminal and without --yes, refuse with one clear line (a CI job must say --yes on purpose).
/// </summary>
public static class Confirmation
{
    /// <summary>Asks "QUESTION [y/N]"; returns false when the answer is not yes.</summary>
    /// <exception cref="ToolException">Not on a terminal and <paramref name="yes"/> not given (exit 2).</exception>
    public static bool Ask(Reporter reporter, string question, bool yes)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        if (yes)
        {
            return true;
        }

        RequireTerminal(reporter);
        reporter.Host.Error.Write($"{question} [y/N] ");
        var answer = reporter.Host.In.ReadLine()?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>For protected environments: the user must type <paramref name="expected"/> (the app name).</summary>
    /// <exception cref="ToolException">Not on a terminal and <paramref name="yes"/> not given (exit 2).</exception>
    public static bool AskToType(Reporter reporter, string question, string expected, bool yes)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        if (yes)
        {
            return true;
        }

        RequireTerminal(reporter);
        reporter.Host.Error.Write($"{question}\nType the app name ({expected}) to continue: ");
        return string.Equals(reporter.Host.In.ReadLine()?.Trim(), expected, StringComparison.Ordinal);
    }

    private static void RequireTerminal(Reporter reporter)
    {
        if (!reporter.Host.InputIsTerminal)
        {
            throw new ToolException("confirmation needed but standard input is not a terminal; pass --yes to go ahead", ExitCodes.Usage);
        }
    }
}

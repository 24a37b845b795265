using HerokuTools.Output;

namespace HerokuTools.Deploy;

/// <summary>
/// How a running deploy shows its steps and their output (build, one-off dynos): plain lines, or a live status on a
/// terminal (<see cref="TerminalStepDisplay"/>). The executor only talks to this.
/// </summary>
public interface IStepDisplay
{
    /// <summary>Runs <paramref name="work"/> as the current step; it writes its output lines through the action it gets.</summary>
    Task<T> RunAsync<T>(string title, Func<Action<string>, Task<T>> work);
}

/// <summary>Plain lines on standard error: <c>==&gt; title</c>, then the step's output indented by four spaces.</summary>
public sealed class PlainStepDisplay(Reporter reporter) : IStepDisplay
{
    public Task<T> RunAsync<T>(string title, Func<Action<string>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        reporter.Note("==> " + title);
        return work(line => reporter.Note("    " + line));
    }
}

/// <summary>Picks the display: live on an interactive terminal with colour (and no --json), plain lines otherwise.</summary>
public static class StepDisplay
{
    public static IStepDisplay For(Reporter reporter)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        return reporter.Rich && reporter.Host.ErrorIsTerminal
            ? new TerminalStepDisplay(TerminalStepDisplay.ConsoleOn(reporter.Host.Error))
            : new PlainStepDisplay(reporter);
    }
}

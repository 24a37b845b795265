using System.Diagnostics;
using Spectre.Console;

namespace HerokuTools.Deploy;

/// <summary>
/// A step on a terminal: its title as a heading, its output lines streaming above a live status line (spinner, the
/// step, the time it has taken so far) that disappears when the step ends.
/// </summary>
public sealed class TerminalStepDisplay(IAnsiConsole console) : IStepDisplay
{
    /// <summary>How often the elapsed time in the status line is updated.</summary>
    public static TimeSpan Tick { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>An interactive ANSI console writing to <paramref name="writer"/> (standard error on a terminal).</summary>
    public static IAnsiConsole ConsoleOn(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.Yes,
        ColorSystem = ColorSystemSupport.Standard,
        Interactive = InteractionSupport.Yes,
    });

    public async Task<T> RunAsync<T>(string title, Func<Action<string>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        console.MarkupLine($"[bold]==> {Markup.Escape(title)}[/]");
        var clock = Stopwatch.StartNew();
        return await console.Status()
            .Spinner(Spinner.Known.Dots)
            .StartAsync(Status(title, clock.Elapsed), async context =>
            {
                using var ticking = new CancellationTokenSource();
                var ticker = TickAsync(context, title, clock, ticking.Token);
                try
                {
                    return await work(line => console.WriteLine("    " + line));
                }
                finally
                {
                    await ticking.CancelAsync();
                    await ticker;
                }
            });
    }

    private static async Task TickAsync(StatusContext context, string title, Stopwatch clock, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                context.Status(Status(title, clock.Elapsed));
            }
        }
        catch (OperationCanceledException)
        {
            // The step ended.
        }
    }

    private static string Status(string title, TimeSpan elapsed) =>
        FormattableString.Invariant($"{Markup.Escape(title)} [grey]{elapsed.TotalSeconds:0.0}s[/]");
}

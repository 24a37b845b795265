using System.Globalization;
using System.Text;
using HerokuTools.Cli;
using HerokuTools.Cli.Data;
using HerokuTools.Common;
using HerokuTools.Data.Copy;
using HerokuTools.Data.Masking;
using HerokuTools.Output;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Data;

/// <summary>data copy's progress on standard error: per-table lines and a redrawn status line on a terminal, plain lines when piped.</summary>
public sealed class CopyProgressTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private const string Escape = "\u001b";

    [Fact]
    public async Task A_copy_on_a_terminal_reports_each_table_and_the_summary_and_piped_output_has_no_escape_codes()
    {
        using var apps = await DataApps.CreateAsync(sandbox);
        var env = new Dictionary<string, string>(sandbox.ClientEnvironment) { ["ANON_KEY"] = "k3y" };

        var tty = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--jobs", "2")
        { Environment = env, Terminal = true, Stdin = "y\n" });
        tty.ExitCode.ShouldBe(ExitCodes.Success, tty.Error);
        // When the copy takes over a second, the status line is drawn and cleared ("\r ESC[2K status \r ESC[2K") just
        // before a table's line: take those redraws out, as the terminal does, before looking at the lines.
        var lines = System.Text.RegularExpressions.Regex.Replace(tty.Error, "(\r\u001b\\[2K[^\r\n]*)*\r\u001b\\[2K", "");
        lines.ShouldContain("copying 2 tables on 2 streams");
        lines.ShouldMatch(@"(?m)^  auth_user: 200 rows, [0-9.]+ MB in [0-9.]+ s \([0-9.]+ MB/s\)$");
        lines.ShouldMatch(@"(?m)^  profile: 200 rows, ");
        lines.ShouldContain("verifying");
        tty.Out.ShouldContain("╭"); // the summary is a table on a terminal
        tty.Out.ShouldContain("auth_user");

        var piped = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--yes", "--jobs", "2") { Environment = env });
        piped.ExitCode.ShouldBe(ExitCodes.Success, piped.Error);
        piped.Error.ShouldMatch(@"(?m)^  auth_user: 200 rows, ");
        piped.Error.ShouldNotContain(Escape);
        piped.Out.ShouldNotContain(Escape);
        piped.Out.ShouldNotContain("╭");
        piped.Out.ShouldMatch(@"(?m)^auth_user +200 ");
    }

    [Fact]
    public async Task The_status_line_is_redrawn_on_a_terminal_only_and_cleared_before_the_next_line()
    {
        var (terminal, terminalError) = Progress(isTerminal: true);
        var (piped, pipedError) = Progress(isTerminal: false);
        using (terminal)
        using (piped)
        {
            var transfer = new BinaryCopyTransformer(new IFieldMasker?[] { null });
            terminal.TableStarted("orders", transfer, 50 << 20);
            piped.TableStarted("orders", transfer, 50 << 20);
            // The timer redraws every second; a loaded machine may be late, so wait for the first redraw (at most 10 s).
            for (var waited = 0; waited < 100 && !terminalError.ToString().Contains("ETA", StringComparison.Ordinal); waited++)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            var done = new TableResult("orders", false, 0, 10, 10, 2 << 20, TimeSpan.FromSeconds(1));
            terminal.TableDone(done);
            piped.TableDone(done);
        }

        var tty = terminalError.ToString();
        tty.ShouldContain("\r" + Escape + "[2Korders 0 rows 0 MB 0 MB/s | ETA ");
        tty.ShouldEndWith("\r" + Escape + "[2K  orders: 10 rows, 2.0 MB in 1.0 s (2.0 MB/s)" + Environment.NewLine);
        pipedError.ToString().ShouldBe("  orders: 10 rows, 2.0 MB in 1.0 s (2.0 MB/s)" + Environment.NewLine);
    }

    /// <summary>Standard error: the timer writes from its own thread through a synchronized writer, which locks on itself.</summary>
    private sealed class ErrorCapture
    {
        private readonly StringBuilder _text = new();

        public ErrorCapture() => Writer = TextWriter.Synchronized(new StringWriter(_text, CultureInfo.InvariantCulture));

        public TextWriter Writer { get; }

        public override string ToString()
        {
            lock (Writer)
            {
                return _text.ToString();
            }
        }
    }

    private static (CopyProgress Progress, ErrorCapture Error) Progress(bool isTerminal)
    {
        var error = new ErrorCapture();
        var host = new CliHost
        {
            Out = new StringWriter(),
            Error = error.Writer,
            In = new StringReader(""),
            OutputIsTerminal = isTerminal,
            ErrorIsTerminal = isTerminal,
            InputIsTerminal = isTerminal,
            Environment = new Dictionary<string, string>(),
            WorkingDirectory = Path.GetTempPath(),
        };
        return (new CopyProgress(new Reporter(host, new GlobalSettings(null, Json: false, Color: true, Verbose: false))), error);
    }
}

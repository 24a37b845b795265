using HerokuTools.Cli;
using HerokuTools.Common;
using HerokuTools.Output;

namespace HerokuTools.Tests.Output;

public class ConfirmationAndColourTests
{
    private static Reporter Reporter(string stdin, bool terminal, bool color = true, Dictionary<string, string>? env = null, StringWriter? err = null)
    {
        var host = new CliHost
        {
            Out = new StringWriter(),
            Error = err ?? new StringWriter(),
            In = new StringReader(stdin),
            InputIsTerminal = terminal,
            OutputIsTerminal = terminal,
            ErrorIsTerminal = terminal,
            Environment = env ?? [],
            WorkingDirectory = "/",
        };
        return new Reporter(host, new GlobalSettings(null, Json: false, Color: color, Verbose: false));
    }

    [Theory]
    [InlineData("y\n", true)]
    [InlineData("YES\n", true)]
    [InlineData("n\n", false)]
    [InlineData("\n", false)]
    [InlineData("", false)]
    public void Ask_reads_a_yes_from_the_terminal(string answer, bool expected) =>
        Confirmation.Ask(Reporter(answer, terminal: true), "Deploy?", yes: false).ShouldBe(expected);

    [Fact]
    public void Without_a_terminal_and_without_yes_it_refuses_with_a_usage_error()
    {
        var e = Should.Throw<ToolException>(() => Confirmation.Ask(Reporter("y\n", terminal: false), "Deploy?", yes: false));
        e.ExitCode.ShouldBe(ExitCodes.Usage);
        e.Message.ShouldContain("--yes");
    }

    [Fact]
    public void Yes_skips_the_question_even_without_a_terminal() =>
        Confirmation.AskToType(Reporter("", terminal: false), "Deploy to live?", "shop-live", yes: true).ShouldBeTrue();

    [Theory]
    [InlineData("shop-live\n", true)]
    [InlineData("y\n", false)]
    [InlineData("Shop-Live\n", false)]
    public void Protected_environments_need_the_app_name_typed(string answer, bool expected) =>
        Confirmation.AskToType(Reporter(answer, terminal: true), "Deploy to live?", "shop-live", yes: false).ShouldBe(expected);

    [Fact]
    public void Warnings_are_coloured_on_a_terminal_and_plain_otherwise()
    {
        var coloured = new StringWriter();
        Reporter("", terminal: true, err: coloured).Warn("careful");
        coloured.ToString().ShouldContain("\u001b[33mwarning: \u001b[0mcareful");

        var plain = new StringWriter();
        Reporter("", terminal: false, err: plain).Warn("careful");
        plain.ToString().ShouldBe("warning: careful" + Environment.NewLine);
    }

    [Fact]
    public async Task NO_COLOR_turns_colour_off_even_on_a_terminal()
    {
        using var dir = new TempDirectory();
        var r = await Support.ProgramRunner.RunAsync(new Support.ProgramRun(dir.Path, "check") { Terminal = true, Environment = new Dictionary<string, string> { ["NO_COLOR"] = "1" } });
        r.Error.ShouldNotContain("\u001b[");
        var coloured = await Support.ProgramRunner.RunAsync(new Support.ProgramRun(dir.Path, "check") { Terminal = true });
        coloured.Error.ShouldContain("\u001b[31merror: ");
        var flag = await Support.ProgramRunner.RunAsync(new Support.ProgramRun(dir.Path, "check", "--no-color") { Terminal = true });
        flag.Error.ShouldNotContain("\u001b[");
    }
}

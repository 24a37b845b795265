using HerokuTools.Deploy;
using HerokuTools.Git;

namespace HerokuTools.Tests.Deploy;

/// <summary>The live step display on a fake terminal (an ANSI console writing to a string), and the parsers deploy relies on.</summary>
public class StepDisplayTests
{
    [Fact]
    public async Task The_terminal_display_shows_the_heading_the_output_and_a_live_status_and_returns_the_steps_value()
    {
        var writer = new StringWriter();
        var display = new TerminalStepDisplay(TerminalStepDisplay.ConsoleOn(writer));

        var value = await display.RunAsync("push dev (abc1234)", async output =>
        {
            output("remote: Building source:");
            await Task.Delay(450, TestContext.Current.CancellationToken);
            output("remote:        Released v7");
            return 42;
        });

        value.ShouldBe(42);
        var text = writer.ToString();
        text.ShouldContain("==> push dev (abc1234)");
        text.ShouldContain("    remote: Building source:");
        text.ShouldContain("    remote:        Released v7");
        text.ShouldContain("\u001b[");
        text.ShouldMatch(@"push dev \(abc1234\).*\d+\.\ds");
    }

    [Fact]
    public async Task A_failing_step_fails_through_the_terminal_display()
    {
        var display = new TerminalStepDisplay(TerminalStepDisplay.ConsoleOn(new StringWriter()));

        await Should.ThrowAsync<InvalidOperationException>(() => display.RunAsync<bool>("migrate", _ => throw new InvalidOperationException("boom")));
    }

    [Theory]
    [InlineData("remote:        Released v7", 7)]
    [InlineData("       Released v123", 123)]
    [InlineData("remote: Verifying deploy... done.", null)]
    [InlineData("remote: Released vX", null)]
    public void The_release_version_is_read_from_the_builds_output(string line, int? version) =>
        HerokuPush.ReleasedVersion(line).ShouldBe(version);

    [Fact]
    public void Name_status_output_is_parsed_in_one_pass_with_renames_copies_and_odd_names()
    {
        var output = "M\0app.py\0R087\0old name.txt\0new\nname.txt\0A\0migrations/0002.sql\0C100\0a.css\0b.css\0D\0gone\0";

        var changes = ChangesetReader.ParseNameStatus(output);

        changes.ShouldBe([
            new FileChange('M', "app.py"),
            new FileChange('R', "new\nname.txt", "old name.txt"),
            new FileChange('A', "migrations/0002.sql"),
            new FileChange('C', "b.css", "a.css"),
            new FileChange('D', "gone"),
        ]);
        ChangesetReader.ParseNameStatus("").ShouldBeEmpty();
    }
}

using HerokuTools.Common;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Cli;

public class ProgramTests
{
    [Fact]
    public async Task Version_prints_the_assembly_version()
    {
        using var dir = new TempDirectory();
        var r = await ProgramRunner.RunAsync(dir.Path, "--version");
        r.ExitCode.ShouldBe(ExitCodes.Success);
        r.Out.Trim().ShouldMatch(@"^\d+\.\d+\.\d+");
    }

    [Fact]
    public async Task Help_documents_the_exit_codes_and_global_options()
    {
        using var dir = new TempDirectory();
        var r = await ProgramRunner.RunAsync(dir.Path, "--help");
        r.ExitCode.ShouldBe(ExitCodes.Success);
        r.Out.ShouldContain("Exit codes: 0 success, 1 the operation failed");
        foreach (var option in new[] { "--config", "--json", "--no-color", "--verbose", "--version" })
        {
            r.Out.ShouldContain(option);
        }
    }

    [Fact]
    public async Task No_command_shows_help()
    {
        using var dir = new TempDirectory();
        var r = await ProgramRunner.RunAsync(dir.Path);
        r.ExitCode.ShouldBe(ExitCodes.Success);
        r.Out.ShouldContain("Usage:");
        r.Out.ShouldContain("init");
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("nosuchcommand")]
    [InlineData("init", "extra-argument")]
    public async Task Usage_errors_exit_2_with_one_line_and_a_pointer_to_help(params string[] args)
    {
        using var dir = new TempDirectory();
        var r = await ProgramRunner.RunAsync(dir.Path, args);
        r.ExitCode.ShouldBe(ExitCodes.Usage);
        r.Out.ShouldBeEmpty();
        r.Error.ShouldStartWith("error: ");
        r.Error.ShouldContain("--help' for usage.");
    }
}

using HerokuTools.Common;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Cli;

/// <summary>Issue 4.2 and 4.3: option and command errors are one plain line in the tool's words, typos get a suggestion.</summary>
public class CommandLineWordingTests
{
    private static async Task<string[]> ErrorLinesAsync(params string[] args)
    {
        using var dir = new TempDirectory();
        var r = await ProgramRunner.RunAsync(dir.Path, args);
        r.ExitCode.ShouldBe(ExitCodes.Usage, r.Error);
        r.Error.ShouldNotContain("System.");
        r.Error.ShouldNotContain("HerokuTools.");
        r.Error.ShouldNotContain("Did you mean one of the following");
        var errors = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToArray();
        errors.Length.ShouldBe(1, r.Error);
        return errors;
    }

    [Theory]
    [InlineData(new[] { "rollback", "dev", "--to", "three" }, "error: --to expects a release version such as 3 or v3, not 'three'")]
    [InlineData(new[] { "rollback", "dev", "--to", "v0" }, "error: --to expects a release version such as 3 or v3, not 'v0'")]
    [InlineData(new[] { "deploy", "dev", "--maintenance", "sometimes" }, "error: --maintenance must be auto, always or never, not 'sometimes'")]
    [InlineData(new[] { "deploy", "dev", "--maintenance", "alwys" }, "error: --maintenance must be auto, always or never, not 'alwys'; did you mean 'always'?")]
    [InlineData(new[] { "data", "copy", "live", "dev", "--jobs", "many" }, "error: --jobs expects a whole number, not 'many'")]
    [InlineData(new[] { "sandbox", "up", "--port", "http" }, "error: --port expects a whole number, not 'http'")]
    public async Task A_bad_option_value_is_one_plain_line(string[] args, string expected)
    {
        (await ErrorLinesAsync(args)).ShouldBe([expected]);
    }

    [Theory]
    [InlineData(new[] { "deply", "dev" }, "error: unknown command 'deply'; did you mean 'deploy'?")]
    [InlineData(new[] { "deploy", "dev", "--dryrun" }, "error: unknown option '--dryrun'; did you mean '--dry-run'?")]
    [InlineData(new[] { "maintenance", "of", "dev" }, "error: unknown command 'of' for 'maintenance'; did you mean 'off'?")]
    [InlineData(new[] { "frobnicate" }, "error: unknown command 'frobnicate'")]
    [InlineData(new[] { "status", "--jsn" }, "error: unknown option '--jsn'; did you mean '--json'?")]
    public async Task A_typo_gets_a_suggestion_only_when_it_is_close(string[] args, string expected)
    {
        (await ErrorLinesAsync(args)).ShouldBe([expected]);
    }
}

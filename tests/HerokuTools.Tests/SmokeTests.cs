using HerokuTools.Common;
namespace HerokuTools.Tests;
public class SmokeTests
{
    [Fact]
    public void Exit_codes_are_distinct() => new[] { ExitCodes.Success, ExitCodes.Failure, ExitCodes.Usage }.Distinct().Count().ShouldBe(3);
}

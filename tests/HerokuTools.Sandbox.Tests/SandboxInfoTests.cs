namespace HerokuTools.Sandbox.Tests;
public class SandboxInfoTests
{
    [Fact]
    public void Default_directory_is_hidden() => SandboxInfo.DefaultDirectory.ShouldStartWith(".");
}

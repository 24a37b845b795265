using HerokuTools.Common;

namespace HerokuTools.Tests.ConfigVars;

/// <summary>config pull writes secrets: the file is the owner's only (0600), and an existing stricter mode is kept.</summary>
public class ConfigPullModeTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task A_new_file_is_written_0600_not_world_readable()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var project = await ConfigProject.CreateAsync(sandbox);
        await project.SetAsync(project.Dev, new Dictionary<string, string?> { ["SECRET_KEY"] = "s3cr3t-pulled" });

        var r = await project.RunAsync("config", "pull", "dev");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        var path = Path.Combine(project.Path, "config", "dev.yml");
        File.GetUnixFileMode(path).ShouldBe(OwnerReadWrite);
        project.Read("config/dev.yml").ShouldContain("SECRET_KEY: s3cr3t-pulled");
        Directory.GetFiles(Path.Combine(project.Path, "config"), "*.tmp", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, OwnerReadWrite)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, OwnerReadWrite)]
    [InlineData(UnixFileMode.UserRead, UnixFileMode.UserRead)]
    public async Task Pull_force_tightens_a_looser_file_and_keeps_a_stricter_one(UnixFileMode before, UnixFileMode after)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var project = await ConfigProject.CreateAsync(sandbox);
        await project.SetAsync(project.Dev, new Dictionary<string, string?> { ["A"] = "new" });
        var path = project.Write("config/dev.yml", "# kept\nsettings:\n  A: old\n");
        File.SetUnixFileMode(path, before);

        var r = await project.RunAsync("config", "pull", "dev", "--force");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        File.GetUnixFileMode(path).ShouldBe(after);
        File.ReadAllText(path).ShouldBe("# kept\nsettings:\n  A: new\n");
    }

    [Fact]
    public async Task A_symlinked_config_file_is_written_through_the_link_0600()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var project = await ConfigProject.CreateAsync(sandbox);
        await project.SetAsync(project.Dev, new Dictionary<string, string?> { ["A"] = "new" });
        var real = project.Write("private/dev.yml", "settings:\n  A: old\n");
        File.SetUnixFileMode(real, OwnerReadWrite | UnixFileMode.OtherRead);
        var link = Path.Combine(project.Path, "config", "dev.yml");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, real);

        var r = await project.RunAsync("config", "pull", "dev", "--force");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        new FileInfo(link).LinkTarget.ShouldBe(real);
        File.ReadAllText(real).ShouldBe("settings:\n  A: new\n");
        File.GetUnixFileMode(real).ShouldBe(OwnerReadWrite);
    }
}

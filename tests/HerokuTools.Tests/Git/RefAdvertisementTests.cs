using System.Text;
using HerokuTools.Git;

namespace HerokuTools.Tests.Git;

/// <summary>The smart-HTTP ref advertisement parser: well-formed v0/v1 answers give their refs, anything else null.</summary>
public class RefAdvertisementTests
{
    private const string Main = "1111111111111111111111111111111111111111";
    private const string Master = "2222222222222222222222222222222222222222";

    private static string Pkt(string payload) => (payload.Length + 4).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + payload;

    private static Dictionary<string, string>? Parse(string body) => RefAdvertisement.Parse(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void A_v0_advertisement_gives_every_ref_and_drops_the_capabilities()
    {
        var body = Pkt("# service=git-upload-pack\n") + "0000"
            + Pkt($"{Main} HEAD\0multi_ack thin-pack side-band symref=HEAD:refs/heads/main agent=git/2.39\n")
            + Pkt($"{Main} refs/heads/main\n")
            + Pkt($"{Master} refs/heads/master\n")
            + "0000";

        var refs = Parse(body).ShouldNotBeNull();

        refs.Count.ShouldBe(3);
        refs["HEAD"].ShouldBe(Main);
        refs["refs/heads/main"].ShouldBe(Main);
        refs["refs/heads/master"].ShouldBe(Master);
    }

    [Fact]
    public void An_empty_repository_has_no_refs()
    {
        var body = Pkt("# service=git-upload-pack\n") + "0000"
            + Pkt("0000000000000000000000000000000000000000 capabilities^{}\0report-status agent=git/2.39\n") + "0000";

        Parse(body).ShouldNotBeNull().ShouldBeEmpty();
    }

    [Fact]
    public void A_version_1_line_is_skipped()
    {
        var body = Pkt("# service=git-upload-pack\n") + "0000" + Pkt("version 1\n")
            + Pkt($"{Main} refs/heads/main\0agent=x\n") + "0000";

        Parse(body).ShouldNotBeNull()["refs/heads/main"].ShouldBe(Main);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>Sign in</html>")]
    [InlineData("1111111111111111111111111111111111111111\trefs/heads/main\n")] // a dumb server's info/refs
    public void What_is_not_a_smart_advertisement_is_null(string body) => Parse(body).ShouldBeNull();

    [Fact]
    public void Protocol_v2_truncation_and_errors_are_null()
    {
        var head = Pkt("# service=git-upload-pack\n") + "0000";

        Parse(head + Pkt("version 2\n") + Pkt("ls-refs\n") + "0000").ShouldBeNull();
        Parse(head + Pkt($"{Main} refs/heads/main\n")).ShouldBeNull(); // no final flush
        Parse(head + "00ff" + $"{Main} refs/heads/main\n").ShouldBeNull(); // length beyond the body
        Parse(head + Pkt("ERR access denied\n") + "0000").ShouldBeNull();
        Parse(head + "zzzz").ShouldBeNull();
    }
}

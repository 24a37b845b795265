using HerokuTools.Sandbox.Dynos;

namespace HerokuTools.Sandbox.Tests.Dynos;

public class RendezvousAddressTests
{
    [Fact]
    public void Parses_host_port_and_secret() =>
        RendezvousAddress.Parse("rendezvous://127.0.0.1:5000/abc123?x=1")
            .ShouldBe(new RendezvousAddress("127.0.0.1", 5000, "abc123?x=1"));

    [Theory]
    [InlineData("https://127.0.0.1:5000/abc")]
    [InlineData("rendezvous://127.0.0.1:5000/")]
    [InlineData("not a url")]
    public void Rejects_other_urls(string url) => Should.Throw<FormatException>(() => RendezvousAddress.Parse(url));

    [Fact]
    public void Never_shows_the_secret()
    {
        RendezvousAddress.Parse("rendezvous://127.0.0.1:5000/topsecret").ToString().ShouldNotContain("topsecret");
        Should.Throw<FormatException>(() => RendezvousAddress.Parse("ftp://h:1/topsecret")).Message
            .ShouldNotContain("topsecret");
    }
}

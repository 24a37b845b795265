using HerokuTools.Heroku;

namespace HerokuTools.Tests.Heroku;

public sealed class NetrcFileTests
{
    [Fact]
    public void Picks_the_entry_of_the_asked_machine_among_several()
    {
        var netrc = NetrcFile.Parse("""
            machine api.heroku.com
              login dev@example.com
              password api-token
            machine git.heroku.com
              login dev@example.com
              password git-token
            """);

        netrc.Entries.Count.ShouldBe(2);
        netrc.Find("api.heroku.com").ShouldBe(new NetrcEntry("api.heroku.com", "dev@example.com", "api-token"));
        netrc.Find("git.heroku.com")!.Password.ShouldBe("git-token");
        netrc.Find("example.org").ShouldBeNull();
    }

    [Fact]
    public void Tokens_may_share_a_line_or_span_lines_and_hosts_match_case_insensitively()
    {
        var netrc = NetrcFile.Parse("machine API.Heroku.com login a\npassword\n\n   one-line-token machine other password x");

        netrc.Find("api.heroku.com")!.Password.ShouldBe("one-line-token");
        netrc.Find("other")!.Password.ShouldBe("x");
    }

    [Fact]
    public void Default_is_the_fallback_and_a_machine_wins_even_when_default_comes_first()
    {
        var netrc = NetrcFile.Parse("default login anyone password fallback\nmachine api.heroku.com password specific\n");

        netrc.Find("api.heroku.com")!.Password.ShouldBe("specific");
        netrc.Find("127.0.0.1")!.Password.ShouldBe("fallback");
        netrc.Find("127.0.0.1")!.Machine.ShouldBeNull();
    }

    [Fact]
    public void Comments_are_skipped()
    {
        var netrc = NetrcFile.Parse("""
            # machine api.heroku.com password commented-out
            machine api.heroku.com # the API
              password real # trailing comment
            """);

        netrc.Find("api.heroku.com")!.Password.ShouldBe("real");
        netrc.Entries.Count.ShouldBe(1);
    }

    [Fact]
    public void Macro_bodies_are_skipped_up_to_the_blank_line()
    {
        var netrc = NetrcFile.Parse(
            "machine ftp.example.com login u password p\n" +
            "macdef init\n" +
            "machine api.heroku.com password from-macro\n" +
            "cd /pub\n" +
            "\n" +
            "machine 127.0.0.1 password sandbox\n");

        netrc.Find("api.heroku.com").ShouldBeNull();
        netrc.Find("127.0.0.1")!.Password.ShouldBe("sandbox");
        netrc.Find("ftp.example.com")!.Password.ShouldBe("p");
    }

    [Fact]
    public void Quoted_tokens_keep_their_spaces_and_account_is_ignored()
    {
        var netrc = NetrcFile.Parse("machine h account acct login \"a b\" password \"p \\\"q\\\" r\"");

        netrc.Find("h").ShouldBe(new NetrcEntry("h", "a b", "p \"q\" r"));
    }

    [Fact]
    public void A_missing_file_is_an_empty_netrc()
    {
        var netrc = NetrcFile.Load(Path.Combine(Path.GetTempPath(), "no-netrc-" + Guid.NewGuid().ToString("N"), ".netrc"));

        netrc.Entries.ShouldBeEmpty();
        netrc.Find("api.heroku.com").ShouldBeNull();
    }
}

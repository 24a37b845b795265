using HerokuTools.Common;
using HerokuTools.Heroku;

namespace HerokuTools.Tests.Heroku;

public sealed class HerokuCredentialsTests : IDisposable
{
    private static readonly Uri Heroku = new("https://api.heroku.com");
    private readonly string _home = Directory.CreateTempSubdirectory("heroku-tools-home-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private void WriteNetrc(string text) => File.WriteAllText(Path.Combine(_home, ".netrc"), text);

    private static Dictionary<string, string> Env(params (string Key, string Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value);

    [Fact]
    public void The_api_key_variable_wins_over_netrc()
    {
        WriteNetrc("machine api.heroku.com login a password from-netrc");

        HerokuCredentials.Resolve(Env(("HEROKU_API_KEY", "from-env")), _home, Heroku).ShouldBe("from-env");
    }

    [Fact]
    public void Netrc_is_used_when_the_variable_is_absent_or_empty()
    {
        WriteNetrc("machine api.heroku.com login a password from-netrc");

        HerokuCredentials.Resolve(Env(), _home, Heroku).ShouldBe("from-netrc");
        HerokuCredentials.Resolve(Env(("HEROKU_API_KEY", "")), _home, Heroku).ShouldBe("from-netrc");
    }

    [Fact]
    public void The_netrc_machine_is_the_api_host_so_a_sandbox_uses_its_own_entry()
    {
        WriteNetrc("machine api.heroku.com password real\nmachine 127.0.0.1 password sandbox");

        HerokuCredentials.Resolve(Env(), _home, new Uri("http://127.0.0.1:5123")).ShouldBe("sandbox");
    }

    [Fact]
    public void Without_either_it_says_how_to_log_in()
    {
        WriteNetrc("machine git.heroku.com password git-only");

        var error = Should.Throw<ToolException>(() => HerokuCredentials.Resolve(Env(), _home, Heroku));

        error.Message.ShouldBe("not logged in: set HEROKU_API_KEY or log in with `heroku login` (~/.netrc has no entry for api.heroku.com)");
        error.ExitCode.ShouldBe(ExitCodes.Failure);
    }

    [Fact]
    public void Without_a_netrc_file_it_also_says_how_to_log_in()
    {
        Should.Throw<ToolException>(() => HerokuCredentials.Resolve(Env(), _home, Heroku)).ExitCode.ShouldBe(ExitCodes.Failure);
    }
}

public sealed class HerokuClientOptionsTests
{
    [Fact]
    public void The_api_url_comes_from_heroku_api_url_or_defaults_to_heroku()
    {
        HerokuClientOptions.ApiUrlFrom(new Dictionary<string, string>()).ShouldBe(new Uri("https://api.heroku.com"));
        HerokuClientOptions.ApiUrlFrom(new Dictionary<string, string> { ["HEROKU_API_URL"] = "http://127.0.0.1:5000" })
            .ShouldBe(new Uri("http://127.0.0.1:5000"));
    }

    [Fact]
    public void A_malformed_api_url_is_a_usage_error()
    {
        Should.Throw<ToolException>(() => HerokuClientOptions.ApiUrlFrom(new Dictionary<string, string> { ["HEROKU_API_URL"] = "ftp://x" }))
            .ExitCode.ShouldBe(ExitCodes.Usage);
    }
}

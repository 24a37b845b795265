using HerokuTools.Common;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Data;

/// <summary>data rules init looks at what columns hold, not only at their names.</summary>
public sealed class RulesInitContentsTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_column_holding_emails_is_flagged_whatever_its_name()
    {
        using var apps = await DataApps.CreateAsync(sandbox);
        await DataCopierTests.ExecAsync(apps.LiveDb, """
            CREATE TABLE lead (id int PRIMARY KEY, contact text, remarks text, mostly_codes text);
            INSERT INTO lead SELECT i, 'buyer' || i || '@shop.example', 'call back on day ' || i,
                   CASE WHEN i % 5 = 0 THEN 'x' || i || '@a.example' ELSE 'CODE-' || i END
            FROM generate_series(1, 60) i;
            """);

        var r = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "rules", "init", "live")
        { Environment = new Dictionary<string, string>(sandbox.ClientEnvironment) { ["ANON_KEY"] = "k" } });

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        var lead = r.Out[r.Out.IndexOf("    lead:", StringComparison.Ordinal)..];
        lead.ShouldContain("contact: email   # REVIEW: looks personal");
        lead.ShouldContain("remarks: keep   # REVIEW");
        lead.ShouldContain("mostly_codes: keep   # REVIEW"); // a fifth of the values are emails: not enough to say so
    }
}

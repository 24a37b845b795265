using HerokuTools.Cli;
using HerokuTools.Output;

namespace HerokuTools.Tests.Output;

public class TableWriterTests
{
    private static (Reporter Reporter, StringWriter Out) Make(bool terminal, bool color = true, bool json = false)
    {
        var output = new StringWriter();
        var host = new CliHost
        {
            Out = output,
            Error = new StringWriter(),
            In = new StringReader(""),
            OutputIsTerminal = terminal,
            Environment = new Dictionary<string, string>(),
            WorkingDirectory = "/",
        };
        return (new Reporter(host, new GlobalSettings(null, json, color, false)), output);
    }

    private static readonly string[] Headers = ["ENV", "APP"];
    private static readonly IReadOnlyList<string>[] Rows = [["live", "shop-live"], ["dev", "[bold]shop-dev"]];

    [Fact]
    public void Piped_output_is_aligned_plain_lines()
    {
        var (reporter, output) = Make(terminal: false);
        TableWriter.Write(reporter, Headers, Rows);
        output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)
            .ShouldBe(["ENV   APP", "live  shop-live", "dev   [bold]shop-dev"]);
    }

    [Fact]
    public void A_terminal_gets_a_drawn_table_and_cells_are_text_not_markup()
    {
        var (reporter, output) = Make(terminal: true);
        TableWriter.Write(reporter, Headers, Rows);
        var text = output.ToString();
        text.ShouldContain("╭");
        text.ShouldContain("shop-live");
        text.ShouldContain("[bold]shop-dev");
    }

    [Fact]
    public void No_colour_or_json_means_no_drawing()
    {
        var (plain, plainOut) = Make(terminal: true, color: false);
        TableWriter.Write(plain, Headers, Rows);
        plainOut.ToString().ShouldNotContain("╭");
        var (json, jsonOut) = Make(terminal: true, json: true);
        TableWriter.Write(json, Headers, Rows);
        jsonOut.ToString().ShouldBeEmpty();
    }
}

using System.Text;
using HerokuTools.Sandbox.Dynos;

namespace HerokuTools.Sandbox.Tests.Dynos;

public class ExitStatusMarkerTests
{
    private const string Output = "hello\nwörld\n\uFFFF heroku-command-exit-status: 42\n";

    [Fact]
    public void Appends_the_marker_as_the_heroku_cli_does() =>
        ExitStatusMarker.AppendTo("rake db:migrate")
            .ShouldBe("rake db:migrate; echo \"\uFFFF heroku-command-exit-status: $?\"");

    [Fact]
    public void Strips_the_marker_and_returns_the_status()
    {
        var (shown, status) = Run(Encoding.UTF8.GetBytes(Output));
        shown.ShouldBe("hello\nwörld\n");
        status.ShouldBe(42);
    }

    [Fact]
    public void Finds_the_marker_split_at_any_byte()
    {
        var bytes = Encoding.UTF8.GetBytes(Output);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var (shown, status) = Run(bytes[..cut], bytes[cut..]);
            shown.ShouldBe("hello\nwörld\n", $"cut at {cut}");
            status.ShouldBe(42, $"cut at {cut}");
        }
    }

    [Fact]
    public void Finds_the_marker_fed_byte_by_byte_with_crlf_and_output_after_it()
    {
        var bytes = Encoding.UTF8.GetBytes("a\r\n\uFFFF heroku-command-exit-status: 7\r\nafter");
        var (shown, status) = Run([.. bytes.Select(b => new[] { b })]);
        shown.ShouldBe("a\r\nafter");
        status.ShouldBe(7);
    }

    [Fact]
    public void Marker_after_output_without_newline_and_at_the_very_end()
    {
        var (shown, status) = Run(Encoding.UTF8.GetBytes("no newline\uFFFF heroku-command-exit-status: 0"));
        shown.ShouldBe("no newline");
        status.ShouldBe(0);
    }

    [Fact]
    public void Output_without_a_marker_passes_through_unchanged()
    {
        var text = "plain \uFFFF heroku-command-exit-status: x and a partial \uFFFF heroku-comm";
        var (shown, status) = Run(Encoding.UTF8.GetBytes(text));
        shown.ShouldBe(text);
        status.ShouldBeNull();
    }

    private static (string Shown, int? Status) Run(params byte[][] chunks)
    {
        var marker = new ExitStatusMarker();
        var shown = new List<byte>();
        foreach (var chunk in chunks)
        {
            shown.AddRange(marker.Filter(chunk));
        }

        shown.AddRange(marker.Flush());
        return (Encoding.UTF8.GetString([.. shown]), marker.ExitStatus);
    }
}

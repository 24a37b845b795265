using System.Globalization;
using HerokuTools.Cli;

namespace HerokuTools.Output;

/// <summary>
/// Writes for people: results to standard output, notes, warnings and errors to standard error. Plain lines when
/// not on a terminal; nothing but the JSON document on standard output with --json.
/// </summary>
public sealed class Reporter(CliHost host, GlobalSettings settings)
{
    public CliHost Host { get; } = host;
    public GlobalSettings Settings { get; } = settings;

    /// <summary>Rich rendering (Spectre tables, progress) is allowed: a terminal, colour on, no --json.</summary>
    public bool Rich => Host.OutputIsTerminal && Settings.Color && !Settings.Json;

    /// <summary>A result line on standard output (suppressed with --json, where the JSON document is the result).</summary>
    public void Line(string text = "")
    {
        if (!Settings.Json)
        {
            Host.Out.WriteLine(text);
        }
    }

    /// <summary>Progress and context on standard error, so standard output stays clean for piping.</summary>
    public void Note(string text) => Host.Error.WriteLine(text);

    public void Warn(string text) => Host.Error.WriteLine(Paint("warning: ", "33") + text);

    public void Error(string text) => Host.Error.WriteLine(Paint("error: ", "31") + text);

    /// <summary>A diagnostic line (only with --verbose), stamped with the time since the process started.</summary>
    public void Verbose(string text)
    {
        if (Settings.Verbose)
        {
            var elapsed = DateTime.Now - ProcessStart.Value;
            Host.Error.WriteLine(Paint(string.Create(CultureInfo.InvariantCulture, $"[{elapsed.TotalMilliseconds,6:0} ms] {text}"), "2"));
        }
    }

    private static readonly Lazy<DateTime> ProcessStart = new(() =>
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.StartTime;
    });

    /// <summary>The JSON result document (only with --json).</summary>
    public void Json(string json) => Host.Out.WriteLine(json);

    private string Paint(string text, string sgr) =>
        Settings.Color && Host.ErrorIsTerminal ? $"\u001b[{sgr}m{text}\u001b[0m" : text;
}

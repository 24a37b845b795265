using Spectre.Console;
using Spectre.Console.Rendering;

namespace HerokuTools.Output;

/// <summary>
/// A table for people: a Spectre table on a terminal (colour allowed, no --json), aligned plain lines otherwise
/// (pipes, CI logs, NO_COLOR), so scripts that read the plain form keep working.
/// </summary>
public static class TableWriter
{
    public static void Write(Reporter reporter, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        if (reporter.Settings.Json)
        {
            return;
        }

        if (reporter.Rich)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(reporter.Host.Out),
                Ansi = AnsiSupport.Yes,
                ColorSystem = ColorSystemSupport.Standard,
                Interactive = InteractionSupport.No,
            });
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var header in headers)
            {
                table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
            }

            foreach (var row in rows)
            {
                table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
            }

            console.Write(table);
            return;
        }

        foreach (var line in Plain(headers, rows))
        {
            reporter.Line(line);
        }
    }

    /// <summary>Aligned columns, two spaces apart, no trailing blanks.</summary>
    public static IEnumerable<string> Plain(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var all = new List<IReadOnlyList<string>> { headers };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, headers.Count).Select(i => all.Max(row => row[i].Length)).ToArray();
        return all.Select(row => string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
    }
}

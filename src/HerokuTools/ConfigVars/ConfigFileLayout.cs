using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HerokuTools.ConfigVars;

/// <summary>Where one <c>settings:</c> entry is in the text: the key, and the value's start and end (char offsets).</summary>
internal sealed record EntrySpan(string Key, int KeyStart, int ValueStart, int ValueEnd, bool ValueIsInline);

/// <summary>
/// The positions of a config file's <c>settings:</c> entries, so an update can edit the text in place and keep
/// comments and order. Null when the layout is not the plain block style that can be edited safely.
/// </summary>
internal sealed record ConfigFileLayout(IReadOnlyList<EntrySpan> Entries, int Indent, int AppendAt, bool SettingsIsEmpty)
{
    public static ConfigFileLayout? Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            if (!parser.TryConsume<MappingStart>(out var root) || root.Style != MappingStyle.Block)
            {
                return null;
            }

            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = parser.Consume<Scalar>();
                if (key.Value != ConfigFileReader.Settings)
                {
                    Skip(parser);
                    continue;
                }

                if (parser.TryConsume<Scalar>(out var empty))
                {
                    // "settings:" with nothing under it: new entries go on the lines after it.
                    return empty.Value.Length == 0 ? new ConfigFileLayout([], 4, LineEnd(text, (int)key.End.Index), true) : null;
                }

                return ReadSettings(parser, text);
            }

            return null;
        }
        catch (YamlException)
        {
            return null;
        }
    }

    private static ConfigFileLayout? ReadSettings(Parser parser, string text)
    {
        if (!parser.TryConsume<MappingStart>(out var mapping) || mapping.Style != MappingStyle.Block)
        {
            return null;
        }

        var entries = new List<EntrySpan>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            if (!parser.TryConsume<Scalar>(out var key) || !key.Anchor.IsEmpty)
            {
                return null;
            }

            if (!parser.Accept<Scalar>(out var value) || !value.Anchor.IsEmpty)
            {
                return null;
            }

            parser.MoveNext();
            var inline = value.Style is ScalarStyle.Plain or ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted
                && value.Start.Line == value.End.Line;
            entries.Add(new EntrySpan(key.Value, (int)key.Start.Index, (int)value.Start.Index, (int)value.End.Index, inline));
        }

        if (entries.Count == 0)
        {
            return null;
        }

        var indent = (int)(mapping.Start.Column - 1);
        var last = entries[^1];
        return new ConfigFileLayout(entries, indent, EntryEnd(text, last), false);
    }

    /// <summary>From the start of the key's line to just after the line break that ends the value.</summary>
    public static (int Start, int End) WholeEntry(string text, EntrySpan entry)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(entry);
        var start = text.LastIndexOf('\n', Math.Max(0, entry.KeyStart - 1)) + 1;
        if (entry.KeyStart == 0)
        {
            start = 0;
        }

        return (start, EntryEnd(text, entry));
    }

    private static int EntryEnd(string text, EntrySpan entry)
    {
        // A block scalar ends at the start of the next line already; a flow scalar ends mid-line.
        var end = Math.Min(entry.ValueEnd, text.Length);
        if (end > 0 && text[end - 1] == '\n')
        {
            return end;
        }

        return LineEnd(text, end);
    }

    private static int LineEnd(string text, int from)
    {
        var newline = text.IndexOf('\n', Math.Min(from, text.Length));
        return newline < 0 ? text.Length : newline + 1;
    }

    private static void Skip(Parser parser)
    {
        var depth = 0;
        do
        {
            var current = parser.Current;
            if (current is MappingStart or SequenceStart)
            {
                depth++;
            }
            else if (current is MappingEnd or SequenceEnd)
            {
                depth--;
            }

            parser.MoveNext();
        }
        while (depth > 0);
    }
}

using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HerokuTools.Workflow.Yaml;

/// <summary>
/// Reads YAML text into <see cref="SourceNode"/>s from YamlDotNet's event stream, keeping every node's start.
/// No deserialisation, no reflection. A syntax error ends reading and is reported with its position.
/// </summary>
internal static class SourceTreeReader
{
    private const int MaxDepth = 64;

    /// <summary>The single document's root, or null when the text holds no document (empty, or comments only).</summary>
    public static SourceNode? Read(string text, WorkflowDiagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = new Reading(parser, diagnostics).Node(0);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                diagnostics.Add(At(second.Start), "only one YAML document is allowed; remove the second '---'");
            }

            return root is SourceScalar { IsNull: true } ? null : root;
        }
        catch (YamlException ex)
        {
            var (at, message) = SyntaxError.Describe(ex, text);
            diagnostics.Add(at, message);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner occasionally fails this way on malformed flow collections; say where it got to.
            var (at, message) = SyntaxError.Describe(parser.Current is { } last ? At(last.End) : new SourcePosition(1, 1), text);
            diagnostics.Add(at, message);
            return null;
        }
    }

    internal static SourcePosition At(Mark mark) => new((int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private sealed class Reading(IParser parser, WorkflowDiagnostics diagnostics)
    {
        private readonly Dictionary<string, SourceNode> _anchors = new(StringComparer.Ordinal);

        public SourceNode Node(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new YamlException(parser.Current!.Start, parser.Current.End, "the document is nested too deeply");
            }

            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (_anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    return target;
                }

                diagnostics.Add(At(alias.Start), $"unknown alias '*{alias.Value.Value}'");
                return new SourceScalar(At(alias.Start), "", isPlain: true);
            }

            if (parser.TryConsume<Scalar>(out var scalar))
            {
                var node = new SourceScalar(At(scalar.Start), scalar.Value, scalar.Style == ScalarStyle.Plain);
                return Remember(scalar.Anchor, node);
            }

            if (parser.TryConsume<SequenceStart>(out var sequenceStart))
            {
                var items = new List<SourceNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(Node(depth + 1));
                }

                return Remember(sequenceStart.Anchor, new SourceSequence(At(sequenceStart.Start), items));
            }

            var mappingStart = parser.Consume<MappingStart>();
            var entries = new List<SourceEntry>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = Node(depth + 1);
                var value = Node(depth + 1);
                entries.Add(new SourceEntry(key, value));
            }

            return Remember(mappingStart.Anchor, new SourceMapping(At(mappingStart.Start), entries));
        }

        private SourceNode Remember(AnchorName anchor, SourceNode node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }

            return node;
        }
    }
}

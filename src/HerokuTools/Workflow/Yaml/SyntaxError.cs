using YamlDotNet.Core;

namespace HerokuTools.Workflow.Yaml;

/// <summary>Turns a YamlDotNet syntax failure into one position and one message a user can act on.</summary>
internal static class SyntaxError
{
    /// <summary>
    /// Where and what. A tab indenting a line at or after the reported place is the usual cause of confusing
    /// scanner messages, so it is named directly, at the tab.
    /// </summary>
    public static (SourcePosition At, string Message) Describe(YamlException exception, string text)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var at = SourceTreeReader.At(exception.Start);
        if (FirstTabIndent(text, fromLine: at.Line) is { } tab)
        {
            return (tab, "YAML syntax: a tab indents this line; indent with spaces only");
        }

        return (at, "YAML syntax: " + Clean(exception.Message));
    }

    /// <summary>For failures YamlDotNet reports without a position (it sometimes throws InvalidOperationException).</summary>
    public static (SourcePosition At, string Message) Describe(SourcePosition lastGood, string text)
    {
        if (FirstTabIndent(text, fromLine: lastGood.Line) is { } tab)
        {
            return (tab, "YAML syntax: a tab indents this line; indent with spaces only");
        }

        return (lastGood, "YAML syntax: cannot be read from here on (an unclosed bracket or quote?)");
    }

    private static SourcePosition? FirstTabIndent(string text, int fromLine)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(0, fromLine - 1); i < lines.Length; i++)
        {
            var line = lines[i];
            for (var col = 0; col < line.Length && line[col] is ' ' or '\t'; col++)
            {
                if (line[col] == '\t')
                {
                    return new SourcePosition(i + 1, col + 1);
                }
            }
        }

        return null;
    }

    /// <summary>YamlDotNet prefixes its message with "(Line: .., Col: .., Idx: ..) - (...): "; the diagnostic has its own.</summary>
    private static string Clean(string message)
    {
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && marker >= 0)
        {
            message = message[(marker + 3)..];
        }

        message = message.Trim().TrimEnd('.');
        if (message.Contains("found invalid mapping", StringComparison.Ordinal))
        {
            return "unexpected ':' here; check this line's indentation, or quote a value that contains ': '";
        }

        return message.Length == 0 ? "the file is not valid YAML" : char.ToLowerInvariant(message[0]) + message[1..];
    }
}

using System.Globalization;
using System.Text;
using HerokuTools.Workflow;

namespace HerokuTools.ConfigVars;

/// <summary>
/// Writes one <c>KEY: value</c> line (or block) of a config file so that reading it back gives the value byte for
/// byte: plain when that is unambiguous, a literal block (<c>|</c>) for multi-line text such as PEM keys, double
/// quotes with escapes otherwise. Each choice is checked by reading it back; double quotes are the fallback.
/// </summary>
internal static class YamlScalarWriter
{
    /// <summary>The entry's text, ending with a line break; <paramref name="template"/> null writes <c>null</c>.</summary>
    public static string Entry(string key, string? template, int indent)
    {
        ArgumentNullException.ThrowIfNull(key);
        var pad = new string(' ', indent);
        var name = IsPlainSafe(key) ? key : DoubleQuoted(key);
        if (template is null)
        {
            return $"{pad}{name}: null\n";
        }

        if (IsPlainSafe(template) && ReadsBack(key, $"{pad}{name}: {template}\n", template, indent))
        {
            return $"{pad}{name}: {template}\n";
        }

        if (LiteralBlock(template, pad + "  ") is { } block && ReadsBack(key, $"{pad}{name}: {block}", template, indent))
        {
            return $"{pad}{name}: {block}";
        }

        return $"{pad}{name}: {DoubleQuoted(template)}\n";
    }

    /// <summary>Just the scalar, when it fits on one line (for replacing a value in place), else null.</summary>
    public static string? InlineScalar(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return IsPlainSafe(template) ? template : DoubleQuoted(template);
    }

    private static bool IsPlainSafe(string s)
    {
        if (s.Length == 0 || s == "-" || s.EndsWith(':') || ConfigFileReader.NonStringKind(s) is not null
            || s is "null" or "Null" or "NULL" or "~")
        {
            return false;
        }

        if (!(char.IsAsciiLetterOrDigit(s[0]) || s[0] is '_' or '.' or '/' or '+' or '-'))
        {
            return false;
        }

        return s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '/' or '+' or '-' or '=' or ',' or ':' or '@' or '%');
    }

    private static string? LiteralBlock(string s, string pad)
    {
        if (!s.Contains('\n', StringComparison.Ordinal) || s[0] is ' ' or '\n' or '\t'
            || s.Any(c => (char.IsControl(c) && c is not '\n' and not '\t') || c is '\u2028' or '\u2029' or '\u0085' or '\uFEFF'))
        {
            return null;
        }

        var chomp = !s.EndsWith('\n') ? "-" : s.EndsWith("\n\n", StringComparison.Ordinal) ? "+" : "";
        var parts = s.Split('\n');
        var count = s.EndsWith('\n') ? parts.Length - 1 : parts.Length;
        var text = new StringBuilder("|").Append(chomp).Append('\n');
        for (var i = 0; i < count; i++)
        {
            if (parts[i].Length > 0)
            {
                text.Append(pad).Append(parts[i]);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public static string DoubleQuoted(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var text = new StringBuilder(s.Length + 2).Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case '"': text.Append("\\\""); break;
                case '\0': text.Append(@"\0"); break;
                case '\a': text.Append(@"\a"); break;
                case '\b': text.Append(@"\b"); break;
                case '\t': text.Append(@"\t"); break;
                case '\n': text.Append(@"\n"); break;
                case '\v': text.Append(@"\v"); break;
                case '\f': text.Append(@"\f"); break;
                case '\r': text.Append(@"\r"); break;
                case '\u001b': text.Append(@"\e"); break;
                case '\u0085': text.Append(@"\N"); break;
                case '\u00a0': text.Append(@"\_"); break;
                case '\u2028': text.Append(@"\L"); break;
                case '\u2029': text.Append(@"\P"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        // A pair is one character beyond the BMP: written as it is (UTF-8 in the file).
                        text.Append(c).Append(s[i + 1]);
                        i++;
                    }
                    else if (char.IsControl(c) || char.IsSurrogate(c) || c == '\uFEFF')
                    {
                        text.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>Reads the entry back in the context of a file (with a key after it) and compares.</summary>
    private static bool ReadsBack(string key, string entry, string template, int indent)
    {
        var pad = new string(' ', Math.Max(indent, 1));
        var text = $"{ConfigFileReader.Settings}:\n{entry}{pad}ZZ_NEXT: x\n";
        var problems = new List<WorkflowDiagnostic>();
        var entries = ConfigFileReader.Parse(text, "check", problems);
        return problems.Count == 0 && entries.Count == 2 && entries[0].Key == key
            && string.Equals(entries[0].Template, template, StringComparison.Ordinal);
    }
}

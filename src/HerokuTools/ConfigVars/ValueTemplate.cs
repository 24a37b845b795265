using System.Text;

namespace HerokuTools.ConfigVars;

/// <summary>
/// A value as written in a config file: <c>${NAME}</c> is replaced by the operator's environment variable NAME
/// at push time, and <c>$${</c> stands for a literal <c>${</c>. Everything else is taken as it is.
/// </summary>
public static class ValueTemplate
{
    /// <summary>The environment variable names the template refers to, in order, without repeats.</summary>
    public static IReadOnlyList<string> References(string template)
    {
        var names = new List<string>();
        Walk(template, _ => { }, name =>
        {
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }, _ => { });
        return names;
    }

    /// <summary>What is wrong with the template's references (e.g. an unclosed <c>${</c>), or null.</summary>
    public static string? Problem(string template)
    {
        string? problem = null;
        Walk(template, _ => { }, _ => { }, p => problem ??= p);
        return problem;
    }

    /// <summary>The value, with each reference replaced by <paramref name="lookup"/>'s answer; names it cannot answer go to <paramref name="missing"/>.</summary>
    public static string Resolve(string template, Func<string, string?> lookup, ICollection<string> missing)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(missing);
        var text = new StringBuilder(template.Length);
        Walk(template, literal => text.Append(literal), name =>
        {
            if (lookup(name) is { } value)
            {
                text.Append(value);
            }
            else if (!missing.Contains(name))
            {
                missing.Add(name);
            }
        }, _ => { });
        return text.ToString();
    }

    /// <summary>A template that stands for exactly <paramref name="value"/> (no references): <c>${</c> becomes <c>$${</c>.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("${", "$${", StringComparison.Ordinal);
    }

    public static bool IsName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static void Walk(string template, Action<string> literal, Action<string> reference, Action<string> problem)
    {
        ArgumentNullException.ThrowIfNull(template);
        var i = 0;
        while (i < template.Length)
        {
            if (string.CompareOrdinal(template, i, "$${", 0, 3) == 0)
            {
                literal("${");
                i += 3;
                continue;
            }

            if (string.CompareOrdinal(template, i, "${", 0, 2) == 0)
            {
                var close = template.IndexOf('}', i + 2);
                var name = close < 0 ? null : template[(i + 2)..close];
                if (name is not null && IsName(name))
                {
                    reference(name);
                    i = close + 1;
                    continue;
                }

                problem("'${' must start a reference like ${NAME} (letters, digits, underscores); write '$${' for a literal '${'");
            }

            literal(template[i].ToString());
            i++;
        }
    }
}

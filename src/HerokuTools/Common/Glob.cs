using System.Text;
using System.Text.RegularExpressions;

namespace HerokuTools.Common;

/// <summary>
/// A path glob over repository-relative paths with '/' separators: <c>**</c> any number of folders (also none),
/// <c>*</c> any characters within one name, <c>?</c> one character, <c>[abc]</c> one of a set. A pattern without a
/// '/' matches a name at any depth, a leading '/' anchors it at the top (as in .gitignore). Matching is case-sensitive, like git.
/// </summary>
public sealed class Glob
{
    private readonly Regex _regex;

    public Glob(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        Pattern = pattern;
        var anchored = pattern.StartsWith('/');
        var p = pattern.TrimStart('/');
        if (!anchored && !p.Contains('/', StringComparison.Ordinal))
        {
            p = "**/" + p;
        }

        _regex = new Regex("^" + Translate(p) + "$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    public string Pattern { get; }

    public bool IsMatch(string path) => _regex.IsMatch(path.TrimStart('/'));

    public override string ToString() => Pattern;

    private static string Translate(string pattern)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    var atStart = i == 0 || pattern[i - 1] == '/';
                    var atEnd = i + 2 == pattern.Length;
                    var beforeSlash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                    if (atStart && beforeSlash)
                    {
                        sb.Append("(?:.*/)?"); // "**/": zero or more folders
                        i += 2;
                    }
                    else if (atStart && atEnd)
                    {
                        sb.Append(".*"); // trailing "/**": everything below
                        i += 1;
                    }
                    else
                    {
                        sb.Append("[^/]*"); // "**" inside a name behaves as "*"
                        i += 1;
                    }

                    break;
                case '*':
                    sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        sb.Append(@"\[");
                    }
                    else
                    {
                        var set = pattern[(i + 1)..close];
                        sb.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                        i = close;
                    }

                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return sb.ToString();
    }
}

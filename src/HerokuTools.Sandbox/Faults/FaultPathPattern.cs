namespace HerokuTools.Sandbox.Faults;

/// <summary>
/// A request path pattern: segments compared literally, <c>*</c> matches exactly one segment, and a last segment
/// <c>**</c> matches the rest of the path (any number of segments, none included), so <c>/apps/**</c> is a prefix.
/// </summary>
public sealed class FaultPathPattern
{
    private readonly string[] _segments;
    private readonly bool _prefix;

    private FaultPathPattern(string text, string[] segments, bool prefix)
    {
        Text = text;
        _segments = segments;
        _prefix = prefix;
    }

    public string Text { get; }

    /// <summary>Parses a pattern; null when it is not one (it must start with '/', '**' only last).</summary>
    public static FaultPathPattern? TryParse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text[0] != '/')
        {
            return null;
        }

        var segments = Split(text);
        var prefix = segments.Length > 0 && segments[^1] == "**";
        if (prefix)
        {
            segments = segments[..^1];
        }

        return segments.Contains("**") ? null : new FaultPathPattern(text, segments, prefix);
    }

    public bool Matches(string path)
    {
        var actual = Split(path);
        if (actual.Length < _segments.Length || (!_prefix && actual.Length != _segments.Length))
        {
            return false;
        }

        for (var i = 0; i < _segments.Length; i++)
        {
            if (_segments[i] != "*" && !string.Equals(_segments[i], actual[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => Text;

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}

namespace HerokuTools.Sandbox.Builds;

/// <summary>A Procfile: <c>name: command</c> per line; comments and blank lines ignored, as Heroku reads it.</summary>
public static class Procfile
{
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var command = line[(colon + 1)..].Trim();
            if (name.Length > 0 && command.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                types[name] = command;
            }
        }

        return types;
    }

    public static IReadOnlyDictionary<string, string> Read(string folder)
    {
        var path = Path.Combine(folder, "Procfile");
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : new Dictionary<string, string>();
    }
}

using System.Text;

namespace HerokuTools.Heroku;

/// <summary>One <c>machine</c> (or <c>default</c>, with a null <see cref="Machine"/>) entry of a netrc file.</summary>
public sealed record NetrcEntry(string? Machine, string? Login, string? Password);

/// <summary>
/// A parsed <c>~/.netrc</c>, the file <c>heroku login</c> writes. Tokens are separated by any whitespace, so an
/// entry may span lines; <c>#</c> starts a comment; <c>macdef</c> bodies (up to a blank line) are skipped;
/// double-quoted tokens may contain spaces. A machine entry wins over <c>default</c> wherever they appear.
/// </summary>
public sealed class NetrcFile
{
    private NetrcFile(IReadOnlyList<NetrcEntry> entries) => Entries = entries;

    public IReadOnlyList<NetrcEntry> Entries { get; }

    public static NetrcFile Empty { get; } = new([]);

    /// <summary>Reads <paramref name="path"/>; a missing file is an empty netrc.</summary>
    public static NetrcFile Load(string path) =>
        File.Exists(path) ? Parse(File.ReadAllText(path)) : Empty;

    /// <summary>The entry for <paramref name="host"/> (case-insensitive), else the default entry, else null.</summary>
    public NetrcEntry? Find(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return Entries.FirstOrDefault(e => e.Machine is not null && string.Equals(e.Machine, host, StringComparison.OrdinalIgnoreCase))
            ?? Entries.FirstOrDefault(e => e.Machine is null);
    }

    public static NetrcFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Tokenizer(text);
        var entries = new List<NetrcEntry>();
        string? machine = null;
        string? login = null;
        string? password = null;
        var inEntry = false;

        void Flush()
        {
            if (inEntry)
            {
                entries.Add(new NetrcEntry(machine, login, password));
            }

            machine = login = password = null;
            inEntry = false;
        }

        while (reader.Next() is { } token)
        {
            switch (token)
            {
                case "machine":
                    Flush();
                    machine = reader.Next();
                    inEntry = machine is not null;
                    break;
                case "default":
                    Flush();
                    inEntry = true;
                    break;
                case "login":
                    login = reader.Next();
                    break;
                case "password":
                    password = reader.Next();
                    break;
                case "account":
                    reader.Next();
                    break;
                case "macdef":
                    Flush();
                    reader.Next();
                    reader.SkipMacroBody();
                    break;
                default:
                    // Unknown keywords are ignored, as other netrc readers do.
                    break;
            }
        }

        Flush();
        return new NetrcFile(entries);
    }

    private sealed class Tokenizer(string text)
    {
        private int _position;

        public string? Next()
        {
            while (_position < text.Length)
            {
                var c = text[_position];
                if (char.IsWhiteSpace(c))
                {
                    _position++;
                }
                else if (c == '#')
                {
                    SkipToEndOfLine();
                }
                else
                {
                    return c == '"' ? Quoted() : Bare();
                }
            }

            return null;
        }

        /// <summary>A macro body runs from the line after <c>macdef name</c> to the first empty line.</summary>
        public void SkipMacroBody()
        {
            SkipToEndOfLine();
            while (_position < text.Length)
            {
                var end = text.IndexOf('\n', _position);
                var line = end < 0 ? text[_position..] : text[_position..end];
                _position = end < 0 ? text.Length : end + 1;
                if (line.Trim('\r').Length == 0)
                {
                    return;
                }
            }
        }

        private void SkipToEndOfLine()
        {
            var end = text.IndexOf('\n', _position);
            _position = end < 0 ? text.Length : end + 1;
        }

        private string Bare()
        {
            var start = _position;
            while (_position < text.Length && !char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }

            return text[start.._position];
        }

        private string Quoted()
        {
            var value = new StringBuilder();
            _position++;
            while (_position < text.Length && text[_position] != '"')
            {
                if (text[_position] == '\\' && _position + 1 < text.Length)
                {
                    _position++;
                }

                value.Append(text[_position]);
                _position++;
            }

            _position = Math.Min(_position + 1, text.Length);
            return value.ToString();
        }
    }
}

using System.Text;

namespace HerokuTools.Sandbox.Dynos;

/// <summary>
/// What a dyno printed: decoded as UTF-8 (sequences split across chunks included), the last <c>limit</c> characters
/// kept, and each complete line handed to an optional log sink (without its line ending).
/// </summary>
internal sealed class DynoOutput(int limit, Action<string>? logLine)
{
    private readonly Lock _lock = new();
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _line = new();
    private char[] _chars = new char[1024];

    public void Append(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            var needed = _decoder.GetCharCount(bytes, flush: false);
            if (_chars.Length < needed)
            {
                _chars = new char[Math.Max(needed, _chars.Length * 2)];
            }

            var count = _decoder.GetChars(bytes, _chars, flush: false);
            AppendText(_chars.AsSpan(0, count));
        }
    }

    /// <summary>Appends a note of the sandbox's own (e.g. why the dyno never ran), as a line.</summary>
    public void AppendNote(string note)
    {
        lock (_lock)
        {
            var startsLine = _text.Length == 0 || _text[^1] == '\n';
            AppendText(startsLine ? note + "\n" : "\n" + note + "\n");
        }
    }

    /// <summary>The output has ended: decodes what is left and hands over an unfinished last line.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            var count = _decoder.GetChars([], _chars, flush: true);
            AppendText(_chars.AsSpan(0, count));
            if (_line.Length > 0)
            {
                EmitLine();
            }
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _text.ToString();
        }
    }

    private void AppendText(ReadOnlySpan<char> text)
    {
        _text.Append(text);
        if (_text.Length > limit)
        {
            _text.Remove(0, _text.Length - limit);
        }

        if (logLine is null)
        {
            return;
        }

        foreach (var c in text)
        {
            if (c == '\n')
            {
                EmitLine();
            }
            else
            {
                _line.Append(c);
                if (_line.Length >= limit)
                {
                    EmitLine();
                }
            }
        }
    }

    private void EmitLine()
    {
        if (_line.Length > 0 && _line[^1] == '\r')
        {
            _line.Length--;
        }

        var line = _line.ToString();
        _line.Clear();
        logLine?.Invoke(line);
    }
}

using System.Text;

namespace HerokuTools.Sandbox.Dynos;

/// <summary>
/// The exit-status marker of <c>heroku run --exit-code</c>: the command gets
/// <c>; echo "\uFFFF heroku-command-exit-status: $?"</c> appended, so the status travels in the output.
/// A filter instance takes the output chunk by chunk (the marker may be split across chunks), passes everything
/// else through byte for byte, and removes the marker with its line ending.
/// </summary>
public sealed class ExitStatusMarker
{
    /// <summary>The text before the status digits.</summary>
    public const string Prefix = "\uFFFF heroku-command-exit-status: ";

    private const int MaxDigits = 9;
    private static readonly byte[] PrefixBytes = Encoding.UTF8.GetBytes(Prefix);

    private byte[] _held = [];

    /// <summary>The status of the last marker seen; null while none was.</summary>
    public int? ExitStatus { get; private set; }

    /// <summary>The command line that reports its exit status in its output (as the heroku CLI builds it).</summary>
    public static string AppendTo(string command) => $"{command}; echo \"{Prefix}$?\"";

    /// <summary>Takes the next chunk of output; returns what may be shown now (some bytes may be held back).</summary>
    public byte[] Filter(ReadOnlySpan<byte> chunk)
    {
        var pending = new byte[_held.Length + chunk.Length];
        _held.CopyTo(pending, 0);
        chunk.CopyTo(pending.AsSpan(_held.Length));
        return Process(pending, final: false);
    }

    /// <summary>The output has ended: returns whatever was held back.</summary>
    public byte[] Flush() => Process(_held, final: true);

    private byte[] Process(byte[] pending, bool final)
    {
        var shown = new MemoryStream();
        var rest = pending.AsSpan();
        _held = [];
        while (!rest.IsEmpty)
        {
            var at = rest.IndexOf(PrefixBytes);
            if (at < 0)
            {
                var keep = final ? 0 : PartialPrefixLength(rest);
                shown.Write(rest[..^keep]);
                _held = rest[^keep..].ToArray();
                break;
            }

            shown.Write(rest[..at]);
            rest = rest[(at + PrefixBytes.Length)..];
            var digits = 0;
            while (digits < rest.Length && digits < MaxDigits && char.IsAsciiDigit((char)rest[digits]))
            {
                digits++;
            }

            if (digits == 0 && (final || !rest.IsEmpty))
            {
                shown.Write(PrefixBytes); // Not a marker after all.
                continue;
            }

            var lineEnd = LineEndLength(rest[digits..], final);
            if (lineEnd < 0 || (digits == rest.Length && !final))
            {
                _held = [.. PrefixBytes, .. rest];
                break;
            }

            ExitStatus = int.Parse(Encoding.ASCII.GetString(rest[..digits]), System.Globalization.CultureInfo.InvariantCulture);
            rest = rest[(digits + lineEnd)..];
        }

        return shown.ToArray();
    }

    /// <summary>Length of the line ending at the start of <paramref name="text"/>; -1 when it may still be coming.</summary>
    private static int LineEndLength(ReadOnlySpan<byte> text, bool final)
    {
        if (text.StartsWith("\r\n"u8))
        {
            return 2;
        }

        if (text.StartsWith("\n"u8))
        {
            return 1;
        }

        return text.SequenceEqual("\r"u8) && !final ? -1 : 0;
    }

    /// <summary>How many bytes at the end of <paramref name="text"/> could be the start of the marker.</summary>
    private static int PartialPrefixLength(ReadOnlySpan<byte> text)
    {
        for (var length = Math.Min(text.Length, PrefixBytes.Length - 1); length > 0; length--)
        {
            if (text[^length..].SequenceEqual(PrefixBytes.AsSpan(0, length)))
            {
                return length;
            }
        }

        return 0;
    }
}

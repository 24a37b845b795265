using System.Globalization;
using System.Text;

namespace HerokuTools.Git;

/// <summary>
/// The refs in a smart-HTTP ref advertisement: the answer to <c>GET …/info/refs?service=git-upload-pack</c> in
/// protocol v0/v1 (pkt-lines: the service line, a flush, then <c>SHA SP REF</c> lines, the first one followed by
/// NUL and the capabilities, then a flush). What <c>git ls-remote</c> reads, without running git.
/// </summary>
public static class RefAdvertisement
{
    public const string UploadPackContentType = "application/x-git-upload-pack-advertisement";

    /// <summary>Ref name -> object id, or null when <paramref name="body"/> is not a well-formed v0/v1 advertisement
    /// (a dumb server, a protocol v2 answer, a login page): the caller then asks git itself.</summary>
    public static Dictionary<string, string>? Parse(ReadOnlySpan<byte> body)
    {
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        var flushes = 0;
        var sawService = false;
        while (body.Length > 0)
        {
            if (body.Length < 4 || !int.TryParse(Encoding.ASCII.GetString(body[..4]), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var length))
            {
                return null;
            }

            if (length == 0)
            {
                flushes++;
                body = body[4..];
                continue;
            }

            if (length < 4 || length > body.Length)
            {
                return null;
            }

            var payload = body[4..length];
            body = body[length..];
            if (payload.Length > 0 && payload[^1] == (byte)'\n')
            {
                payload = payload[..^1];
            }

            var text = Encoding.UTF8.GetString(payload);
            if (flushes == 0)
            {
                // "# service=git-upload-pack" before the first flush; anything else is not this protocol.
                if (!text.StartsWith("# service=", StringComparison.Ordinal))
                {
                    return null;
                }

                sawService = true;
                continue;
            }

            if (text.StartsWith("version ", StringComparison.Ordinal))
            {
                if (text != "version 1")
                {
                    return null; // protocol v2 lists capabilities, not refs
                }

                continue;
            }

            var nul = text.IndexOf('\0', StringComparison.Ordinal);
            var line = nul < 0 ? text : text[..nul];
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space != 40 && space != 64)
            {
                return null;
            }

            var name = line[(space + 1)..];
            if (name != "capabilities^{}")
            {
                refs[name] = line[..space];
            }
        }

        return sawService && flushes >= 2 ? refs : null;
    }
}

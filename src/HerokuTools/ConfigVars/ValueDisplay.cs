using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HerokuTools.ConfigVars;

/// <summary>
/// How values are shown: masked by default as length and a short hash, <c>[12 chars #3fa9c1]</c>, so two values
/// can be compared without being shown; the hash is keyed with a secret drawn for each run, so it cannot be
/// looked up or guessed from a log. With --show-values, the value itself, quoted and escaped on one line.
/// </summary>
public sealed class ValueDisplay
{
    private readonly byte[] _key;

    public ValueDisplay(bool showValues, byte[]? key = null)
    {
        ShowValues = showValues;
        _key = key ?? RandomNumberGenerator.GetBytes(32);
    }

    public bool ShowValues { get; }

    public string Show(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return ShowValues ? Quote(value) : Mask(value);
    }

    public string Mask(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return "[empty]";
        }

        var length = value.EnumerateRunes().Count();
        var hash = Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)), 0, 3);
        return string.Create(CultureInfo.InvariantCulture, $"[{length} char{(length == 1 ? "" : "s")} #{hash}]");
    }

    /// <summary>The value as a JSON-style quoted string: line breaks and control characters escaped, the rest as it is.</summary>
    public static string Quote(string value) =>
        "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value + "\"";
}

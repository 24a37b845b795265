using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HerokuTools.Data.Rules;

namespace HerokuTools.Data.Masking;

/// <summary>
/// Deterministic fakes: each derives from HMAC-SHA256(key, original value), so one input gives one output in every
/// table and every run (joins on, say, email keep working), and no output can be traced back without the key.
/// Thread-safe.
/// </summary>
public sealed class Anonymiser : IDisposable
{
    private readonly byte[] _key;

    // One keyed HMAC per thread: resetting it reuses the key's inner and outer pads (the static one-shot recomputes them).
    private readonly ThreadLocal<IncrementalHash> _hmac;

    public Anonymiser(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException("The HMAC key is empty.", nameof(key));
        }

        _key = key;
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key), trackAllValues: true);
    }

    public void Dispose()
    {
        foreach (var hmac in _hmac.Values)
        {
            hmac.Dispose();
        }

        _hmac.Dispose();
    }

    private void Hmac(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        var hmac = _hmac.Value!;
        hmac.AppendData(data);
        hmac.GetHashAndReset(digest);
    }

    /// <summary>A fake of <paramref name="kind"/> for <paramref name="value"/>. With <paramref name="unique"/> (the column is
    /// under a UNIQUE constraint), kinds drawn from small lists get a suffix from the same digest so the outputs stay distinct.</summary>
    public string Fake(FakeKind kind, string value, bool unique = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> d = stackalloc byte[32];
        Digest(value, d);
        var first = Pick(FakeData.FirstNames, d, 0);
        var last = Pick(FakeData.LastNames, d, 2);
        var fake = kind switch
        {
            FakeKind.Email => $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}.{Token(d)}@{Pick(FakeData.EmailDomains, d, 4)}",
            FakeKind.Username => $"{first.ToLowerInvariant()}_{last.ToLowerInvariant()}_{Token(d)}",
            FakeKind.FirstName => first,
            FakeKind.LastName => last,
            FakeKind.FullName => $"{first} {last}",
            FakeKind.Phone => FakeData.PhonePrefix + (BinaryPrimitives.ReadUInt32LittleEndian(d[6..]) % 1_000_000).ToString("000000", CultureInfo.InvariantCulture),
            FakeKind.Address => string.Create(CultureInfo.InvariantCulture,
                $"{1 + (d[10] % 199)} {Pick(FakeData.Streets, d, 11)} {Pick(FakeData.StreetSuffixes, d, 13)}, {Pick(FakeData.Cities, d, 14)}"),
            FakeKind.Postcode => Postcode(d),
            FakeKind.Text => Lorem(d, value.Length),
            FakeKind.Ip => string.Create(CultureInfo.InvariantCulture, $"10.{d[20]}.{d[21]}.{1 + (d[22] % 254)}"),
            FakeKind.Date => throw new ArgumentException("date fakes shift binary dates; see ShiftDate", nameof(kind)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return unique && kind is not (FakeKind.Email or FakeKind.Username) ? $"{fake} {Token(d)}" : fake;
    }

    /// <summary>The hex HMAC-SHA256 of the value (64 characters).</summary>
    public string Hash(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> d = stackalloc byte[32];
        Digest(value, d);
        return Convert.ToHexStringLower(d);
    }

    /// <summary>A stable offset of 1-365 days, earlier or later, derived from the value's bytes.</summary>
    public int DateOffsetDays(ReadOnlySpan<byte> original)
    {
        Span<byte> d = stackalloc byte[32];
        Hmac(original, d);
        var days = 1 + (int)(BinaryPrimitives.ReadUInt32LittleEndian(d) % 365);
        return (d[4] & 1) == 0 ? days : -days;
    }

    /// <summary>Four address bytes in 10.0.0.0/8, derived from the value's bytes.</summary>
    public void FakeIPv4(ReadOnlySpan<byte> original, Span<byte> address)
    {
        Span<byte> d = stackalloc byte[32];
        Hmac(original, d);
        address[0] = 10;
        address[1] = d[20];
        address[2] = d[21];
        address[3] = (byte)(1 + (d[22] % 254));
    }

    /// <summary>True when <paramref name="value"/> is something <see cref="Fake"/> could produce for <paramref name="kind"/>
    /// (so finding it in the target is no sign of a leak).</summary>
    public static bool CouldProduce(FakeKind kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var words = value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        return kind switch
        {
            FakeKind.FirstName => words.All(w => FakeData.FirstNames.Contains(w) || IsToken(w)),
            FakeKind.LastName => words.All(w => FakeData.LastNames.Contains(w) || IsToken(w)),
            FakeKind.FullName => words.All(w => FakeData.FirstNames.Contains(w) || FakeData.LastNames.Contains(w) || IsToken(w)),
            FakeKind.Phone => value.StartsWith(FakeData.PhonePrefix, StringComparison.Ordinal),
            FakeKind.Address => words.Length >= 4 && FakeData.Cities.Contains(words[^1]) || words.Length >= 5 && FakeData.Cities.Contains(words[^2]),
            FakeKind.Postcode => value.Length >= 6 && char.IsAsciiLetterUpper(value[0]),
            FakeKind.Text => words.All(w => FakeData.Lorem.Contains(w.TrimEnd('.')) || IsToken(w)),
            FakeKind.Ip => value.StartsWith("10.", StringComparison.Ordinal),
            FakeKind.Date => true,
            _ => false,
        };
    }

    private static bool IsToken(string word) => word.Length == 12 && word.All(char.IsAsciiLetterOrDigit);

    private void Digest(string value, Span<byte> digest)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max <= 512)
        {
            Span<byte> bytes = stackalloc byte[max];
            var n = Encoding.UTF8.GetBytes(value, bytes);
            Hmac(bytes[..n], digest);
        }
        else
        {
            Hmac(Encoding.UTF8.GetBytes(value), digest);
        }
    }

    private static string Pick(string[] list, ReadOnlySpan<byte> digest, int at) =>
        list[BinaryPrimitives.ReadUInt16LittleEndian(digest[at..]) % list.Length];

    /// <summary>12 base-36 characters (62 bits) from the digest's tail: distinct inputs get distinct tokens.</summary>
    private static string Token(ReadOnlySpan<byte> digest)
    {
        const string alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        var n = BinaryPrimitives.ReadUInt64LittleEndian(digest[24..]);
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[(int)(n % 36)];
            n /= 36;
        }

        return new string(chars);
    }

    private static string Postcode(ReadOnlySpan<byte> d)
    {
        static char Letter(byte b) => (char)('A' + (b % 26));
        return string.Create(CultureInfo.InvariantCulture,
            $"{Letter(d[15])}{Letter(d[16])}{1 + (d[17] % 20)} {d[18] % 10}{Letter(d[19])}{Letter(d[23])}");
    }

    private static string Lorem(ReadOnlySpan<byte> d, int length)
    {
        if (length == 0)
        {
            return "";
        }

        var text = new StringBuilder(length + 12);
        var i = 0;
        while (text.Length < length)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(FakeData.Lorem[(d[i % 32] + i) % FakeData.Lorem.Length]);
            i++;
        }

        return text.ToString(0, length).TrimEnd();
    }
}

using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using HerokuTools.Data.Rules;

namespace HerokuTools.Data.Masking;

/// <summary>
/// Deterministic fakes: each derives from HMAC-SHA256(key, original value), so one input gives one output in every
/// table and every run (joins on, say, email keep working), and no output can be traced back without the key.
/// Thread-safe.
/// </summary>
public sealed class Anonymiser
{
    // The key's HMAC pads are hashed once; every value then costs two or three managed SHA-256 compressions.
    private readonly KeyedSha256 _hmac;

    public Anonymiser(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException("The HMAC key is empty.", nameof(key));
        }

        _hmac = new KeyedSha256(key);
    }

    private void Hmac(ReadOnlySpan<byte> data, Span<byte> digest) => _hmac.Compute(data, digest);

    /// <summary>A fake of <paramref name="kind"/> for <paramref name="value"/>. With <paramref name="unique"/> (the column is
    /// under a UNIQUE constraint), kinds drawn from small lists get a suffix from the same digest so the outputs stay distinct.</summary>
    /// <param name="maxCharacters">The column's length limit (varchar(n)): a longer fake is shortened by
    /// <see cref="FakeUtf8"/>'s rules.</param>
    public string Fake(FakeKind kind, string value, bool unique = false, int maxCharacters = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(value);
        var utf8 = Encoding.UTF8.GetBytes(value);
        var output = new byte[MaxFakeBytes(utf8.Length)];
        return Encoding.UTF8.GetString(output, 0, FakeUtf8(kind, utf8, unique, output, maxCharacters));
    }

    /// <summary>The most bytes <see cref="FakeUtf8"/> writes for an input of <paramref name="inputBytes"/> bytes.</summary>
    public static int MaxFakeBytes(int inputBytes) => inputBytes + 128;

    /// <summary>
    /// <see cref="Fake"/> on UTF-8 bytes, written as UTF-8 into <paramref name="destination"/> (at least
    /// <see cref="MaxFakeBytes"/> long) without intermediate strings; returns the bytes written. Same output as Fake.
    /// </summary>
    /// <remarks>
    /// A fake longer than <paramref name="maxCharacters"/> (varchar(n)) is shortened so that what makes it distinct
    /// survives: an email keeps its token and domain (<c>token@example.com</c>, then a shorter token), a username its
    /// token, and a fake with a uniqueness suffix keeps the suffix and gives up the front. Cutting the end off instead
    /// (<c>olivia.smith.k3…</c>) made distinct values equal in short UNIQUE columns. Every fake is ASCII, so
    /// characters are bytes here.
    /// </remarks>
    public int FakeUtf8(FakeKind kind, ReadOnlySpan<byte> value, bool unique, Span<byte> destination, int maxCharacters = int.MaxValue)
    {
        Span<byte> d = stackalloc byte[32];
        Hmac(value, d);
        Span<char> token = stackalloc char[12];
        Token(d, token);
        var inv = CultureInfo.InvariantCulture;
        int n;
        var ok = kind switch
        {
            FakeKind.Email => Utf8.TryWrite(destination, inv,
                $"{Pick(LowerFirstNames, d, 0)}.{Pick(LowerLastNames, d, 2)}.{token}@{Pick(FakeData.EmailDomains, d, 4)}", out n),
            FakeKind.Username => Utf8.TryWrite(destination, inv, $"{Pick(LowerFirstNames, d, 0)}_{Pick(LowerLastNames, d, 2)}_{token}", out n),
            FakeKind.FirstName => Utf8.TryWrite(destination, inv, $"{Pick(FakeData.FirstNames, d, 0)}", out n),
            FakeKind.LastName => Utf8.TryWrite(destination, inv, $"{Pick(FakeData.LastNames, d, 2)}", out n),
            FakeKind.FullName => Utf8.TryWrite(destination, inv, $"{Pick(FakeData.FirstNames, d, 0)} {Pick(FakeData.LastNames, d, 2)}", out n),
            FakeKind.Phone => Utf8.TryWrite(destination, inv,
                $"{FakeData.PhonePrefix}{BinaryPrimitives.ReadUInt32LittleEndian(d[6..]) % 1_000_000:000000}", out n),
            FakeKind.Address => Utf8.TryWrite(destination, inv,
                $"{1 + (d[10] % 199)} {Pick(FakeData.Streets, d, 11)} {Pick(FakeData.StreetSuffixes, d, 13)}, {Pick(FakeData.Cities, d, 14)}", out n),
            FakeKind.Postcode => Utf8.TryWrite(destination, inv,
                $"{Letter(d[15])}{Letter(d[16])}{1 + (d[17] % 20)} {d[18] % 10}{Letter(d[19])}{Letter(d[23])}", out n),
            FakeKind.Text => Lorem(d, Encoding.UTF8.GetCharCount(value), destination, out n),
            FakeKind.Ip => Utf8.TryWrite(destination, inv, $"10.{d[20]}.{d[21]}.{1 + (d[22] % 254)}", out n),
            FakeKind.Date => throw new ArgumentException("date fakes shift binary dates; see ShiftDate", nameof(kind)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        if (ok && unique && kind is not (FakeKind.Email or FakeKind.Username))
        {
            ok = Utf8.TryWrite(destination[n..], inv, $" {token}", out var suffix);
            n += suffix;
        }

        if (!ok)
        {
            throw new ArgumentException("The destination is too small for the fake.", nameof(destination));
        }

        return n <= maxCharacters ? n : Shorten(kind, unique, token, Pick(FakeData.EmailDomains, d, 4), destination, n, maxCharacters);
    }

    /// <summary>A fake of <paramref name="length"/> bytes in <paramref name="fake"/> made to fit <paramref name="max"/>.</summary>
    private static int Shorten(FakeKind kind, bool unique, ReadOnlySpan<char> token, string domain, Span<byte> fake, int length, int max)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (kind)
        {
            case FakeKind.Email when max >= 6 + 1 + domain.Length:
                // token@domain, with as much of the token as fits (6 base-36 characters: 31 bits).
                Utf8.TryWrite(fake, inv, $"{token[..Math.Min(token.Length, max - 1 - domain.Length)]}@{domain}", out var email);
                return email;
            case FakeKind.Email or FakeKind.Username:
                Utf8.TryWrite(fake, inv, $"{token[..Math.Min(token.Length, max)]}", out var bare);
                return bare;
            case not FakeKind.Text when unique:
            {
                // "<fake> <token>": keep the token, give up the front of the fake.
                var keep = max - token.Length - 1;
                if (keep <= 0)
                {
                    Utf8.TryWrite(fake, inv, $"{token[..Math.Min(token.Length, max)]}", out var only);
                    return only;
                }

                var front = fake[..Math.Min(keep, length - token.Length - 1)].TrimEnd((byte)' ');
                var written = front.Length;
                fake[written++] = (byte)' ';
                Utf8.TryWrite(fake[written..], inv, $"{token}", out var t);
                return written + t;
            }

            default:
                return max;
        }
    }

    /// <summary>The lower-case hex HMAC-SHA256 of the value's UTF-8 bytes into <paramref name="destination"/> (64 bytes).</summary>
    public void HashUtf8(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        Span<byte> d = stackalloc byte[32];
        Hmac(value, d);
        Convert.TryToHexStringLower(d, destination, out _);
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

    private static readonly string[] LowerFirstNames = [.. FakeData.FirstNames.Select(n => n.ToLowerInvariant())];

    private static readonly string[] LowerLastNames = [.. FakeData.LastNames.Select(n => n.ToLowerInvariant())];

    private static string Pick(string[] list, ReadOnlySpan<byte> digest, int at) =>
        list[BinaryPrimitives.ReadUInt16LittleEndian(digest[at..]) % list.Length];

    /// <summary>12 base-36 characters (62 bits) from the digest's tail: distinct inputs get distinct tokens.</summary>
    private static void Token(ReadOnlySpan<byte> digest, Span<char> chars)
    {
        const string alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        var n = BinaryPrimitives.ReadUInt64LittleEndian(digest[24..]);
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[(int)(n % 36)];
            n /= 36;
        }
    }

    private static char Letter(byte b) => (char)('A' + (b % 26));

    /// <summary>Lorem words up to <paramref name="length"/> characters (cut there), without trailing spaces.</summary>
    private static bool Lorem(ReadOnlySpan<byte> d, int length, Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < length)
        {
            return false;
        }

        var i = 0;
        while (written < length)
        {
            if (written > 0)
            {
                destination[written++] = (byte)' ';
            }

            var word = FakeData.Lorem[(d[i % 32] + i) % FakeData.Lorem.Length];
            for (var c = 0; c < word.Length && written < length; c++)
            {
                destination[written++] = (byte)word[c];
            }

            i++;
        }

        while (written > 0 && destination[written - 1] == (byte)' ')
        {
            written--;
        }

        return true;
    }
}

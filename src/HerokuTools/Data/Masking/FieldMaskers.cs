using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using HerokuTools.Data.Rules;
using HerokuTools.Data.Schema;

namespace HerokuTools.Data.Masking;

/// <summary>Replaces one non-NULL field of a binary COPY row: the PostgreSQL binary form in, the new binary form out
/// (in a buffer of the masker's own, valid until its next call: one masker serves one stream).</summary>
public interface IFieldMasker
{
    ReadOnlyMemory<byte> Mask(ReadOnlySpan<byte> value);
}

/// <summary>The masker for a column rule, or null when the field passes through untouched.</summary>
public static partial class FieldMaskers
{
    public static IFieldMasker? For(ColumnRule rule, ColumnSchema column, Anonymiser anonymiser)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(column);
        var limit = MaxCharacters(column.Type);
        return rule.Kind switch
        {
            ColumnRuleKind.Hash => new HashMasker(anonymiser, limit),
            ColumnRuleKind.Fake when rule.Fake == FakeKind.Date => new DateShiftMasker(anonymiser, column.TypeName == "date"),
            ColumnRuleKind.Fake when rule.Fake == FakeKind.Ip && column.IsInet => new InetMasker(anonymiser),
            ColumnRuleKind.Fake => new FakeMasker(anonymiser, rule.Fake!.Value, column.Unique, limit),
            _ => null,
        };
    }

    /// <summary>The n of <c>character varying(n)</c> / <c>character(n)</c> (as format_type writes them); else no limit.</summary>
    public static int MaxCharacters(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var match = LengthModifier().Match(type);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;
    }

    /// <summary>The length of the first <paramref name="characters"/> characters of UTF-8 text (fakes must fit varchar(n)).</summary>
    public static int CutToCharacters(ReadOnlySpan<byte> utf8, int characters)
    {
        var count = 0;
        for (var i = 0; i < utf8.Length; i++)
        {
            if ((utf8[i] & 0xC0) != 0x80 && count++ == characters)
            {
                return i;
            }
        }

        return utf8.Length;
    }

    [GeneratedRegex(@"^(?:character varying|character|bpchar)\((\d+)\)(?:\[\])*$")]
    private static partial Regex LengthModifier();

    /// <summary>Text-like types (text, varchar, char, citext) travel as UTF-8 bytes in binary COPY.</summary>
    private sealed class FakeMasker(Anonymiser anonymiser, FakeKind kind, bool unique, int limit) : IFieldMasker
    {
        private byte[] _buffer = new byte[Anonymiser.MaxFakeBytes(256)];

        public ReadOnlyMemory<byte> Mask(ReadOnlySpan<byte> value)
        {
            var size = Anonymiser.MaxFakeBytes(value.Length);
            if (_buffer.Length < size)
            {
                _buffer = new byte[size];
            }

            var written = anonymiser.FakeUtf8(kind, value, unique, _buffer, limit);
            return _buffer.AsMemory(0, CutToCharacters(_buffer.AsSpan(0, written), limit));
        }
    }

    private sealed class HashMasker(Anonymiser anonymiser, int limit) : IFieldMasker
    {
        private readonly byte[] _buffer = new byte[64];

        public ReadOnlyMemory<byte> Mask(ReadOnlySpan<byte> value)
        {
            anonymiser.HashUtf8(value, _buffer);
            return _buffer.AsMemory(0, Math.Min(limit, _buffer.Length));
        }
    }

    /// <summary>date is int32 days, timestamp(tz) int64 microseconds (since 2000-01-01); ±infinity stay as they are.</summary>
    private sealed class DateShiftMasker(Anonymiser anonymiser, bool isDate) : IFieldMasker
    {
        private readonly byte[] _buffer = new byte[isDate ? 4 : 8];

        public ReadOnlyMemory<byte> Mask(ReadOnlySpan<byte> value)
        {
            var days = anonymiser.DateOffsetDays(value);
            var result = _buffer;
            value.CopyTo(result);
            if (isDate)
            {
                var d = BinaryPrimitives.ReadInt32BigEndian(value);
                if (d is not (int.MaxValue or int.MinValue))
                {
                    BinaryPrimitives.WriteInt32BigEndian(result, d + days);
                }
            }
            else
            {
                var t = BinaryPrimitives.ReadInt64BigEndian(value);
                if (t is not (long.MaxValue or long.MinValue))
                {
                    BinaryPrimitives.WriteInt64BigEndian(result, t + (days * 86_400_000_000L));
                }
            }

            return result;
        }
    }

    /// <summary>inet/cidr: family, bits, is_cidr, length, address; becomes a 10.x.y.z/32 address.</summary>
    private sealed class InetMasker(Anonymiser anonymiser) : IFieldMasker
    {
        private readonly byte[] _buffer = new byte[8];

        public ReadOnlyMemory<byte> Mask(ReadOnlySpan<byte> value)
        {
            var result = _buffer;
            result[0] = 2; // PGSQL_AF_INET
            result[1] = 32;
            result[2] = value.Length > 2 ? value[2] : (byte)0;
            result[3] = 4;
            anonymiser.FakeIPv4(value, result.AsSpan(4));
            return result;
        }
    }
}

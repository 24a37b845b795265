using System.Buffers.Binary;
using System.Text;
using HerokuTools.Data.Rules;
using HerokuTools.Data.Schema;

namespace HerokuTools.Data.Masking;

/// <summary>Replaces one non-NULL field of a binary COPY row: the PostgreSQL binary form in, the new binary form out.</summary>
public interface IFieldMasker
{
    byte[] Mask(ReadOnlySpan<byte> value);
}

/// <summary>The masker for a column rule, or null when the field passes through untouched.</summary>
public static class FieldMaskers
{
    public static IFieldMasker? For(ColumnRule rule, ColumnSchema column, Anonymiser anonymiser)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(column);
        return rule.Kind switch
        {
            ColumnRuleKind.Hash => new TextMasker(anonymiser.Hash),
            ColumnRuleKind.Fake when rule.Fake == FakeKind.Date => new DateShiftMasker(anonymiser, column.TypeName == "date"),
            ColumnRuleKind.Fake when rule.Fake == FakeKind.Ip && column.IsInet => new InetMasker(anonymiser),
            ColumnRuleKind.Fake => new TextMasker(v => anonymiser.Fake(rule.Fake!.Value, v, column.Unique)),
            _ => null,
        };
    }

    /// <summary>Text-like types (text, varchar, char, citext) travel as UTF-8 bytes in binary COPY.</summary>
    private sealed class TextMasker(Func<string, string> fake) : IFieldMasker
    {
        public byte[] Mask(ReadOnlySpan<byte> value) => Encoding.UTF8.GetBytes(fake(Encoding.UTF8.GetString(value)));
    }

    /// <summary>date is int32 days, timestamp(tz) int64 microseconds (since 2000-01-01); ±infinity stay as they are.</summary>
    private sealed class DateShiftMasker(Anonymiser anonymiser, bool isDate) : IFieldMasker
    {
        public byte[] Mask(ReadOnlySpan<byte> value)
        {
            var days = anonymiser.DateOffsetDays(value);
            var result = value.ToArray();
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
        public byte[] Mask(ReadOnlySpan<byte> value)
        {
            var result = new byte[8];
            result[0] = 2; // PGSQL_AF_INET
            result[1] = 32;
            result[2] = value.Length > 2 ? value[2] : (byte)0;
            result[3] = 4;
            anonymiser.FakeIPv4(value, result.AsSpan(4));
            return result;
        }
    }
}

using HerokuTools.Data.Masking;
using HerokuTools.Data.Rules;
using HerokuTools.Data.Schema;

namespace HerokuTools.Data;

/// <summary>
/// The shortest varchar(n)/char(n) in which a rule still gives that kind of value: a longer fake is shortened to fit
/// (see <see cref="Anonymiser.FakeUtf8"/>), but below these it is no longer an email, a phone number... and on a
/// UNIQUE column the distinguishing token (12 characters) must fit. Names, addresses and text on columns without
/// UNIQUE may be cut to any length.
/// </summary>
public static class FakeLengths
{
    /// <summary>A UNIQUE column needs room for the 12-character token that keeps fakes distinct (and one more).</summary>
    public const int Unique = 13;

    /// <summary>The hex HMAC cut below this many characters (48 bits) collides too easily.</summary>
    public const int Hash = 12;

    /// <summary>The minimum length for a fake of <paramref name="kind"/> on a column without UNIQUE (0: none).</summary>
    public static int Minimum(FakeKind kind) => kind switch
    {
        FakeKind.Email => 18, // a 6-character token @example.com
        FakeKind.Username => 6,
        FakeKind.Phone => 15, // +44 7700 900123
        FakeKind.Ip => 15, // 10.255.255.254
        FakeKind.Postcode => 8, // AB12 3CD
        _ => 0,
    };

    /// <summary>Why <paramref name="rule"/> cannot keep its shape in <paramref name="column"/>'s length limit; null when it can.</summary>
    public static string? TooShort(ColumnRule rule, ColumnSchema column)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(column);
        var max = FieldMaskers.MaxCharacters(column.Type);
        if (max == int.MaxValue || rule.Kind is not (ColumnRuleKind.Fake or ColumnRuleKind.Hash) || rule.Fake == FakeKind.Date)
        {
            return null;
        }

        var (minimum, why) = rule.Kind == ColumnRuleKind.Hash
            ? (Hash, "to stay a usable hash")
            : column.Unique && Unique > Minimum(rule.Fake!.Value)
                ? (Unique, "on a UNIQUE column to keep the fakes distinct")
                : (Minimum(rule.Fake!.Value), $"to stay a{(rule.Fake == FakeKind.Email || rule.Fake == FakeKind.Ip ? "n" : "")} {FakeKinds.Name(rule.Fake!.Value)}");
        return max >= minimum ? null
            : $"'{rule.Describe()}' needs at least {minimum} characters {why}; widen the column, or use another rule (null, value:, sql:)";
    }
}

using System.Text;
using System.Text.RegularExpressions;
using HerokuTools.Data.Masking;
using HerokuTools.Data.Rules;

namespace HerokuTools.Tests.Data;

public sealed class AnonymiserTests
{
    private readonly Anonymiser _anonymiser = new(Encoding.UTF8.GetBytes("secret"));

    [Fact]
    public void Same_input_same_output_other_key_other_output()
    {
        var same = new Anonymiser(Encoding.UTF8.GetBytes("secret"));
        var other = new Anonymiser(Encoding.UTF8.GetBytes("other"));
        _anonymiser.Fake(FakeKind.Email, "ann@real.test").ShouldBe(same.Fake(FakeKind.Email, "ann@real.test"));
        _anonymiser.Fake(FakeKind.Email, "ann@real.test").ShouldBe(_anonymiser.Fake(FakeKind.Email, "ann@real.test"));
        _anonymiser.Fake(FakeKind.Email, "ann@real.test").ShouldNotBe(other.Fake(FakeKind.Email, "ann@real.test"));
        _anonymiser.Hash("x").ShouldMatch("^[0-9a-f]{64}$");
    }

    [Fact]
    public void Fakes_have_realistic_shapes()
    {
        _anonymiser.Fake(FakeKind.Email, "a@b.c").ShouldMatch(@"^[a-z]+\.[a-z]+\.[0-9a-z]{12}@example\.(com|org|net)$");
        _anonymiser.Fake(FakeKind.Phone, "0123").ShouldMatch(@"^\+44 7700 \d{6}$");
        _anonymiser.Fake(FakeKind.Postcode, "SW1A 1AA").ShouldMatch(@"^[A-Z]{2}\d{1,2} \d[A-Z]{2}$");
        _anonymiser.Fake(FakeKind.Address, "1 Real St").ShouldMatch(@"^\d+ \w+ \w+, \w+$");
        _anonymiser.Fake(FakeKind.Ip, "192.168.0.1").ShouldStartWith("10.");
        FakeData.FirstNames.ShouldContain(_anonymiser.Fake(FakeKind.FirstName, "Zebedee"));
        _anonymiser.Fake(FakeKind.Text, "twenty-three characters").Length.ShouldBe("twenty-three characters".Length);
        _anonymiser.Fake(FakeKind.Text, "").ShouldBe("");
    }

    [Fact]
    public void Unique_columns_get_distinct_values_even_from_small_lists()
    {
        var inputs = Enumerable.Range(0, 20_000).Select(i => $"user{i}").ToList();
        inputs.Select(i => _anonymiser.Fake(FakeKind.Email, i)).Distinct().Count().ShouldBe(inputs.Count);
        inputs.Select(i => _anonymiser.Fake(FakeKind.FirstName, i, unique: true)).Distinct().Count().ShouldBe(inputs.Count);
        inputs.Select(i => _anonymiser.Fake(FakeKind.FirstName, i)).Distinct().Count().ShouldBeLessThan(100);
    }

    [Fact]
    public void Date_offsets_are_stable_and_never_zero()
    {
        var offsets = Enumerable.Range(0, 1000).Select(i => _anonymiser.DateOffsetDays(BitConverter.GetBytes(i))).ToList();
        offsets.ShouldAllBe(o => o != 0 && Math.Abs(o) <= 365);
        _anonymiser.DateOffsetDays(BitConverter.GetBytes(7)).ShouldBe(offsets[7]);
    }

    [Fact]
    public void CouldProduce_recognises_fakes_but_not_real_values()
    {
        Anonymiser.CouldProduce(FakeKind.FirstName, _anonymiser.Fake(FakeKind.FirstName, "Zebedee")).ShouldBeTrue();
        Anonymiser.CouldProduce(FakeKind.FirstName, "Zebedee").ShouldBeFalse();
        Anonymiser.CouldProduce(FakeKind.Phone, "+1 202 555 0100").ShouldBeFalse();
        Regex.IsMatch(_anonymiser.Fake(FakeKind.Username, "bob"), "^[a-z]+_[a-z]+_[0-9a-z]{12}$").ShouldBeTrue();
    }

    [Fact]
    public void A_fake_too_long_for_its_column_keeps_what_makes_it_distinct()
    {
        var email = _anonymiser.Fake(FakeKind.Email, "ann@real.test", unique: true);
        var token = email.Split('@')[0].Split('.')[^1];
        var domain = email.Split('@')[1];

        _anonymiser.Fake(FakeKind.Email, "ann@real.test", true, 100).ShouldBe(email);
        _anonymiser.Fake(FakeKind.Email, "ann@real.test", true, 24).ShouldBe($"{token}@{domain}"[..Math.Min(24, token.Length + 1 + domain.Length)]);
        _anonymiser.Fake(FakeKind.Email, "ann@real.test", true, 20).ShouldBe($"{token[..(20 - 1 - domain.Length)]}@{domain}");
        _anonymiser.Fake(FakeKind.Email, "ann@real.test", false, 20).ShouldEndWith("@" + domain); // a valid shape either way
        _anonymiser.Fake(FakeKind.Email, "ann@real.test", true, 9).ShouldBe(token[..9]);
        _anonymiser.Fake(FakeKind.Username, "ann", true, 12).ShouldBe(_anonymiser.Fake(FakeKind.Username, "ann").Split('_')[^1]);
        _anonymiser.Fake(FakeKind.Username, "ann", true, 6).Length.ShouldBe(6);

        var name = _anonymiser.Fake(FakeKind.FullName, "Ann Real", unique: true);
        var shortName = _anonymiser.Fake(FakeKind.FullName, "Ann Real", true, 16);
        shortName.Length.ShouldBeLessThanOrEqualTo(16);
        shortName.ShouldEndWith(" " + name.Split(' ')[^1]); // the uniqueness token survives
        shortName.ShouldStartWith(name.Split(' ')[0][..1]);
        _anonymiser.Fake(FakeKind.FullName, "Ann Real", false, 5).ShouldBe(_anonymiser.Fake(FakeKind.FullName, "Ann Real")[..5]);
    }

    [Theory]
    [InlineData(FakeKind.Email, 20)]
    [InlineData(FakeKind.Username, 8)]
    [InlineData(FakeKind.FullName, 14)]
    [InlineData(FakeKind.Phone, 13)]
    public void Shortened_unique_fakes_stay_distinct_and_fit(FakeKind kind, int max)
    {
        var fakes = Enumerable.Range(0, 20_000).Select(i => _anonymiser.Fake(kind, "value " + i, true, max)).ToList();

        fakes.ShouldAllBe(f => f.Length <= max);
        fakes.Distinct().Count().ShouldBe(fakes.Count);
    }
}

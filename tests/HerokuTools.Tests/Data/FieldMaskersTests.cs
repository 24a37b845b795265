using System.Text;
using HerokuTools.Data.Masking;

namespace HerokuTools.Tests.Data;

public sealed class FieldMaskersTests
{
    [Theory]
    [InlineData("character varying(8)", 8)]
    [InlineData("character(3)", 3)]
    [InlineData("character varying(254)[]", 254)]
    [InlineData("character varying", int.MaxValue)]
    [InlineData("text", int.MaxValue)]
    [InlineData("citext", int.MaxValue)]
    public void Reads_the_length_limit_from_the_type(string type, int limit) =>
        FieldMaskers.MaxCharacters(type).ShouldBe(limit);

    [Fact]
    public void Cuts_utf8_at_a_character_boundary()
    {
        var text = Encoding.UTF8.GetBytes("aé€😀b");
        FieldMaskers.CutToCharacters(text, 3).ShouldBe(Encoding.UTF8.GetByteCount("aé€"));
        FieldMaskers.CutToCharacters(text, 4).ShouldBe(Encoding.UTF8.GetByteCount("aé€😀"));
        FieldMaskers.CutToCharacters(text, 10).ShouldBe(text.Length);
        FieldMaskers.CutToCharacters(text, 0).ShouldBe(0);
    }
}

public sealed class KeyedSha256Tests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(16, 3)]
    [InlineData(64, 55)]
    [InlineData(64, 56)]
    [InlineData(100, 64)]
    [InlineData(7, 119)]
    [InlineData(32, 1000)]
    public void Equals_the_framework_hmac_for_every_key_and_message_length(int keyLength, int dataLength)
    {
        var key = Enumerable.Range(0, keyLength).Select(i => (byte)(i * 31 + 7)).ToArray();
        var data = Enumerable.Range(0, dataLength).Select(i => (byte)(i * 13 + 1)).ToArray();
        var digest = new byte[32];

        new KeyedSha256(key).Compute(data, digest);

        digest.ShouldBe(System.Security.Cryptography.HMACSHA256.HashData(key, data));
    }
}

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

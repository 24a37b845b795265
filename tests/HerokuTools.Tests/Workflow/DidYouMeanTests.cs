using HerokuTools.Common;

namespace HerokuTools.Tests.Workflow;

public class DidYouMeanTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("stagign", "staging", 1)]  // adjacent swap counts once
    [InlineData("ca", "abc", 3)]           // optimal string alignment, not unrestricted Damerau
    [InlineData("Branch", "branch", 0)]
    public void Distance_counts_edits(string a, string b, int expected)
    {
        DidYouMean.Distance(a, b).ShouldBe(expected);
        DidYouMean.Distance(b, a).ShouldBe(expected);
    }

    [Theory]
    [InlineData("app_nme", "app_name")]
    [InlineData("appname", "app_name")]
    [InlineData("protect", "protected")]
    [InlineData("promote-from", "promote_from")]
    [InlineData("lable", "label")]
    public void Close_keys_are_suggested(string typed, string expected)
    {
        DidYouMean.Suggest(typed, ["label", "app_name", "branch", "protected", "promote_from"]).ShouldBe(expected);
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("x")]
    [InlineData("name")]
    public void Far_keys_are_not(string typed)
    {
        DidYouMean.Suggest(typed, ["label", "app_name", "branch", "protected", "promote_from"]).ShouldBeNull();
    }

    [Fact]
    public void The_closest_wins_and_ties_go_to_the_first()
    {
        DidYouMean.Suggest("devv", ["dev", "devvv"]).ShouldBe("dev");
        DidYouMean.Suggest("ab", [("ax", "first"), ("ay", "second")]).ShouldBe("first");
    }
}

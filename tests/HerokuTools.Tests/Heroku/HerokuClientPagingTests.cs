using HerokuTools.Heroku;
using static HerokuTools.Tests.Heroku.TestApiServer;

namespace HerokuTools.Tests.Heroku;

public sealed class HerokuClientPagingTests(TestApiServer server) : IClassFixture<TestApiServer>
{
    private static string Releases(params int[] versions) =>
        "[" + string.Join(',', versions.Select(v => $$"""{"id":"r{{v}}","version":{{v}},"status":"succeeded","current":{{(v == 9 ? "true" : "false")}}}""")) + "]";

    [Fact]
    public async Task Follows_next_range_across_three_pages_and_sends_it_verbatim()
    {
        const string path = "/apps/paged/releases";
        server.On("GET", path, context => context.Request.Headers["Range"].ToString() switch
        {
            "version ..; order=desc" => Respond(context, 206, Releases(9, 8), ("Next-Range", "]8..; max=2, order=desc")),
            "]8..; max=2, order=desc" => Respond(context, 206, Releases(7, 6), ("Next-Range", "]6..; max=2, order=desc")),
            "]6..; max=2, order=desc" => Respond(context, 200, Releases(5)),
            var other => Respond(context, 416, $$"""{"id":"bad_range","message":"unexpected {{other}}"}"""),
        });
        using var test = new TestClient(server.Url);

        var releases = await test.Client.ListReleasesAsync("paged", order: ListOrder.Descending, cancellation: TestContext.Current.CancellationToken);

        releases.Select(r => r.Version).ShouldBe([9, 8, 7, 6, 5]);
        releases[0].Current.ShouldBeTrue();
        server.RequestsTo(path).Select(r => r.Range).ShouldBe(["version ..; order=desc", "]8..; max=2, order=desc", "]6..; max=2, order=desc"]);
    }

    [Fact]
    public async Task A_limit_is_sent_as_max_and_stops_paging_once_reached()
    {
        const string path = "/apps/limited/releases";
        // The server ignores max and pages by two, so a limit of 3 needs two pages and must not ask for a third.
        server.On("GET", path, context => context.Request.Headers["Range"].ToString() switch
        {
            "version ..; max=3, order=desc" => Respond(context, 206, Releases(9, 8), ("Next-Range", "]8..; max=3, order=desc")),
            "]8..; max=3, order=desc" => Respond(context, 206, Releases(7, 6), ("Next-Range", "]6..; max=3, order=desc")),
            var other => Respond(context, 416, $$"""{"id":"bad_range","message":"unexpected {{other}}"}"""),
        });
        using var test = new TestClient(server.Url);

        var releases = await test.Client.ListReleasesAsync("limited", limit: 3, order: ListOrder.Descending, cancellation: TestContext.Current.CancellationToken);

        releases.Select(r => r.Version).ShouldBe([9, 8, 7]);
        server.RequestsTo(path).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Lists_without_order_or_limit_send_the_bare_id_range()
    {
        const string path = "/apps/plain/dynos";
        server.On("GET", path, Respond(200, """[{"id":"d1","name":"web.1","state":"up","type":"web","size":"basic","command":"npm start","attach_url":null,"release":{"id":"r1","version":3}}]"""));
        using var test = new TestClient(server.Url);

        var dynos = await test.Client.ListDynosAsync("plain", TestContext.Current.CancellationToken);

        server.RequestsTo(path).Single().Range.ShouldBe("id ..");
        dynos.Single().Name.ShouldBe("web.1");
        dynos.Single().Release!.Version.ShouldBe(3);
        dynos.Single().AttachUrl.ShouldBeNull();
    }

    [Fact]
    public async Task A_206_without_next_range_ends_the_list()
    {
        const string path = "/apps/open-ended/formation";
        server.On("GET", path, Respond(206, """[{"id":"f1","type":"web","quantity":2,"size":"standard-1X","command":"npm start"}]"""));
        using var test = new TestClient(server.Url);

        var formation = await test.Client.ListFormationAsync("open-ended", TestContext.Current.CancellationToken);

        formation.Single().Quantity.ShouldBe(2);
        server.RequestsTo(path).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("id", null, ListOrder.Ascending, "id ..")]
    [InlineData("version", 10, ListOrder.Descending, "version ..; max=10, order=desc")]
    [InlineData("name", 5000, ListOrder.Ascending, "name ..; max=1000")]
    public void Range_header_values(string field, int? max, ListOrder order, string expected) =>
        new ListRange(field, max, order).ToHeaderValue().ShouldBe(expected);
}

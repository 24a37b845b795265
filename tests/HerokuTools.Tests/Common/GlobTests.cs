using HerokuTools.Common;

namespace HerokuTools.Tests.Common;

public class GlobTests
{
    [Theory]
    [InlineData("**/migrations/**", "migrations/0001_initial.sql", true)]
    [InlineData("**/migrations/**", "shop/migrations/0002_orders.py", true)]
    [InlineData("**/migrations/**", "a/b/c/migrations/x/y.py", true)]
    [InlineData("**/migrations/**", "shop/migrations.py", false)]
    [InlineData("**/migrations/**", "shop/old_migrations/1.py", false)]
    [InlineData("**/static/**", "static/css/site.css", true)]
    [InlineData("**/static/**", "app/staticfiles/x.css", false)]
    [InlineData("static/*.css", "static/site.css", true)]
    [InlineData("static/*.css", "static/css/site.css", false)]
    [InlineData("*.sql", "db/migrations/0001.sql", true)]
    [InlineData("Procfile", "Procfile", true)]
    [InlineData("Procfile", "sub/Procfile", true)]
    [InlineData("/Procfile", "sub/Procfile", false)]
    [InlineData("db/00?.sql", "db/001.sql", true)]
    [InlineData("db/00?.sql", "db/0011.sql", false)]
    [InlineData("db/[ab].sql", "db/a.sql", true)]
    [InlineData("db/[!ab].sql", "db/a.sql", false)]
    [InlineData("db/[!ab].sql", "db/c.sql", true)]
    [InlineData("a.b", "aXb", false)]
    [InlineData("**/Migrations/**", "migrations/1.sql", false)]
    public void Matches_like_git_pathspecs(string pattern, string path, bool expected) =>
        new Glob(pattern).IsMatch(path).ShouldBe(expected);
}

using HerokuTools.Sandbox.Postgres;

namespace HerokuTools.Sandbox.Tests.Postgres;

public sealed class AddonDatabaseNamesTests
{
    [Fact]
    public void Plain_heroku_add_on_names_are_kept_with_prefixes()
    {
        var names = AddonDatabaseNames.For("postgresql-curved-12345");

        names.Database.ShouldBe("d_postgresql-curved-12345");
        names.Role.ShouldBe("u_postgresql-curved-12345");
    }

    [Fact]
    public void Changed_names_get_a_hash_so_they_do_not_collide()
    {
        var upper = AddonDatabaseNames.For("DB-1");
        var lower = AddonDatabaseNames.For("db-1");
        var spaced = AddonDatabaseNames.For("db 1");

        upper.Database.ShouldMatch("^d_db-1_[0-9a-f]{8}$");
        new[] { upper.Database, lower.Database, spaced.Database }.Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public void Long_names_fit_postgres_identifiers()
    {
        var names = AddonDatabaseNames.For(new string('a', 200));

        names.Database.Length.ShouldBeLessThanOrEqualTo(63);
        names.Role.Length.ShouldBeLessThanOrEqualTo(63);
        names.ShouldNotBe(AddonDatabaseNames.For(new string('a', 201)));
    }

    [Fact]
    public void Identifiers_and_literals_are_quoted() =>
        (SqlText.Identifier("a\"b") + SqlText.Literal("it's")).ShouldBe("\"a\"\"b\"'it''s'");

    [Fact]
    public void Newest_debian_postgres_version_comes_first()
    {
        var root = TempFolder.NewPath("pg-versions");
        try
        {
            foreach (var version in new[] { "9.6", "15", "10", "not-a-version", "16" })
            {
                Directory.CreateDirectory(Path.Combine(root, version));
            }

            PostgresBinaries.DebianVersionFolders(root).Select(folder => Path.GetFileName(Path.GetDirectoryName(folder)))
                .ShouldBe(["16", "15", "10", "9.6"]);
        }
        finally
        {
            TempFolder.Delete(root);
        }
    }
}

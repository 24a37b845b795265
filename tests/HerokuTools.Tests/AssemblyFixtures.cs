// One PostgreSQL server for the whole run, shared by every sandbox the tests start.
[assembly: AssemblyFixture(typeof(HerokuTools.Testing.PostgresFixture))]

[assembly: AssemblyFixture(typeof(HerokuTools.Testing.PostgresFixture))]

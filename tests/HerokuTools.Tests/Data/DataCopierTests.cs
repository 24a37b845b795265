using System.Text;
using HerokuTools.Common;
using HerokuTools.Data.Copy;
using HerokuTools.Data.Rules;
using HerokuTools.Workflow;
using Npgsql;

namespace HerokuTools.Tests.Data;

/// <summary>The copy engine against real PostgreSQL databases: masking, atomicity, verification.</summary>
public sealed class DataCopierTests(PostgresFixture postgres)
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("test-key-1");

    internal const string SourceSchema = """
        CREATE EXTENSION IF NOT EXISTS citext;
        CREATE TABLE auth_user (
            id serial PRIMARY KEY,
            email varchar(254) NOT NULL UNIQUE,
            username citext NOT NULL UNIQUE,
            first_name text NOT NULL,
            last_name text NOT NULL,
            password text NOT NULL,
            notes text,
            phone text,
            is_active boolean NOT NULL,
            joined timestamptz NOT NULL,
            birthday date,
            last_ip inet,
            display text GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED);
        CREATE TABLE profile (
            id bigserial PRIMARY KEY,
            user_id int NOT NULL REFERENCES auth_user(id),
            contact_email text,
            address text, postcode text, tags text[], prefs jsonb, balance numeric(12,2), avatar bytea, ref uuid, secret text);
        CREATE INDEX profile_user ON profile(user_id);
        CREATE TABLE django_session (session_key text PRIMARY KEY, session_data text);
        INSERT INTO auth_user (email, username, first_name, last_name, password, notes, phone, is_active, joined, birthday, last_ip)
        SELECT 'person' || i || '@real-mail.test', 'Person' || i, 'Realfirst' || i, 'Reallast' || i, 'pbkdf2$secret' || i,
               CASE WHEN i % 3 = 0 THEN NULL ELSE 'private note ' || i END, '+1 202 555 ' || lpad(i::text, 4, '0'),
               i % 10 <> 0, '2020-01-01'::timestamptz + i * interval '1 day', '1980-01-01'::date + i, ('192.168.1.' || (i % 250))::inet
        FROM generate_series(1, 200) i;
        INSERT INTO profile (user_id, contact_email, address, postcode, tags, prefs, balance, avatar, ref, secret)
        SELECT i, 'person' || i || '@real-mail.test', i || ' Real Street, Realtown', 'ZZ' || i, ARRAY['a' || i, NULL, 'b'],
               jsonb_build_object('k', i, 'nested', jsonb_build_array(1, 'x')), i * 1.25, decode('deadbeef' || lpad(to_hex(i), 4, '0'), 'hex'),
               gen_random_uuid(), 'TOPSECRET-' || i
        FROM generate_series(1, 200) i;
        INSERT INTO django_session VALUES ('s1', 'session-secret');
        """;

    internal const string Rules = """
        environments:
          - {label: live, app_name: a-live, branch: master}
          - {label: dev, app_name: a-dev, branch: dev}
        data:
          key_env: ANON_KEY
          tables:
            auth_user:
              columns:
                id: keep
                email: email
                username: username
                first_name: first_name
                last_name: last_name
                password: { value: "!" }
                notes: { sql: "left(notes, 0)" }
                phone: phone
                is_active: keep
                joined: date
                birthday: date
                last_ip: ip
            profile:
              columns:
                id: keep
                user_id: keep
                contact_email: email
                address: address
                postcode: postcode
                tags: keep
                prefs: keep
                balance: keep
                avatar: keep
                ref: keep
                secret: { sql: "'redacted'" }
            django_session: skip
        """;

    internal static DataRules ParseRules(string yaml) => WorkflowLoader.Parse(yaml, "heroku-tools.yml").Data!;

    private async Task<(TestDatabase Source, TestDatabase Target)> DatabasesAsync(string sourceSql = SourceSchema)
    {
        var source = await postgres.CreateDatabaseAsync();
        var target = await postgres.CreateDatabaseAsync();
        await ExecAsync(source, sourceSql);
        await ExecAsync(target, "CREATE TABLE keepme (x int); INSERT INTO keepme VALUES (42);");
        return (source, target);
    }

    internal static async Task ExecAsync(TestDatabase db, string sql)
    {
        await using var c = new NpgsqlConnection(db.ConnectionString);
        await c.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    internal static async Task<List<object?[]>> QueryAsync(TestDatabase db, string sql)
    {
        await using var c = new NpgsqlConnection(db.ConnectionString);
        await c.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new NpgsqlCommand(sql, c);
        await using var r = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<object?[]>();
        while (await r.ReadAsync(TestContext.Current.CancellationToken))
        {
            var row = new object?[r.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static DataCopyOptions Options(TestDatabase source, TestDatabase target, string rules = Rules, byte[]? key = null) =>
        new(ParseRules(rules), key ?? Key, new DatabaseTarget("live", source.Url), new DatabaseTarget("dev", target.Url)) { Jobs = 2 };

    [Fact]
    public async Task Copies_every_rule_kind_and_type_keeping_fks_and_sequences()
    {
        var (source, target) = await DatabasesAsync();
        var result = await new DataCopier(Options(source, target)).RunAsync(TestContext.Current.CancellationToken);

        result.Tables.Single(t => t.Name == "auth_user").Rows.ShouldBe(200);
        result.Tables.ShouldAllBe(t => t.CountsMatch);
        result.Canary!.Passed.ShouldBeTrue();
        result.Canary.ColumnsChecked.ShouldBeGreaterThan(5);
        result.Canary.Unchecked.ShouldBe(["auth_user.joined", "auth_user.birthday"]);

        // The target's old tables are gone, the copy is public.
        (await QueryAsync(target, "SELECT count(*) FROM pg_class WHERE relname = 'keepme'"))[0][0].ShouldBe(0L);
        var users = await QueryAsync(target, "SELECT id, email, username::text, first_name, last_name, password, notes, phone, joined, birthday, host(last_ip), display FROM auth_user ORDER BY id");
        users.Count.ShouldBe(200);
        var first = users[0];
        ((string)first[1]!).ShouldEndWith("@example.com", Case.Insensitive, customMessage: (string)first[1]!);
        ((string)first[1]!).ShouldNotContain("real-mail");
        ((string)first[3]!).ShouldNotStartWith("Realfirst");
        first[5].ShouldBe("!");
        first[6].ShouldBeOneOf("", null);
        ((string)first[7]!).ShouldStartWith("+44 7700 ");
        ((DateTime)first[8]!).ShouldNotBe(new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        ((string)first[10]!).ShouldStartWith("10.");
        first[11].ShouldBe($"{first[3]} {first[4]}"); // generated column recomputed from the fakes
        users.Select(u => u[1]).Distinct().Count().ShouldBe(200); // unique kept
        users.Select(u => u[2]).Distinct().Count().ShouldBe(200);
        users.Where((u, i) => i % 3 == 2).ShouldAllBe(u => u[6] == null); // NULLs stay NULL

        // Determinism across tables: profile.contact_email equals the fake of the same original in auth_user.
        var joined = await QueryAsync(target, "SELECT count(*) FROM auth_user u JOIN profile p ON p.user_id = u.id AND p.contact_email = u.email");
        joined[0][0].ShouldBe(200L);

        var profile = await QueryAsync(target, "SELECT tags, prefs::text, balance, avatar, secret FROM profile WHERE id = 1");
        ((string?[])profile[0][0]!).ShouldBe(["a1", null, "b"]);
        ((string)profile[0][1]!).ShouldContain("\"nested\"");
        profile[0][2].ShouldBe(1.25m);
        ((byte[])profile[0][3]!).ShouldBe(Convert.FromHexString("deadbeef0001"));
        profile[0][4].ShouldBe("redacted");
        (await QueryAsync(target, "SELECT count(*) FROM django_session"))[0][0].ShouldBe(0L);

        // Post-data: the FK and the index exist; sequences continue after the source's.
        (await QueryAsync(target, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = 'public.profile'::regclass"))[0][0].ShouldBe(1L);
        (await QueryAsync(target, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND indexname = 'profile_user'"))[0][0].ShouldBe(1L);
        (await QueryAsync(target, "SELECT nextval('auth_user_id_seq')"))[0][0].ShouldBe(201L);
        await Should.ThrowAsync<PostgresException>(() => ExecAsync(target, "INSERT INTO profile (user_id) VALUES (9999)"));
        (await QueryAsync(target, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'heroku_tools_%'"))[0][0].ShouldBe(0L);
    }

    [Fact]
    public async Task Fakes_are_the_same_in_every_run_and_differ_with_another_key()
    {
        var (source, target) = await DatabasesAsync();
        await new DataCopier(Options(source, target)).RunAsync(TestContext.Current.CancellationToken);
        var once = await QueryAsync(target, "SELECT email, first_name, phone, birthday FROM auth_user ORDER BY id");
        await new DataCopier(Options(source, target)).RunAsync(TestContext.Current.CancellationToken);
        var twice = await QueryAsync(target, "SELECT email, first_name, phone, birthday FROM auth_user ORDER BY id");
        twice.Select(r => string.Join('|', r)).ShouldBe(once.Select(r => string.Join('|', r)));

        await new DataCopier(Options(source, target, key: Encoding.UTF8.GetBytes("other"))).RunAsync(TestContext.Current.CancellationToken);
        var other = await QueryAsync(target, "SELECT email FROM auth_user ORDER BY id");
        other[0][0].ShouldNotBe(once[0][0]);
    }

    [Fact]
    public async Task Uncovered_column_refuses_before_anything_is_written()
    {
        var (source, target) = await DatabasesAsync();
        await ExecAsync(source, "ALTER TABLE auth_user ADD COLUMN nickname text");
        var rules = Rules.Replace("    django_session: skip", "    django_session: skip\n    gone: skip", StringComparison.Ordinal)
            .Replace("        phone: phone\n", "        phone: phone\n        fax: keep\n", StringComparison.Ordinal);
        rules.ShouldContain("fax: keep");
        var e = await Should.ThrowAsync<DataRulesException>(() => new DataCopier(Options(source, target, rules)).RunAsync(TestContext.Current.CancellationToken));
        e.Problems.Select(p => p.Message).ShouldContain(m => m.Contains("auth_user.nickname (text) has no rule"));
        e.Problems.Select(p => p.Message).ShouldContain(m => m.Contains("auth_user.fax names a column that does not exist"));
        e.Problems.Select(p => p.Message).ShouldContain(m => m.Contains("table gone, which does not exist"));
        (await QueryAsync(target, "SELECT x FROM keepme"))[0][0].ShouldBe(42);
    }

    [Fact]
    public async Task Failure_midway_leaves_the_target_as_it_was()
    {
        // where: drops users that profiles point at, so the FK (post-data, after all rows are loaded) fails.
        var (source, target) = await DatabasesAsync();
        var rules = Rules.Replace("    auth_user:\n", "    auth_user:\n      where: \"is_active\"\n", StringComparison.Ordinal);
        rules.ShouldContain("where:");
        var e = await Should.ThrowAsync<ToolException>(() => new DataCopier(Options(source, target, rules)).RunAsync(TestContext.Current.CancellationToken));
        e.Message.ShouldContain("violates foreign key constraint");
        (await QueryAsync(target, "SELECT x FROM keepme"))[0][0].ShouldBe(42);
        (await QueryAsync(target, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'heroku_tools_%'"))[0][0].ShouldBe(0L);
    }

    [Fact]
    public async Task Interrupted_copy_leaves_the_target_as_it_was()
    {
        var (source, target) = await DatabasesAsync();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var options = Options(source, target) with { Progress = new CancelOnFirstTable(cts), Jobs = 1 };
        await Should.ThrowAsync<OperationCanceledException>(() => new DataCopier(options).RunAsync(cts.Token));
        (await QueryAsync(target, "SELECT x FROM keepme"))[0][0].ShouldBe(42);
        (await QueryAsync(target, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'heroku_tools_%'"))[0][0].ShouldBe(0L);
    }

    [Fact]
    public async Task Canary_catches_a_rule_that_lets_pii_through_and_nothing_is_replaced()
    {
        var (source, target) = await DatabasesAsync();
        var rules = Rules.Replace("contact_email: email", "contact_email: { sql: \"lower(contact_email)\" }", StringComparison.Ordinal);
        var e = await Should.ThrowAsync<ToolException>(() => new DataCopier(Options(source, target, rules)).RunAsync(TestContext.Current.CancellationToken));
        e.Message.ShouldContain("canary");
        e.Message.ShouldContain("profile.contact_email");
        (await QueryAsync(target, "SELECT x FROM keepme"))[0][0].ShouldBe(42);
    }

    [Fact]
    public async Task Sql_rule_values_never_reach_the_client()
    {
        var (source, target) = await DatabasesAsync();
        var tap = new MemoryStream();
        var options = Options(source, target) with { SourceTap = s => new TeeStream(s, tap), Jobs = 1 };
        await new DataCopier(options).RunAsync(TestContext.Current.CancellationToken);
        var received = tap.ToArray();
        received.Length.ShouldBeGreaterThan(10_000);
        Contains(received, "TOPSECRET-"u8).ShouldBeFalse();
        Contains(received, "private note"u8).ShouldBeFalse();
        Contains(received, "pbkdf2$secret"u8).ShouldBeFalse();
        Contains(received, "redacted"u8).ShouldBeTrue(); // the tap does see the rows
    }

    private static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private sealed class CancelOnFirstTable(CancellationTokenSource cts) : IDataCopyProgress
    {
        public void Phase(string text)
        {
        }

        public void TableStarted(string table, BinaryCopyTransformer transfer, long expectedBytes)
        {
        }

        public void TableDone(TableResult result) => cts.Cancel();
    }

    /// <summary>Passes reads through and keeps a copy of every byte read.</summary>
    private sealed class TeeStream(Stream inner, Stream copy) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            lock (copy) { copy.Write(buffer, offset, n); }
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            lock (copy) { copy.Write(buffer.Span[..n]); }
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

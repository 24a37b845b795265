using HerokuTools.Data.Copy;

namespace HerokuTools.Tests.Data;

/// <summary>pg_dump's post-data split into stages that can run on parallel sessions, in a safe order.</summary>
public sealed class PostDataStagesTests
{
    private const string Dump = """
        --
        -- PostgreSQL database dump
        --

        \restrict abc123

        SET statement_timeout = 0;
        SELECT pg_catalog.set_config('search_path', '', false);

        --
        -- Name: auth_user auth_user_pkey; Type: CONSTRAINT; Schema: public; Owner: -
        --

        ALTER TABLE ONLY public.auth_user
            ADD CONSTRAINT auth_user_pkey PRIMARY KEY (id);


        --
        -- Name: orders orders_pkey; Type: CONSTRAINT; Schema: public; Owner: -
        --

        ALTER TABLE ONLY public.orders
            ADD CONSTRAINT orders_pkey PRIMARY KEY (id);


        --
        -- Name: orders_created; Type: INDEX; Schema: public; Owner: -
        --

        CREATE INDEX orders_created ON public.orders USING btree (created);


        --
        -- Name: orders audit; Type: TRIGGER; Schema: public; Owner: -
        --

        CREATE TRIGGER audit AFTER INSERT ON public.orders FOR EACH ROW EXECUTE FUNCTION public.audit();


        --
        -- Name: orders orders_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
        --

        ALTER TABLE ONLY public.orders
            ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.auth_user(id);


        --
        -- PostgreSQL database dump complete
        --

        \unrestrict abc123

        """;

    private static readonly Dictionary<string, long> Sizes = new(StringComparer.Ordinal) { ["orders"] = 1000, ["auth_user"] = 10 };

    [Fact]
    public void Indexes_first_balanced_over_the_jobs_then_foreign_keys_then_the_rest()
    {
        var stages = PostDataStages.Split(Dump, "load_1", new HashSet<string>(["audit"]), Sizes, jobs: 2);

        stages.Count.ShouldBe(3);
        stages[0].Count.ShouldBe(2);
        // The two orders entries (the biggest) go to different sessions; auth_user's goes to one of them.
        stages[0].ShouldContain(s => s.Contains("orders_pkey") && !s.Contains("orders_created"));
        stages[0].ShouldContain(s => s.Contains("orders_created"));
        stages[0].Count(s => s.Contains("auth_user_pkey")).ShouldBe(1);
        stages[1].ShouldHaveSingleItem().ShouldContain("FOREIGN KEY (user_id) REFERENCES \"load_1\".auth_user(id)");
        stages[2].ShouldHaveSingleItem().ShouldContain("CREATE TRIGGER audit AFTER INSERT ON \"load_1\".orders");
        stages[2][0].ShouldContain("EXECUTE FUNCTION public.audit()"); // an extension's function keeps its schema

        foreach (var script in stages.SelectMany(s => s))
        {
            script.ShouldContain("SELECT pg_catalog.set_config('search_path', '', false);");
            script.ShouldContain($"SET maintenance_work_mem = '{PostDataStages.MaintenanceWorkMem}';");
            script.IndexOf("\\restrict abc123", StringComparison.Ordinal).ShouldBeLessThan(script.IndexOf("SET maintenance_work_mem", StringComparison.Ordinal));
            script.TrimEnd().ShouldEndWith("\\unrestrict abc123");
            script.ShouldNotContain(" public.orders");
        }
    }

    [Fact]
    public void One_job_gets_one_script_per_stage_in_the_dump_order()
    {
        var stages = PostDataStages.Split(Dump, "load_1", new HashSet<string>(), Sizes, jobs: 1);

        stages.Select(s => s.Count).ShouldBe([1, 1, 1]);
        var first = stages[0][0];
        first.IndexOf("auth_user_pkey", StringComparison.Ordinal).ShouldBeLessThan(first.IndexOf("orders_pkey", StringComparison.Ordinal));
        first.IndexOf("orders_pkey", StringComparison.Ordinal).ShouldBeLessThan(first.IndexOf("orders_created", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_section_has_no_stages()
    {
        PostDataStages.Split("--\n-- PostgreSQL database dump\n--\n\nSET x = 0;\n", "l", new HashSet<string>(), Sizes, 2).ShouldBeEmpty();
    }
}

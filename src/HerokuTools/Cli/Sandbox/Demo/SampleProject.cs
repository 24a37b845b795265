namespace HerokuTools.Cli.Sandbox.Demo;

/// <summary>
/// The files of the demo's sample app: a Django-shaped project whose migrations are SQL files applied with psql by
/// <c>bin/migrate</c>, and whose <c>bin/collectstatic</c> copies the apps' static folders, so it runs anywhere bash
/// and the PostgreSQL client do.
/// </summary>
internal static class SampleProject
{
    public static IReadOnlyDictionary<string, string> InitialFiles { get; } = new Dictionary<string, string>
    {
        ["Procfile"] = "web: bin/web\n",
        ["README.md"] = "# shop\n\nThe heroku-tools demo app: a Django-shaped project (SQL migrations, static files).\n",
        ["manage.py"] = "#!/usr/bin/env python3\n\"\"\"Stand-in for Django's manage.py; the demo uses bin/migrate and bin/collectstatic.\"\"\"\n",
        ["shop/__init__.py"] = "",
        ["shop/views.py"] = "def index(request):\n    return 'Welcome to the shop'\n",
        ["shop/migrations/0001_initial.sql"] = """
            create table auth_user (
                id serial primary key,
                email text not null unique,
                first_name text not null,
                last_name text not null,
                password text not null,
                is_active boolean not null default true,
                date_joined timestamptz not null default now()
            );

            """,
        ["shop/static/shop/site.css"] = "body { font-family: sans-serif; }\n",
        ["bin/web"] = """
            #!/usr/bin/env bash
            # The web process (the sandbox does not run web dynos; one-off dynos run the other scripts).
            echo "shop listening on port ${PORT:-5000}"

            """,
        ["bin/migrate"] = """
            #!/usr/bin/env bash
            # Django's `manage.py migrate`, in miniature: applies */migrations/*.sql in name order, each once, each in
            # one transaction, and records it in schema_migrations.
            set -euo pipefail
            : "${DATABASE_URL:?DATABASE_URL is not set: add the heroku-postgresql add-on}"
            export PGOPTIONS="-c client_min_messages=warning"
            psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -qc \
              "create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())"
            echo "Operations to perform:"
            applied=0
            for file in $(ls */migrations/*.sql 2>/dev/null | sort -t/ -k3); do
              name=$(basename "$file" .sql)
              app=${file%%/*}
              done_already=$(psql "$DATABASE_URL" -Atc "select 1 from schema_migrations where name = '$app.$name'")
              if [ -z "$done_already" ]; then
                echo "  Applying $app.$name... "
                psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -q -1 -f "$file" \
                  -c "insert into schema_migrations (name) values ('$app.$name')"
                echo "  Applying $app.$name... OK"
                applied=$((applied + 1))
              fi
            done
            [ "$applied" -gt 0 ] || echo "  No migrations to apply."

            """,
        ["bin/collectstatic"] = """
            #!/usr/bin/env bash
            # Django's `manage.py collectstatic --noinput`, in miniature: copies every app's static/ folder into
            # $STATIC_ROOT (default staticfiles/).
            set -euo pipefail
            root=${STATIC_ROOT:-staticfiles}
            mkdir -p "$root"
            count=0
            for dir in */static; do
              [ -d "$dir" ] || continue
              while IFS= read -r -d '' file; do
                rel=${file#"$dir"/}
                mkdir -p "$root/$(dirname "$rel")"
                cp "$file" "$root/$rel"
                count=$((count + 1))
              done < <(find "$dir" -type f -print0)
            done
            [ "$count" = 1 ] && noun=file || noun=files
            echo "$count static $noun copied to '$root'."

            """,
    };

    /// <summary>heroku-tools.yml for the demo's three apps (the original format plus `protected`).</summary>
    public static string Workflow(string live, string uat, string dev) => $"""
        # The demo's workflow: code moves up dev -> uat -> live, data moves down live -> uat -> dev.
        environments:
            - label:    live
              app_name: {live}
              branch:   master
              protected: true
            - label:    uat
              app_name: {uat}
              branch:   master
            - label:    dev
              app_name: {dev}
              branch:   dev
        commands:
            collectstatic: bin/collectstatic
            migrate: bin/migrate

        """;
}

#!/usr/bin/env bash
# heroku-tools data copy (anonymising email/name/username/phone/address/postcode) against a plain
# `pg_dump SRC | psql DST` of the same database, in the same run, on a throwaway PostgreSQL server.
# Dataset: Django-shaped, ROWS_USERS users + as many profiles + 3.5x as many orders (default 1M -> 5.5M rows).
# Prints a Markdown table: wall seconds, peak RSS (GNU time), CPU of the client processes and of the server's
# backends, ratio to the baseline. Never part of ./test.sh.
# RUNS=n measures each copy n times (alternating, fresh target databases each time) on one generated dataset.
# COMPARE_REF="<commit> ..." also builds and measures the tool as of each commit (before/after in the same run).
# PHASES=1 prints the tool's progress lines with the seconds since it started.
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=${ROWS_USERS:-1000000}
JOBS=${JOBS:-2}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d /tmp/ht-bench-data.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
api_pid=""
as_pg=()
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null || true
  "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "building (Release)..." >&2
dotnet build src/HerokuTools -c Release -nologo -v quiet >/dev/null
tool=$(pwd)/src/HerokuTools/bin/Release/net10.0/heroku-tools
base_tools=()
for ref in ${COMPARE_REF:-}; do # one or more commits, space-separated
  echo "building $ref (Release)..." >&2
  mkdir -p "$work/base-$ref" && git archive "$ref" | tar -x -C "$work/base-$ref"
  dotnet build "$work/base-$ref/src/HerokuTools" -c Release -nologo -v quiet >/dev/null
  base_tools+=("$ref")
done

# As root, the server runs as the postgres system user (initdb refuses root).
as_pg=()
if [ "$(id -u)" = 0 ]; then as_pg=(setpriv --reuid="$(id -u postgres)" --regid="$(id -g postgres)" --init-groups --); chmod 755 "$work"; mkdir "$work/pg"; chown postgres: "$work/pg"; fi
"${as_pg[@]}" "$PGBIN/initdb" -D "$work/pg" -U bench --auth=trust >/dev/null
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$work/pg" -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_wal_size=4GB -c fsync=off" -l "$work/pg/server.log" start >/dev/null
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=bench
for db in src; do "$PGBIN/createdb" "$db"; done

echo "generating $((USERS * 55 / 10)) rows..." >&2
"$PGBIN/psql" -q -X -v ON_ERROR_STOP=1 -d src <<SQL
CREATE TABLE auth_user (id bigserial PRIMARY KEY, email varchar(254) NOT NULL UNIQUE, username varchar(150) NOT NULL UNIQUE,
  first_name varchar(150) NOT NULL, last_name varchar(150) NOT NULL, password varchar(128) NOT NULL,
  is_active boolean NOT NULL, date_joined timestamptz NOT NULL);
INSERT INTO auth_user (email, username, first_name, last_name, password, is_active, date_joined)
SELECT 'user' || i || '@mail' || (i % 97) || '.test', 'user' || i, 'First' || (i % 5000), 'Last' || (i % 7000),
       'pbkdf2_sha256\$600000\$' || md5(i::text) || md5((i * 7)::text), i % 20 <> 0, now() - (i || ' minutes')::interval
FROM generate_series(1, $USERS) i;
CREATE TABLE profile (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES auth_user(id), phone varchar(32),
  address text, postcode varchar(10), bio text);
INSERT INTO profile (user_id, phone, address, postcode, bio)
SELECT i, '+1 555 ' || lpad((i % 10000000)::text, 7, '0'), i || ' Some Street, Town ' || (i % 300), 'AB' || (i % 99) || ' 1CD',
       repeat(md5(i::text), 2)
FROM generate_series(1, $USERS) i;
CREATE INDEX profile_user ON profile(user_id);
CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES auth_user(id), total numeric(10,2) NOT NULL,
  status varchar(20) NOT NULL, created timestamptz NOT NULL, notes text);
INSERT INTO orders (user_id, total, status, created, notes)
SELECT 1 + (i % $USERS), (i % 50000) / 100.0, (ARRAY['new','paid','shipped','refunded'])[1 + i % 4], now() - (i || ' seconds')::interval,
       'order note ' || md5(i::text)
FROM generate_series(1, $USERS * 35 / 10) i;
CREATE INDEX orders_user ON orders(user_id);
CREATE INDEX orders_created ON orders(created);
VACUUM ANALYZE;
SQL
size=$("$PGBIN/psql" -X -At -d src -c "SELECT pg_size_pretty(pg_database_size('src'))")
rows=$("$PGBIN/psql" -X -At -d src -c "SELECT (SELECT count(*) FROM auth_user) + (SELECT count(*) FROM profile) + (SELECT count(*) FROM orders)")

# A minimal Platform API: the tool reads each app's DATABASE_URL from GET /apps/{app}/config-vars.
cat > "$work/api.py" <<PY
import http.server, json, sys
urls = {"bench-live": "postgres://bench:x@127.0.0.1:$port/src", "bench-dev": "postgres://bench:x@127.0.0.1:$port/dst_tool"}
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        app = self.path.split("/")[2]
        body = json.dumps({"DATABASE_URL": urls[app]}).encode()
        self.send_response(200); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", 0), H); print(s.server_address[1], flush=True); s.serve_forever()
PY
python3 "$work/api.py" > "$work/api.port" & api_pid=$!
while [ ! -s "$work/api.port" ]; do sleep 0.1; done
api_port=$(cat "$work/api.port")

cat > "$work/heroku-tools.yml" <<YML
environments:
  - {label: live, app_name: bench-live, branch: master}
  - {label: dev, app_name: bench-dev, branch: dev}
data:
  key_env: ANON_KEY
  tables:
    auth_user:
      columns: {id: keep, email: email, username: username, first_name: first_name, last_name: last_name,
                password: {value: "!"}, is_active: keep, date_joined: keep}
    profile:
      columns: {id: keep, user_id: keep, phone: phone, address: address, postcode: postcode, bio: keep}
    orders:
      columns: {id: keep, user_id: keep, total: keep, status: keep, created: keep, notes: keep}
YML

pg_cpu() { # CPU seconds (user+sys) of the server's reaped backends so far: the postmaster's cutime+cstime
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($16 + $17) / hz }' "/proc/$(head -1 "$work/pg/postmaster.pid")/stat"
}
stamp() { # prefixes each stderr line with the seconds since the command started (phase times)
  local start; start=$(date +%s.%N)
  while IFS= read -r line; do printf '%6.2f %s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$line"; done
}
measure() { # label, command...: prints "wall_s peak_mib cpu_s pg_cpu_s" (cpu: the command's processes; pg: the server's backends)
  local before; before=$(pg_cpu)
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "${@:2}" >"$work/$1.out" 2> >(stamp >"$work/$1.err") || { cat "$work/$1.err" >&2; exit 1; }
  sleep 0.5
  local after; after=$(pg_cpu)
  awk -v pg="$(echo "$after - $before" | bc)" '{ printf "%s %.0f %.1f %.1f\n", $1, $2 / 1024, $3 + $4, pg }' "$work/time"
}

fresh() { "$PGBIN/dropdb" --if-exists "$1" && "$PGBIN/createdb" "$1"; }
copy_with() { # label, tool binary
  fresh dst_tool
  (cd "$work" && HEROKU_API_URL="http://127.0.0.1:$api_port" HEROKU_API_KEY=bench ANON_KEY=bench-key \
    measure "$1" "$2" data copy live dev --yes --jobs "$JOBS")
}
rows_md=""
add_row() { # label, wall, mib, cpu, pg, plain_wall
  rows_md+="| $1 | $2 | $3 | $4 | $5 | $(awk "BEGIN { printf \"%.2fx\", $2 / $6 }") |"$'\n'
}
for run in $(seq 1 "${RUNS:-1}"); do
  echo "run $run: baseline pg_dump | psql..." >&2
  fresh dst_plain
  read -r plain_wall plain_mib plain_cpu plain_pg < <(measure plain bash -c "'$PGBIN/pg_dump' -d src | '$PGBIN/psql' -X -q -v ON_ERROR_STOP=1 -d dst_plain")
  add_row "run $run: pg_dump \| psql (plain, baseline)" "$plain_wall" "$plain_mib" "$plain_cpu" "$plain_pg" "$plain_wall"
  echo "run $run: heroku-tools data copy --jobs $JOBS..." >&2
  read -r tool_wall tool_mib tool_cpu tool_pg < <(copy_with tool "$tool")
  add_row "run $run: heroku-tools data copy (anonymised)" "$tool_wall" "$tool_mib" "$tool_cpu" "$tool_pg" "$plain_wall"
  cp "$work/tool.err" /tmp/ht-bench-data-tool.err 2>/dev/null || true
  [ -n "${PHASES:-}" ] && { echo "tool phases (seconds since start):" >&2; cat "$work/tool.err" >&2; }
  leaked=$("$PGBIN/psql" -X -At -d dst_tool -c "SELECT count(*) FROM auth_user WHERE email LIKE '%.test'")
  for ref in "${base_tools[@]}"; do
    echo "run $run: heroku-tools data copy as of $ref..." >&2
    read -r base_wall base_mib base_cpu base_pg < <(copy_with "base-$ref" "$work/base-$ref/src/HerokuTools/bin/Release/net10.0/heroku-tools")
    add_row "run $run: heroku-tools data copy as of ${ref:0:7}" "$base_wall" "$base_mib" "$base_cpu" "$base_pg" "$plain_wall"
    [ -n "${PHASES:-}" ] && { echo "$ref phases:" >&2; cat "$work/base-$ref.err" >&2; }
  done
done

echo
echo "Dataset: $rows rows, $size on disk; $(nproc) cores; --jobs $JOBS; PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}')."
echo
echo "| copy | wall (s) | peak RSS (MiB) | client CPU (s) | server CPU (s) | wall vs plain |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s' "$rows_md"
echo
echo "Source emails left in the copy: $leaked"

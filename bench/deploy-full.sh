#!/usr/bin/env bash
# A full `heroku-tools deploy dev --yes` against a local sandbox: maintenance on, git push (build + release),
# migrate and collectstatic as attached one-off dynos, maintenance off, tag and release note. The tool's own
# overhead = process wall time - the sum of the step durations it reports itself (deploy --json: result.steps).
# What remains is start-up, reading heroku-tools.yml, the plan (API GETs, git log/diff), rendering and the final
# release GET. Target: overhead <= 10% of the steps' time. Each run deploys a new commit touching migrations/ and
# static/, so every step runs every time.
#   RUNS=7 bench/deploy-full.sh          TOOL=/path/to/aot/heroku-tools bench/deploy-full.sh
#   BEFORE=/path/to/an/older/heroku-tools adds its row; the two binaries take turns in the same sandbox.
#   SANDBOX=/path/to/heroku-tools runs the sandbox from that binary (default: the JIT build).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-7}
work=$(mktemp -d /tmp/ht-bench-full.XXXXXX)
sandbox_pid=
cleanup() { [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/HerokuTools -c Release -nologo -v quiet >/dev/null
jit="dotnet $root/src/HerokuTools/bin/Release/net10.0/heroku-tools.dll"
tool=${TOOL:-$jit}

# The sandbox runs from the JIT build unless SANDBOX names another binary (e.g. the AOT one users run).
sandbox=${SANDBOX:-$jit}
$sandbox sandbox up --dir "$work/state" --no-postgres >"$work/sandbox.log" 2>&1 & sandbox_pid=$!
for _ in $(seq 300); do [ -s "$work/state/run.json" ] && break; sleep 0.1; done
eval "$($jit sandbox env --dir "$work/state")"
curl -fsS -X POST -H "Authorization: Bearer $HEROKU_API_KEY" -H "Accept: application/vnd.heroku+json; version=3" \
  -H "Content-Type: application/json" -d '{"name":"bench-dev"}' "$HEROKU_API_URL/apps" >/dev/null

repo="$work/repo"
git init -q -b dev "$repo"
cd "$repo"
git config user.email bench@example.com && git config user.name Bench
cat > heroku-tools.yml <<YML
environments:
  - label: dev
    app_name: bench-dev
    branch: dev
commands:
  migrate: sh bin/migrate
  collectstatic: sh bin/collectstatic
YML
mkdir -p bin migrations static
printf 'for f in migrations/*.sql; do echo "applying $f"; done\n' > bin/migrate
printf 'mkdir -p staticfiles && cp -r static/. staticfiles/ && echo "copied $(ls static | wc -l) files"\n' > bin/collectstatic
echo "print('hi')" > app.py
for i in $(seq 200); do echo "line $i" > "static/f$i.css"; done
echo release-notes/ > .gitignore
git add -A && git commit -qm initial
$tool deploy dev --yes >/dev/null 2>&1   # first deploy, warms everything

[ -z "${VERBOSE:-}" ] || { echo "-- v" > migrations/verbose.sql; git add -A; git commit -qm verbose; $tool -v deploy dev --yes 2>&1 | grep -vE "^    |remote:" || true; }
python3 - "$runs" "$tool" "${BEFORE:-}" <<'PY'
import json, shlex, statistics, subprocess, sys, time
runs, tools = int(sys.argv[1]), [("after" if sys.argv[3] else "tool", shlex.split(sys.argv[2]))]
if sys.argv[3]:
    tools.insert(0, ("before", shlex.split(sys.argv[3])))
rows = {name: [] for name, _ in tools}
n = 0
for _ in range(runs):
    for name, tool in tools:
        open(f"migrations/{n:04d}.sql", "w").write(f"select {n};\n")
        open(f"static/run{n}.css", "w").write(f"/* {n} */\n")
        n += 1
        subprocess.run(["git", "add", "-A"], check=True)
        subprocess.run(["git", "commit", "-qm", f"run {n}"], check=True)
        start = time.perf_counter()
        p = subprocess.run([*tool, "deploy", "dev", "--yes", "--json"], capture_output=True, text=True)
        wall = (time.perf_counter() - start) * 1000
        if p.returncode != 0:
            sys.exit("deploy failed: " + p.stderr[-2000:])
        steps = json.loads(p.stdout)["result"]["steps"]
        total = sum(s["duration_ms"] for s in steps)
        rows[name].append((wall, total, {s["kind"]: s["duration_ms"] for s in steps}))
med = lambda xs: statistics.median(xs)
print(f"{runs} deploys per binary, medians (ms)")
kinds = list(rows[tools[0][0]][0][2])
print("| binary | " + " | ".join(kinds) + " | Σ steps | wall | overhead | overhead / Σ steps |")
print("|---|" + "---:|" * (len(kinds) + 4))
for name, _ in tools:
    rs = rows[name]
    steps, wall = med([r[1] for r in rs]), med([r[0] for r in rs])
    overhead = med([r[0] - r[1] for r in rs])
    ratio = med([(r[0] - r[1]) / r[1] for r in rs])
    print(f"| {name} | " + " | ".join(f"{med([r[2].get(k, 0) for r in rs]):.0f}" for k in kinds)
          + f" | {steps:.0f} | {wall:.0f} | {overhead:.0f} | {ratio:.1%} |")
PY

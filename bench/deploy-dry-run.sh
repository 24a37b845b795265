#!/usr/bin/env bash
# `heroku-tools deploy dev --dry-run` on a generated repository with 100k commits and 20k changed files between the
# released commit and the branch, against `git log --oneline --no-merges A..B` plus `git diff --name-only A..B` run
# alone, in the same run. Target: the tool <= 1.2x the git baseline. The app's API is a tiny local fake (three GETs)
# and its git remote a local bare repository (file://), so the figure is the tool's own work plus git's.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-5}
commits=${COMMITS:-100000}
files=${FILES:-20000}
work=$(mktemp -d /tmp/ht-bench-deploy.XXXXXX)
api_pid=
cleanup() { [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT

if [ -x artifacts/aot/heroku-tools ] && [ -z "${JIT:-}" ]; then
  tool="$root/artifacts/aot/heroku-tools"
else
  dotnet build src/HerokuTools -c Release -nologo -v quiet >/dev/null
  tool="dotnet $root/src/HerokuTools/bin/Release/net10.0/heroku-tools.dll"
fi

# The repository: commit 1 adds $files files (the released commit A); then $commits commits each change one file,
# round robin, so A..B has $commits commits and $files changed files (some under migrations/ and static/).
repo="$work/repo"
git init -q -b dev "$repo"
python3 - "$commits" "$files" <<'PY' | git -C "$repo" fast-import --quiet
import sys
commits, files = int(sys.argv[1]), int(sys.argv[2])
out = sys.stdout.buffer
def path(i):
    folder = "migrations" if i % 97 == 0 else "static" if i % 89 == 0 else f"app{i % 50}"
    return f"{folder}/f{i}.txt"
def commit(n, changes, ts):
    msg = f"commit {n}\n".encode()
    out.write(b"commit refs/heads/dev\n")
    out.write(f"committer Bench <bench@example.com> {ts} +0000\n".encode())
    out.write(b"data %d\n%s" % (len(msg), msg))
    for p, content in changes:
        data = content.encode()
        out.write(f"M 100644 inline {p}\n".encode() + b"data %d\n%s\n" % (len(data), data))
commit(1, [("heroku-tools.yml", "environments:\n  - {label: dev, app_name: bench-dev, branch: dev}\ncommands:\n  migrate: bin/migrate\n  collectstatic: bin/collectstatic\n")]
       + [(path(i), f"v0 {i}\n") for i in range(files)], 1700000000)
for n in range(2, commits + 2):
    i = (n - 2) % files
    commit(n, [(path(i), f"v{n} {i}\n")], 1700000000 + n)
PY
git -C "$repo" checkout -q dev
base=$(git -C "$repo" rev-list --max-parents=0 dev)
head=$(git -C "$repo" rev-parse dev)
git clone -q --bare "$repo" "$work/git/bench-dev.git"
git -C "$work/git/bench-dev.git" update-ref refs/heads/main "$base"

python3 bench/fake_heroku_api.py bench-dev "$base" "$work/port" & api_pid=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
export HEROKU_API_URL="http://127.0.0.1:$(cat "$work/port")" HEROKU_API_KEY=bench HEROKU_GIT_URL="file://$work/git/{app}.git"

cat > "$work/baseline.sh" <<SH
#!/bin/sh
git -C "$repo" log --oneline --no-merges $base..$head >/dev/null && git -C "$repo" diff --name-only $base..$head >/dev/null
SH
chmod +x "$work/baseline.sh"
echo "repository: $(git -C "$repo" rev-list --count "$base..$head") commits, $(git -C "$repo" diff --name-only "$base..$head" | wc -l) changed files between A and B"
cd "$repo"
# BEFORE=/path/to/an/older/heroku-tools adds its row, for before/after figures in one run.
before=()
[ -z "${BEFORE:-}" ] || before=("heroku-tools deploy dev --dry-run (before)=$BEFORE deploy dev --dry-run")
python3 "$root/bench/measure.py" "$runs" \
  "git log --oneline --no-merges A..B + git diff --name-only A..B=$work/baseline.sh" \
  "${before[@]}" \
  "heroku-tools deploy dev --dry-run=$tool deploy dev --dry-run" \
  "heroku-tools deploy dev --dry-run --json=$tool deploy dev --dry-run --json"

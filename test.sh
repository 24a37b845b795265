#!/usr/bin/env bash
# Builds everything and runs every test. Installs what a fresh Debian machine lacks (git, PostgreSQL server)
# when run as root. Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

need=()
command -v git >/dev/null 2>&1 || need+=(git)
pg_bindir=$( (pg_config --bindir 2>/dev/null || true) )
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! [ -x "${pg_bindir}/initdb" ]; then
  need+=(postgresql postgresql-contrib)
fi
command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null \
      || { echo "test.sh: could not install ${need[*]}"; echo "0 passed, 1 failed"; exit 1; }
  else
    echo "test.sh: missing ${need[*]}; install them (e.g. sudo apt-get install ${need[*]})"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The official heroku CLI (v11) for the interop test, installed once into a cache folder and reused; the install
# runs in the background while the build runs. Without npm the interop test is reported as skipped.
heroku_cli_dir="${HEROKU_TOOLS_HEROKU_CLI:-${XDG_CACHE_HOME:-$HOME/.cache}/heroku-tools/heroku-cli}"
heroku_cli_pid=""
heroku_cli_installed() {
  grep -qE '"version": *"11\.' "$heroku_cli_dir/node_modules/heroku/package.json" 2>/dev/null
}
if ! heroku_cli_installed && command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
  echo "test.sh: installing the official heroku CLI v11 into $heroku_cli_dir (in the background)"
  (
    staging="$heroku_cli_dir.partial-$$"
    rm -rf "$staging" && mkdir -p "$staging" \
      && timeout 480 npm install --prefix "$staging" --no-audit --no-fund --loglevel=error heroku@11 >"$staging.log" 2>&1 \
      && rm -rf "$heroku_cli_dir" && mv "$staging" "$heroku_cli_dir" && rm -f "$staging.log" \
      || { echo "test.sh: could not install the heroku CLI (see $staging.log); its interop test will be skipped"; rm -rf "$staging"; }
  ) &
  heroku_cli_pid=$!
fi
export HEROKU_TOOLS_HEROKU_CLI="$heroku_cli_dir"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet build HerokuTools.slnx -c Release -nologo -clp:NoSummary -v minimal >"$log" 2>&1
if [ $? -ne 0 ]; then
  grep -E 'error|warning' "$log" | sort -u | head -50
  if [ -n "$heroku_cli_pid" ]; then wait "$heroku_cli_pid"; fi
  echo "test.sh: build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

if [ -n "$heroku_cli_pid" ]; then wait "$heroku_cli_pid"; fi

dotnet test --solution HerokuTools.slnx -c Release --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

sum() { grep -E "^\s*$1: [0-9]+" "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0; }
total=$(sum total); failed=$(sum failed); passed=$(sum succeeded); skipped=$(sum skipped)
if [ "$status" -ne 0 ] && [ "$failed" = 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"

#!/usr/bin/env bash
# The whole workflow in one command: a fresh sandbox (a local Heroku on 127.0.0.1), a Django-shaped sample
# project, live/uat/dev apps with Postgres, and heroku-tools run against them. Touches nothing outside a new
# temporary folder (or DIR: ./demo.sh --into DIR). ./demo.sh --keep leaves the sandbox up to try commands yourself.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need=()
command -v git >/dev/null 2>&1 || need+=(git)
command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "demo.sh: installing ${need[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "demo.sh: please install ${need[*]} first (sudo apt-get install ${need[*]})" >&2; exit 1
  fi
fi

echo "==> building heroku-tools"
dotnet build "$root/src/HerokuTools" -c Release -nologo -v quiet -clp:NoSummary >/dev/null
exec dotnet "$root/src/HerokuTools/bin/Release/net10.0/heroku-tools.dll" sandbox demo "$@"

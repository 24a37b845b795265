#!/usr/bin/env bash
# The whole workflow in one command, against the sandbox (a local Heroku). Safe to run again: it works in a
# fresh temporary folder (DEMO_DIR to choose one) and touches nothing else.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "==> building heroku-tools"
dotnet build "$root/src/HerokuTools" -c Release -nologo -v quiet -clp:NoSummary >/dev/null
ht() { dotnet "$root/src/HerokuTools/bin/Release/net10.0/heroku-tools.dll" "$@"; }

work=${DEMO_DIR:-$(mktemp -d /tmp/heroku-tools-demo.XXXXXX)}
mkdir -p "$work"
echo "==> demo folder: $work"

step() { printf '\n\033[1m$ heroku-tools %s\033[0m\n' "$*"; }

app="$work/app"
rm -rf "$app" && mkdir -p "$app" && cd "$app"
git init -q -b master
git -c user.name=Demo -c user.email=demo@example.com commit -q --allow-empty -m "Initial commit"
git branch dev

step init
ht init
cat heroku-tools.yml

step --help
ht --help

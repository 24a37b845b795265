#!/usr/bin/env bash
# Start-up of `heroku-tools --version`: the native (AOT) binary against the same build run by the JIT host, with
# `/bin/true` as the floor, in one run. Target: AOT <= 25 ms median wall, <= 30 MiB peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-30}
[ -x /usr/bin/time ] || { [ "$(id -u)" = 0 ] && apt-get install -y -qq time >/dev/null; }
[ -n "${SKIP_BUILD:-}" ] || ./build.sh artifacts/aot >/dev/null
dotnet build src/HerokuTools -c Release -nologo -v quiet >/dev/null
jit=src/HerokuTools/bin/Release/net10.0/heroku-tools.dll
python3 bench/measure.py "$runs" \
  "true=/bin/true" \
  "heroku-tools --version (AOT)=artifacts/aot/heroku-tools --version" \
  "heroku-tools --help (AOT)=artifacts/aot/heroku-tools --help" \
  "heroku-tools --version (JIT)=dotnet $jit --version"

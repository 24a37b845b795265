#!/usr/bin/env bash
# Publishes the native (Native AOT) heroku-tools binary to artifacts/aot/heroku-tools.
# Needs clang (apt-get install clang) and zlib1g-dev; installs them when run as root and they are missing.
set -euo pipefail
cd "$(dirname "$0")"
need=()
command -v clang >/dev/null 2>&1 || command -v clang-14 >/dev/null 2>&1 || need+=(clang)
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "build.sh: missing ${need[*]} (sudo apt-get install ${need[*]})" >&2; exit 1
  fi
fi
extra=()
if ! command -v clang >/dev/null 2>&1 && command -v clang-14 >/dev/null 2>&1; then
  extra+=(-p:CppCompilerAndLinker=clang-14)
fi
out=${1:-artifacts/aot}
log=$(mktemp); trap 'rm -f "$log"' EXIT
if ! dotnet publish src/HerokuTools/HerokuTools.csproj -c Release -r linux-x64 -p:PublishAot=true "${extra[@]}" -o "$out" -nologo >"$log" 2>&1; then
  cat "$log"; exit 1
fi
# Zero AOT/trim warnings is part of the build's contract.
if grep -E 'warning (IL[0-9]+|AOT)' "$log"; then
  echo "build.sh: AOT/trim warnings (above)" >&2; exit 1
fi
ls -la "$out/heroku-tools"

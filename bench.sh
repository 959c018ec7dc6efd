#!/usr/bin/env bash
# Benchmarks the API as ./dev.sh serves it (dev host on a private in-memory Azurite) against raw Table
# operations on the same Azurite. Args pass through: ./bench.sh --help
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -x node_modules/.bin/azurite ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# Building the bench builds the dev host it starts (its project reference) in the same configuration.
if ! build_log=$(dotnet build tools/BookedBarber.Bench/BookedBarber.Bench.csproj -c Release -nologo -v q 2>&1); then
  echo "$build_log" >&2
  exit 1
fi

exec dotnet tools/BookedBarber.Bench/bin/Release/net10.0/BookedBarber.Bench.dll "$@"

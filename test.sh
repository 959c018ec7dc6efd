#!/usr/bin/env bash
# Restores, builds (warnings are errors in src/) and runs every test: unit tests, the Functions adapter check,
# the infrastructure check, and functional tests against a private Azurite and a real Kestrel dev host.
# The last line is "N passed, N failed" (", N skipped" when any were skipped).
set -euo pipefail
cd "$(dirname "$0")"

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "test.sh needs $tool on PATH (the .NET 10 SDK and Node.js)." >&2; exit 1; }
done
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet restore BookedBarber.Functions.sln --nologo -v q
dotnet build BookedBarber.Functions.sln --no-restore --nologo -v q -clp:"ErrorsOnly;Summary"

set +e
dotnet test BookedBarber.Functions.sln --no-build --nologo --logger trx --results-directory "$results"
status=$?
set -e

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed)))
  skipped=$((skipped + $(count notExecuted)))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi # a crashed test host counts as a failure

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
exit "$status"

#!/usr/bin/env bash
# ./dev.sh              runs the API locally: a private Azurite (data in $DEV_DATA_DIR, default .dev-data/), the dev host
#                       on $PORT (default 7071) serving /api/v1, the demo world, and prints a ready-to-use demo token.
#                       Set AzureWebJobsStorage (or STORAGE_CONNECTION_STRING) to use a real storage account instead.
# ./dev.sh token --sub N --role ROLE [--perm P ...] [--shop S] [--ttl SECONDS]
#                       prints, as its last line, a JWT the running dev host accepts.
# ./dev.sh simulate square-location [--name NAME]                          opens a seller + location at the running
#                       dev host's Square simulator; last line: LOCATION_ID ACCESS_TOKEN
# ./dev.sh simulate square-payment --barber N --amount A [--appointment ID]  a payment at the chair at barber N's
#                       connected Square location (reference bb-appt-ID); last line: the Square payment id
# ./dev.sh simulate square-refund --payment ID [--amount A]                  refunds it; last line: the refund id
# ./dev.sh simulate stripe-balance --account ACCT --amount A                 sets a Connect account's available USD
#                       balance at the Stripe simulator; last line: ACCT AMOUNT usd
# ./dev.sh collections check [--barber N]
#                       runs the collection invariant checker on the running dev host and prints its report;
#                       exit code 1 when it finds violations
# ./dev.sh analytics check [--barber N]
#                       compares analytics (rollups, routing-stats, the collections summary) with sums of the ledger
#                       on the running dev host and prints the figures that disagree; exit code 1 when any
# ./dev.sh analytics rebuild [--barber N]
#                       rebuilds barber N's stored analytics rollups on the running dev host now and prints what it wrote;
#                       without --barber, runs the nightly AnalyticsRollup timer (a rebuild of every barber is queued)
set -euo pipefail
cd "$(dirname "$0")"

devhost=src/BookedBarber.DevHost/bin/Debug/net10.0/BookedBarber.DevHost.dll
build() { dotnet build src/BookedBarber.DevHost -c Debug --nologo -v q -clp:ErrorsOnly >&2; }

if [ "${1:-}" = "token" ]; then
  shift
  [ -f "$devhost" ] || build
  exec dotnet "$devhost" token "$@"
fi
if [ "${1:-}" = "collections" ]; then
  shift
  [ -f "$devhost" ] || build
  exec dotnet "$devhost" collections "$@"
fi
if [ "${1:-}" = "analytics" ]; then
  shift
  [ -f "$devhost" ] || build
  exec dotnet "$devhost" analytics "$@"
fi
if [ "${1:-}" = "simulate" ]; then
  shift
  [ -f "$devhost" ] || build
  exec dotnet "$devhost" simulate "$@"
fi

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "dev.sh needs $tool on PATH (the .NET 10 SDK and Node.js)." >&2; exit 1; }
done
if [ -z "${AzureWebJobsStorage:-}${STORAGE_CONNECTION_STRING:-}" ] && [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund >&2
fi
build
export DEV_SEED="${DEV_SEED:-1}"
exec dotnet "$devhost"

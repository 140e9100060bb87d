#!/usr/bin/env bash
# The dossier attach race, many rounds: bench/dossier-race.sh [ROUNDS] [H2_OPTIONS]
# (default 2000 rounds with the gateway's H2 options; pass ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" to see H2's
# result reuse split shipments again). Prints how many rounds split a shipment into two dossiers; exits non-zero if any.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-2000}"
args=(-o -q -B -f "$ROOT/pom.xml" test -Dtest=DossierAttachRaceTest -Dsurefire.failIfNoSpecifiedTests=false \
 "-Ddossier.race.rounds=$ROUNDS")
if [[ $# -ge 2 ]]; then args+=("-Ddossier.race.h2-options=$2"); fi
status=0
mvn "${args[@]}" >"$ROOT/target/dossier-race.log" 2>&1 || status=$?
cat "$ROOT/target/dossier-race.txt" 2>/dev/null || tail -40 "$ROOT/target/dossier-race.log"
exit $status

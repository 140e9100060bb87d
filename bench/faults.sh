#!/usr/bin/env bash
# The fault campaign: bench/faults.sh [DOCS]  (DOCS documents per fault, default 200; FAULTS_SEED=n picks other
# moments, FAULTS_ONLY=HTTP_500,SFTP_DOWN runs some faults only). Each fault is one trial of the real gateway in a JVM
# of its own on a fresh home with a folder, an HTTP and an SFTP partner: at a seeded moment of delivery the HTTP
# partner answers 500, or answers past the gateway's timeout, or closes the connection mid-body, or the SFTP server
# goes down, for 10 s; then the gateway recovers by itself or the operator replays what it dead-lettered, and the
# crash campaign's DurabilityAudit checks what the partners got. Writes its section of docs/RELIABILITY.md; exits 1
# when anything was lost, duplicated, stuck, in error or inconsistent, or the health endpoint stopped answering.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"

if [[ $# -gt 1 || ( $# -eq 1 && ! $1 =~ ^[1-9][0-9]*$ ) ]]; then
  echo "usage: $0 [DOCS]   (DOCS = documents per fault, default 200)" >&2
  exit 2
fi

# Maven 3.8 prints stray colour codes even with -q -B: keep its output in a log, show it on failure.
# MVN_ARGS passes options to Maven (e.g. MVN_ARGS=-o offline).
mvn_quiet() {
  mkdir -p "$ROOT/target"
  # shellcheck disable=SC2086
  if ! mvn -q -B ${MVN_ARGS:-} "$@" >"$ROOT/target/faults-mvn.log" 2>&1; then
    cat "$ROOT/target/faults-mvn.log" >&2
    return 1
  fi
}

echo "Building the gateway and the campaign (test classes)..."
mvn_quiet -f "$ROOT/pom.xml" test-compile dependency:build-classpath \
  -Dmdep.outputFile="$ROOT/target/faults-classpath.txt" -Dmdep.includeScope=test

COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
  COMMIT="$COMMIT (with uncommitted changes)"
fi

# The gateway reads routes/ and sample-docs/ from the project folder.
cd "$ROOT"
exec java -Xmx512m -XX:+UseSerialGC -Dfaults.seed="${FAULTS_SEED:-15}" -Dfaults.only="${FAULTS_ONLY:-}" \
  -Dfaults.commit="$COMMIT" \
  -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/faults-classpath.txt")" \
  org.corridor.support.crash.FaultCampaign "$@"

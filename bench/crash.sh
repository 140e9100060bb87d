#!/usr/bin/env bash
# The kill -9 campaign: bench/crash.sh TRIALS [DOCS]  (DOCS documents per trial, default 500;
# CRASH_SEED=n picks other kill moments, default 15). Each trial runs the real gateway in a JVM of its own on a
# fresh home with a folder, an HTTP and an SFTP partner, kills it with SIGKILL during intake, processing or delivery
# (in turn), restarts it and checks what the partners got against the tracking store. Prints a line per trial and
# `N/N trials: X lost, Y duplicated, Z inconsistent`; writes its section of docs/RELIABILITY.md; exits 1 when
# anything was lost, duplicated, stuck, in error or inconsistent. Works from any directory.
# The campaign lives in the test sources (org.corridor.support.crash.CrashCampaign) so that it shares one check,
# DurabilityAudit, with KillNineDurabilityTest, its short version in `mvn verify`.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"

if [[ $# -lt 1 || $# -gt 2 || ! $1 =~ ^[1-9][0-9]*$ || ( $# -eq 2 && ! ${2:-} =~ ^[1-9][0-9]*$ ) ]]; then
  echo "usage: $0 TRIALS [DOCS]   (DOCS = documents per trial, default 500)" >&2
  exit 2
fi

# Maven 3.8 prints stray colour codes even with -q -B: keep its output in a log, show it on failure.
# MVN_ARGS passes options to Maven (e.g. MVN_ARGS=-o offline).
mvn_quiet() {
  mkdir -p "$ROOT/target"
  # shellcheck disable=SC2086
  if ! mvn -q -B ${MVN_ARGS:-} "$@" >"$ROOT/target/crash-mvn.log" 2>&1; then
    cat "$ROOT/target/crash-mvn.log" >&2
    return 1
  fi
}

echo "Building the gateway and the campaign (test classes)..."
mvn_quiet -f "$ROOT/pom.xml" test-compile dependency:build-classpath \
  -Dmdep.outputFile="$ROOT/target/crash-classpath.txt" -Dmdep.includeScope=test

COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
  COMMIT="$COMMIT (with uncommitted changes)"
fi

# The gateway reads routes/ and sample-docs/ from the project folder.
cd "$ROOT"
exec java -Xmx512m -XX:+UseSerialGC -Dcrash.seed="${CRASH_SEED:-15}" -Dcrash.commit="$COMMIT" \
  -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/crash-classpath.txt")" \
  org.corridor.support.crash.CrashCampaign "$@"

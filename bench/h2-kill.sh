#!/usr/bin/env bash
# The tracking store's kill -9 probe: bench/h2-kill.sh KILLS [H2_VERSION]  (default: the H2 the gateway ships with).
# Each trial starts a JVM that writes to a fresh H2 file with the gateway's URL options (8 threads of intake-shaped
# transactions: a row, its event, a BLOB payload, a shared counter), kills it with SIGKILL at a random moment, and
# checks the reopened file in a second JVM: rows of one transaction found together, committed keys present, keys cut
# off by the kill insertable again, the same answers after fresh concurrent transactions (which reuse the killed
# process's transaction ids) and after a clean reopen. Prints a line per trial and `N/KILLS kills left the file
# inconsistent`; exits 1 when N > 0. H2KILL_WRITERS=n sets the writer threads (default 8); H2KILL_UNDO_FIRST=true
# creates the undo-log maps before the tables.
# The probe lives in the test sources (org.corridor.support.crash.H2KillProbe) and uses JDBC only, so it runs
# against any H2 jar. Trials are kept in target/h2-kill/. Works from any directory.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"

if [[ $# -lt 1 || $# -gt 2 || ! $1 =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 KILLS [H2_VERSION]" >&2
  exit 2
fi

# Maven prints stray colour codes even with -q -B: keep its output in a log, show it on failure.
# MVN_ARGS passes options to Maven (e.g. MVN_ARGS=-o offline).
mvn_quiet() {
  mkdir -p "$ROOT/target"
  # shellcheck disable=SC2086
  if ! mvn -q -B ${MVN_ARGS:-} "$@" >"$ROOT/target/h2-kill-mvn.log" 2>&1; then
    cat "$ROOT/target/h2-kill-mvn.log" >&2
    return 1
  fi
}

echo "Building the probe (test classes)..."
mvn_quiet -f "$ROOT/pom.xml" test-compile dependency:build-classpath \
  -Dmdep.outputFile="$ROOT/target/h2-kill-classpath.txt" -Dmdep.includeScope=test
if [[ $# -eq 2 ]]; then
  mvn_quiet dependency:get -Dartifact="com.h2database:h2:$2"
  JAR="$HOME/.m2/repository/com/h2database/h2/$2/h2-$2.jar"
else
  JAR="$(tr ':' '\n' <"$ROOT/target/h2-kill-classpath.txt" | grep '/com/h2database/h2/')"
fi
VERSION="$(basename "$JAR" .jar)"
rm -rf "$ROOT/target/h2-kill/$VERSION"

if java -Dh2probe.undoFirst="${H2KILL_UNDO_FIRST:-false}" -Dh2probe.writers="${H2KILL_WRITERS:-8}" -cp "$ROOT/target/test-classes" \
    org.corridor.support.crash.H2KillProbe campaign "$JAR" "$1" "$ROOT/target/h2-kill/$VERSION"; then
  exit 0
else
  exit 1
fi

#!/usr/bin/env bash
# The console's document list over N tracked documents (default 100,000) on H2 and PostgreSQL (embedded):
# bench/console/run.sh [N]. Uses the product's own classes and migrations (target/classes) and its test classpath
# (H2, the PostgreSQL driver, zonky's embedded PostgreSQL); prints p50/p95 per query and the databases' plans.
# Results go to docs/BENCHMARKS.md by hand, with the machine and the date.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$HERE/target"
mkdir -p "$OUT/classes"
mvn -q -B -f "$ROOT/pom.xml" compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$OUT/classpath.txt" >"$OUT/mvn.log" 2>&1 || { cat "$OUT/mvn.log" >&2; exit 1; }
CP="$ROOT/target/classes:$(cat "$OUT/classpath.txt")"
javac -d "$OUT/classes" -cp "$CP" $(find "$HERE/src" -name '*.java')
exec java -Xmx1g -cp "$OUT/classes:$CP" org.corridor.bench.ConsoleListBench "$@"

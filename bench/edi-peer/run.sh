#!/usr/bin/env bash
# One command for the EDIFACT parse benchmark (issue 3): bench/edi-peer/run.sh
# Builds the product jar if it is missing or older than its sources, unpacks it, builds this module, generates the
# QALITY interchanges, measures every subject (raw StAEDI, Smooks, camel-smooks, Corridor's EdiDocumentParser),
# runs the 200 MB peak-memory JVMs (-Xmx256m, one per subject, plus `java -jar corridor.jar validate`), prints a
# markdown section and writes it into docs/BENCHMARKS.md. Works from any directory. Defaults take ~20 min on 2 cores.
#
# Environment (all optional):
#   EDI_BENCH_SCALE=1          scales the 100 KB, 50 MB and 200 MB files (the 1 KB single message stays)
#   EDI_BENCH_RUNS=5           timed samples per subject and size (median reported)
#   EDI_BENCH_WARMUP=5         warm-up seconds per subject and size
#   EDI_BENCH_BUDGET=60        seconds of timed samples per subject and size (at least one sample)
#   EDI_BENCH_MAX_RUN=120      seconds one run of one file may take; a slower subject (Smooks) gets the rate it
#                              reached, marked ≈
#   EDI_BENCH_PEAK_MAX=120     seconds a peak-memory run may take (Smooks is stopped there, marked in the table)
#   EDI_BENCH_DOC=path         where to write the results (default: docs/BENCHMARKS.md of the repository)
set -euo pipefail

MODULE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$MODULE/../.." && pwd)"
JAR="$ROOT/target/corridor.jar"
APP="$MODULE/target/corridor-app"

if [[ $# -ne 0 ]]; then
  echo "usage: $0   (settings through EDI_BENCH_* environment variables, see the top of this file)" >&2
  exit 2
fi

# Maven 3.8 prints stray colour codes even with -q -B: keep its output in a log, show it on failure.
mvn_quiet() {
  mkdir -p "$MODULE/target"
  if ! mvn -q -B "$@" >"$MODULE/target/mvn.log" 2>&1; then
    cat "$MODULE/target/mvn.log" >&2
    return 1
  fi
}

# Only the main sources and the pom go into the jar.
if [[ ! -f "$JAR" || -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$JAR" -print -quit 2>/dev/null)" ]]; then
  echo "Building the product jar ($JAR)..."
  mvn_quiet -f "$ROOT/pom.xml" -DskipTests package
fi

echo "Building the benchmark..."
mvn_quiet -f "$MODULE/pom.xml" package

# The Corridor subject loads the product from the unpacked Spring Boot jar (BOOT-INF/classes + BOOT-INF/lib) in its
# own class loader, so Smooks and the product never share a class path and nothing is installed into ~/.m2.
if [[ ! -f "$APP/.unpacked" || "$JAR" -nt "$APP/.unpacked" ]]; then
  rm -rf "$APP"
  mkdir -p "$APP"
  (cd "$APP" && jar xf "$JAR" BOOT-INF/classes BOOT-INF/lib)
  touch "$APP/.unpacked"
fi

# The command as run, settings included, for the results section.
command="bench/edi-peer/run.sh"
for setting in DOC PEAK_MAX MAX_RUN BUDGET WARMUP RUNS SCALE; do
  var="EDI_BENCH_$setting"
  if [[ -n "${!var:-}" && $setting != DOC ]]; then
    command="$var=${!var} $command"
  fi
done

# Smooks's cacheOnDisk writes the compiled schema to .smooks/ in the working directory: keep it under target/.
cd "$MODULE/target"
# -Xmx1g like the gateway for the throughput runs; the peak-memory runs start their own -Xmx256m JVMs.
exec java -Xmx1g \
  -Dedi.scale="${EDI_BENCH_SCALE:-1}" \
  -Dedi.runs="${EDI_BENCH_RUNS:-5}" \
  -Dedi.warmupSeconds="${EDI_BENCH_WARMUP:-5}" \
  -Dedi.budgetSeconds="${EDI_BENCH_BUDGET:-60}" \
  -Dedi.maxRunSeconds="${EDI_BENCH_MAX_RUN:-120}" \
  -Dedi.peakMaxSeconds="${EDI_BENCH_PEAK_MAX:-120}" \
  -Dedi.work="$MODULE/target/edi-bench" \
  -Dedi.doc="${EDI_BENCH_DOC:-$ROOT/docs/BENCHMARKS.md}" \
  -Dedi.command="$command" \
  -Dedi.corridorApp="$APP" \
  -Dedi.corridorJar="$JAR" \
  -Dedi.root="$ROOT" \
  -cp "$MODULE/target/classes:$(cat "$MODULE/target/classpath.txt")" \
  org.corridor.bench.edi.EdiBench

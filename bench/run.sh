#!/usr/bin/env bash
# One command for the drop -> delivered benchmark: bench/run.sh [N]  (N documents, default 5000;
# BENCH_WARMUP=N documents per route first, default 1000; BENCH_PG=0 skips the PostgreSQL run;
# BENCH_LATENCY_SECONDS=S drops at BENCH_LATENCY_RATE documents/s, default 50, for S seconds for the latency figures,
# default 30, 0 skips it).
# Builds the product jar if it is missing or older than its sources, builds the benchmark, runs it;
# the results go to docs/BENCHMARKS.md. Works from any directory.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
JAR="$ROOT/target/corridor.jar"

if [[ $# -gt 1 || ( $# -eq 1 && ! $1 =~ ^[1-9][0-9]*$ ) ]]; then
  echo "usage: $0 [N]   (N = number of documents, default 5000)" >&2
  exit 2
fi

# Maven 3.8 prints stray colour codes even with -q -B: keep its output in a log, show it on failure.
mvn_quiet() {
  mkdir -p "$BENCH/target"
  if ! mvn -q -B "$@" >"$BENCH/target/mvn.log" 2>&1; then
    cat "$BENCH/target/mvn.log" >&2
    return 1
  fi
}

# Only the main sources and the pom go into the jar; routes/ and sample-docs/ are read at run time.
if [[ ! -f "$JAR" || -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$JAR" -print -quit 2>/dev/null)" ]]; then
  echo "Building the product jar ($JAR)..."
  mvn_quiet -f "$ROOT/pom.xml" -DskipTests package
fi

echo "Building the benchmark..."
mvn_quiet -f "$BENCH/pom.xml" package

if [[ ! ${BENCH_LATENCY_SECONDS:-30} =~ ^[0-9]+$ ]]; then
  echo "BENCH_LATENCY_SECONDS must be a whole number of seconds, got '$BENCH_LATENCY_SECONDS'" >&2
  exit 2
fi
if [[ ! ${BENCH_LATENCY_RATE:-50} =~ ^[1-9][0-9]*$ ]]; then
  echo "BENCH_LATENCY_RATE must be a whole number of documents a second, got '$BENCH_LATENCY_RATE'" >&2
  exit 2
fi
PG=true
[[ ${BENCH_PG:-1} == 0 ]] && PG=false

# -Xmx1g like the gateway: the floor runs inside this JVM. exec: Ctrl-C reaches the JVM, whose shutdown hook stops
# the gateways and PostgreSQL it started.
exec java -Xmx1g -Dbench.warmup="${BENCH_WARMUP:-1000}" -Dbench.pg="$PG" \
  -Dbench.latencySeconds="${BENCH_LATENCY_SECONDS:-30}" -Dbench.latencyRate="${BENCH_LATENCY_RATE:-50}" -cp "$BENCH/target/classes:$(cat "$BENCH/target/classpath.txt")" \
  org.corridor.bench.PipelineBench "$ROOT" "$@"

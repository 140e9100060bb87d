#!/usr/bin/env bash
# One command for the drop -> delivered benchmark: bench/run.sh [N]  (N documents, default 5000;
# BENCH_WARMUP=N documents per route first, default 1000; BENCH_PG=0 skips the PostgreSQL run;
# BENCH_LATENCY_SECONDS=S drops at BENCH_LATENCY_RATE documents/s, default 50, for S seconds for the latency figures,
# default 30, 0 skips it).
# Builds the product jar if it is missing or older than its sources, builds the benchmark, runs it;
# the results go to docs/BENCHMARKS.md. Works from any directory.
#
# bench/run.sh --nodes N [DOCS]: the scale-out benchmark instead (issue 18). A cluster of 1, 2, ... N gateway nodes
# (each its own JVM on the jar) sharing one broker JVM, one PostgreSQL database and one home, each node count on a
# fresh home, database and broker; CLUSTER_WARMUP documents first (default 500, not measured), then DOCS (default 3000)
# mixed documents. Prints progress, documents/s, CPU per document (nodes, broker, PostgreSQL) and each node's work per
# node count, and ends with `exactly once: yes (...)` or `exactly once: NO (...)` (exit status 1). Writes its section of
# docs/BENCHMARKS.md, docs/img/cluster-scaling.svg and the sizing table of docs/DEPLOY.md. It lives in the test sources
# (org.corridor.support.cluster.ClusterBench), sharing ClusterRun with ClusterKillNineTest in mvn verify.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
JAR="$ROOT/target/corridor.jar"

if [[ ${1:-} == --nodes ]]; then
  shift
  if [[ $# -lt 1 || $# -gt 2 || ! $1 =~ ^[1-9][0-9]*$ || ( $# -eq 2 && ! ${2:-} =~ ^[1-9][0-9]*$ ) ]]; then
    echo "usage: $0 --nodes N [DOCS]   (1 to N nodes, DOCS documents each, default 3000)" >&2
    exit 2
  fi
  if [[ ! ${CLUSTER_WARMUP:-500} =~ ^[0-9]+$ ]]; then
    echo "CLUSTER_WARMUP must be a whole number of documents, got '$CLUSTER_WARMUP'" >&2
    exit 2
  fi
  # shellcheck source=campaign-lib.sh
  source "$BENCH/campaign-lib.sh"
  build_campaign cluster
  build_jar cluster
  COMMIT="$(commit_label)"
  # The nodes read routes/ and sample-docs/ from the project folder. Both JIT compilers in the nodes and the broker
  # (the tests' short-lived JVMs stop at C1): the figures are per document after a warm-up, as a production node runs.
  cd "$ROOT"
  exec java -Xmx1g -XX:+UseSerialGC -Dcorridor.process.full-jit=true -Dcluster.warmup="${CLUSTER_WARMUP:-500}" \
    -Dcluster.commit="$COMMIT" -Dcorridor.jar="$JAR" -cp "$(campaign_classpath cluster)" \
    org.corridor.support.cluster.ClusterBench "$@"
fi

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

#!/usr/bin/env bash
# One command for the fuzz campaigns: bench/fuzz.sh N [M]
#   N mutated inputs per parser, in-process (0 skips it and keeps its section of docs/RELIABILITY.md);
#   M mutated files through the real jar (target/corridor.jar, built if missing or older than the sources).
#   bench/fuzz.sh --replay PARSER INDEX [SEED]   makes one input again and says how it ends.
# FUZZ_SEED=S changes the seed; MVN_FLAGS=-o builds offline.
# Builds the product's test classes (the campaign and its mutator live there, one copy shared with the tests that
# run its short version in mvn verify), runs the campaign with a fixed heap, and writes the figures to
# docs/RELIABILITY.md. Exits 1 if any input is unexplained. Works from any directory.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"

usage() {
  echo "usage: $0 N [M]                      (N mutated inputs per parser, M files through the gateway)" >&2
  echo "       $0 --replay PARSER INDEX [SEED]" >&2
  exit 2
}
if [[ ( $# -eq 1 && $1 =~ ^[1-9][0-9]*$ ) || ( $# -eq 2 && $1 =~ ^[0-9]+$ && $2 =~ ^[1-9][0-9]*$ ) ]]; then
  :
elif [[ $# -ge 3 && $# -le 4 && $1 == --replay && $3 =~ ^[0-9]+$ ]]; then
  :
else
  usage
fi

# Maven 3.8 prints stray colour codes even with -q -B: keep its output in a log, show it on failure.
mkdir -p "$ROOT/target"
echo "Building the campaign (the product's test classes)..."
# shellcheck disable=SC2086
if ! mvn -q -B ${MVN_FLAGS:-} -f "$ROOT/pom.xml" test-compile dependency:build-classpath \
    -Dmdep.outputFile="$ROOT/target/fuzz-classpath.txt" -Dmdep.includeScope=test \
    >"$ROOT/target/fuzz-mvn.log" 2>&1; then
  cat "$ROOT/target/fuzz-mvn.log" >&2
  exit 1
fi

# Only the main sources and the pom go into the jar; routes/ and sample-docs/ are read at run time.
JAR="$ROOT/target/corridor.jar"
if [[ $# -eq 2 && $1 != --replay ]] \
    && [[ ! -f "$JAR" || -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$JAR" -print -quit 2>/dev/null)" ]]; then
  echo "Building the product jar ($JAR)..."
  # shellcheck disable=SC2086
  if ! mvn -q -B ${MVN_FLAGS:-} -f "$ROOT/pom.xml" -DskipTests package >"$ROOT/target/fuzz-mvn.log" 2>&1; then
    cat "$ROOT/target/fuzz-mvn.log" >&2
    exit 1
  fi
fi

COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain -- src 2>/dev/null)" ]]; then
  COMMIT="$COMMIT (with uncommitted changes)"
fi

# A fixed heap, so "heap bounded" means the same on every machine; the campaign reports its peak.
exec java -Xmx512m -Dfuzz.seed="${FUZZ_SEED:-20261204}" -Dfuzz.commit="$COMMIT" \
  -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/fuzz-classpath.txt")" \
  org.corridor.fuzz.FuzzBench "$ROOT" "$@"

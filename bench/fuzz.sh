#!/usr/bin/env bash
# One command for the per-parser fuzz campaign: bench/fuzz.sh N  (N mutated inputs per parser).
#   bench/fuzz.sh --replay PARSER INDEX [SEED]   makes one input again and says how it ends.
# FUZZ_SEED=S changes the seed; MVN_FLAGS=-o builds offline.
# Builds the product's test classes (the campaign and its mutator live there, one copy shared with the tests that
# run its short version in mvn verify), runs the campaign with a fixed heap, and writes the figures to
# docs/RELIABILITY.md. Exits 1 if any input is unexplained. Works from any directory.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"

usage() {
  echo "usage: $0 N                          (N mutated inputs per parser)" >&2
  echo "       $0 --replay PARSER INDEX [SEED]" >&2
  exit 2
}
if [[ $# -eq 1 && $1 =~ ^[1-9][0-9]*$ ]]; then
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

COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain -- src 2>/dev/null)" ]]; then
  COMMIT="$COMMIT (with uncommitted changes)"
fi

# A fixed heap, so "heap bounded" means the same on every machine; the campaign reports its peak.
exec java -Xmx512m -Dfuzz.seed="${FUZZ_SEED:-20261204}" -Dfuzz.commit="$COMMIT" \
  -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/fuzz-classpath.txt")" \
  org.corridor.fuzz.FuzzBench "$ROOT" "$@"

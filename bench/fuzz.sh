#!/usr/bin/env bash
# One command for the fuzz campaigns: bench/fuzz.sh N [M]
#   N mutated inputs per parser, in-process (0 skips it and keeps its section of docs/RELIABILITY.md);
#   M mutated files through the real jar (target/corridor.jar, built if missing or older than the sources).
#   bench/fuzz.sh --replay PARSER INDEX [SEED]   makes one input again and says how it ends.
# FUZZ_SEED=S changes the seed; MVN_ARGS=-o builds offline.
# Builds the product's test classes (the campaign and its mutator live there, one copy shared with the tests that
# run its short version in mvn verify), runs the campaign with a fixed heap, and writes the figures to
# docs/RELIABILITY.md. Exits 1 if any input is unexplained. Works from any directory.
set -euo pipefail

# shellcheck source=campaign-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/campaign-lib.sh"

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

build_campaign fuzz
# Only the main sources and the pom go into the jar; routes/ and sample-docs/ are read at run time.
if [[ $# -eq 2 && $1 != --replay ]]; then
  build_jar fuzz
fi
COMMIT="$(commit_label)"

# A fixed heap, so "heap bounded" means the same on every machine; the campaign reports its peak.
exec java -Xmx512m -Dfuzz.seed="${FUZZ_SEED:-20261204}" -Dfuzz.commit="$COMMIT" \
  -cp "$(campaign_classpath fuzz)" \
  org.corridor.fuzz.FuzzBench "$ROOT" "$@"

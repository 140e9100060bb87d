#!/usr/bin/env bash
# Shared by the campaign commands (crash.sh, faults.sh, fuzz.sh, hostile.sh); sourced, not run. Sets ROOT and
# defines:
#   mvn_quiet LOG ARGS...     Maven with -q -B (MVN_ARGS adds options, e.g. MVN_ARGS=-o): Maven 3.8 prints stray
#                             colour codes even then, so its output goes to target/LOG-mvn.log, shown on failure;
#   build_campaign NAME       the product's test classes (the campaigns live there, sharing one copy of their checks
#                             with the short versions in mvn verify) and their class path in target/NAME-classpath.txt;
#   build_jar NAME            target/corridor.jar, rebuilt when missing or older than pom.xml or src/main: the
#                             campaigns run the gateway as it ships (GatewayProcess uses it when -Dcorridor.jar is set);
#   campaign_classpath NAME   the class path to run a campaign with;
#   commit_label              the commit, marked when the sources have uncommitted changes.
# shellcheck disable=SC2034
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/target/corridor.jar"

mvn_quiet() {
  local log="$ROOT/target/$1-mvn.log"
  shift
  mkdir -p "$ROOT/target"
  # shellcheck disable=SC2086
  if ! mvn -q -B ${MVN_ARGS:-} ${MVN_FLAGS:-} -f "$ROOT/pom.xml" "$@" >"$log" 2>&1; then
    cat "$log" >&2
    return 1
  fi
}

build_campaign() {
  echo "Building the campaign (the product's test classes)..."
  mvn_quiet "$1" test-compile dependency:build-classpath \
    -Dmdep.outputFile="$ROOT/target/$1-classpath.txt" -Dmdep.includeScope=test
}

build_jar() {
  if [[ ! -f "$JAR" || -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$JAR" -print -quit 2>/dev/null)" ]]; then
    echo "Building the product jar ($JAR)..."
    mvn_quiet "$1" -DskipTests package
  fi
}

campaign_classpath() {
  echo "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/$1-classpath.txt")"
}

commit_label() {
  local commit
  commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no -- src pom.xml routes 2>/dev/null)" ]]; then
    commit="$commit (with uncommitted changes)"
  fi
  echo "$commit"
}

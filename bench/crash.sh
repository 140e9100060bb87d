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

# shellcheck source=campaign-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/campaign-lib.sh"

if [[ $# -lt 1 || $# -gt 2 || ! $1 =~ ^[1-9][0-9]*$ || ( $# -eq 2 && ! ${2:-} =~ ^[1-9][0-9]*$ ) ]]; then
  echo "usage: $0 TRIALS [DOCS]   (DOCS = documents per trial, default 500)" >&2
  exit 2
fi

build_campaign crash
build_jar crash
COMMIT="$(commit_label)"

# The gateway reads routes/ and sample-docs/ from the project folder.
cd "$ROOT"
exec java -Xmx512m -XX:+UseSerialGC -Dcrash.seed="${CRASH_SEED:-15}" -Dcrash.commit="$COMMIT" \
  -Dcorridor.jar="$JAR" -cp "$(campaign_classpath crash)" \
  org.corridor.support.crash.CrashCampaign "$@"

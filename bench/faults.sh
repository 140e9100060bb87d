#!/usr/bin/env bash
# The fault campaign: bench/faults.sh [DOCS]  (DOCS documents per fault, default 200; FAULTS_SEED=n picks other
# moments, FAULTS_ONLY=HTTP_500,SFTP_DOWN runs some faults only). Each fault is one trial of the real gateway in a JVM
# of its own on a fresh home with a folder, an HTTP and an SFTP partner: at a seeded moment of delivery the HTTP
# partner answers 500, or answers past the gateway's timeout, or closes the connection mid-body, or the SFTP server
# goes down, for 10 s; then the gateway recovers by itself or the operator replays what it dead-lettered, and the
# crash campaign's DurabilityAudit checks what the partners got. Writes its section of docs/RELIABILITY.md; exits 1
# when anything was lost, duplicated, stuck, in error or inconsistent, or the health endpoint stopped answering.
set -euo pipefail

# shellcheck source=campaign-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/campaign-lib.sh"

if [[ $# -gt 1 || ( $# -eq 1 && ! $1 =~ ^[1-9][0-9]*$ ) ]]; then
  echo "usage: $0 [DOCS]   (DOCS = documents per fault, default 200)" >&2
  exit 2
fi

build_campaign faults
build_jar faults
COMMIT="$(commit_label)"

# The gateway reads routes/ and sample-docs/ from the project folder.
cd "$ROOT"
exec java -Xmx512m -XX:+UseSerialGC -Dfaults.seed="${FAULTS_SEED:-15}" -Dfaults.only="${FAULTS_ONLY:-}" \
  -Dfaults.commit="$COMMIT" \
  -Dcorridor.jar="$JAR" -cp "$(campaign_classpath faults)" \
  org.corridor.support.crash.FaultCampaign "$@"

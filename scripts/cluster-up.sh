#!/usr/bin/env bash
# A Corridor cluster on this machine, to try: scripts/cluster-up.sh [N]  (N nodes, default 3).
# Starts PostgreSQL (the embedded binaries the tests use; data kept in var/cluster/postgres), the broker
# (java -jar target/corridor.jar broker) and N gateway nodes in profile "cluster", all on 127.0.0.1, sharing the home
# var/cluster/home; prints each node's URL and pid, the broker's and the database's, then runs until Ctrl-C, which
# stops them all. Needs only Java 17 and Maven (it builds the jar and the test classes when they are missing or old).
# Production runs differently: docs/DEPLOY.md.
set -euo pipefail

# shellcheck source=../bench/campaign-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../bench/campaign-lib.sh"

NODES="${1:-3}"
if [[ $# -gt 1 || ! $NODES =~ ^[1-9]$ ]]; then
  echo "usage: $0 [N]   (N = number of nodes, 1 to 9, default 3)" >&2
  exit 2
fi

build_campaign cluster-up
build_jar cluster-up

# The nodes read routes/ and sample-docs/ from the project folder.
cd "$ROOT"
exec java -Xmx256m -XX:+UseSerialGC -Dcorridor.jar="$JAR" -cp "$(campaign_classpath cluster-up)" \
  org.corridor.support.cluster.ClusterUp "$NODES"

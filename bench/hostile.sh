#!/usr/bin/env bash
# The hostile-input campaign: bench/hostile.sh [SCALE]  (SCALE 1, the default, is full size: a 1 GB file, a 200 MB line,
# a million CSV columns and EDIFACT elements; 0.01 is the short version mvn verify runs). One real gateway, the jar as
# it ships with -Xmx512m, on a fresh home under target/hostile/, fed XXE and entity expansion, huge and deep files,
# links, pipes and odd names in its inbox, and anonymous, oversized and impersonating uploads, one after another. Each
# must be refused as expected with nothing leaked to an outbox, the archive, error notes or the log, and the gateway
# healthy, its memory printed. Writes its section of docs/RELIABILITY.md; exits 1 when any case is unexplained. The
# large inputs and their copies are deleted afterwards (the full scale needs about 3 GB free under target/ meanwhile).
set -euo pipefail

# shellcheck source=campaign-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/campaign-lib.sh"

if [[ $# -gt 1 || ( $# -eq 1 && ! $1 =~ ^[0-9]*\.?[0-9]+$ ) ]]; then
  echo "usage: $0 [SCALE]   (1 = full sizes, default; 0.01 = the short version)" >&2
  exit 2
fi

build_campaign hostile
build_jar hostile
COMMIT="$(commit_label)"

# The gateway reads routes/ and sample-docs/ from the project folder.
cd "$ROOT"
exec java -Xmx256m -XX:+UseSerialGC -Dhostile.commit="$COMMIT" \
  -Dcorridor.jar="$JAR" -cp "$(campaign_classpath hostile)" \
  org.corridor.support.hostile.HostileCampaign "$@"

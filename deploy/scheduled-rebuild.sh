#!/usr/bin/env bash
# Scheduled rebuild: build from the newest exports, check the data the build is about to publish, and
# replace the published site only when the build and the data checks passed. Run it from cron (see
# docs/deploy.md) in a checkout where `npm ci` has run. Configure with environment variables:
#   EXPORTS_SOURCE   where the newest exports are (a folder, e.g. an SFTP drop or a synced share)
#   PUBLISH_DIR      the folder the web server serves (an intranet nginx root, a mounted bucket, …)
#   CRM_MAPPING      optional mapping file for exports in another shape
#   CRM_CONFIG       optional settings file (default: a config.json among the exports, else data/config.json)
#   MAX_SHRINK       the largest share of an object's rows that may disappear between builds (default 0.1)
# The code is tested by CI before it reaches this checkout; this script checks the data (reconciliation,
# the as-of date moved forward, no object shrank, no mart emptied) against the published site's own
# summary (PUBLISH_DIR/data-checks.json). When a check fails the published site stays, and the reason is
# printed; the exit status is then 1.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${EXPORTS_SOURCE:?set EXPORTS_SOURCE to the folder holding the newest exports}"
: "${PUBLISH_DIR:?set PUBLISH_DIR to the folder the web server serves}"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/exports"
cp -R "$EXPORTS_SOURCE"/. "$work/exports"/

# The build refuses unusable exports, naming the file and column; it writes only into $work.
CRM_EXPORTS="$work/exports" WAREHOUSE="$work/warehouse.duckdb" SITE_OUTPUT="$work/site" npx tsx scripts/build.ts

if ! npx tsx scripts/check-data.ts --warehouse "$work/warehouse.duckdb" --previous "$PUBLISH_DIR/data-checks.json" \
  --write "$work/site/data-checks.json"; then
  echo "not published $(date -u): the data checks above failed; $PUBLISH_DIR is unchanged"
  exit 1
fi

# Publish atomically: copy beside the live folder, then swap.
next="$PUBLISH_DIR.next-$stamp"
rm -rf "$next"
cp -R "$work/site" "$next"
if [ -d "$PUBLISH_DIR" ]; then mv "$PUBLISH_DIR" "$PUBLISH_DIR.previous-$stamp"; fi
mv "$next" "$PUBLISH_DIR"
rm -rf "$PUBLISH_DIR.previous-$stamp"
echo "published $(date -u) from $EXPORTS_SOURCE"

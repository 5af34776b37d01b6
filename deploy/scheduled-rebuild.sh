#!/usr/bin/env bash
# Scheduled rebuild: fetch the newest exports, rebuild, and publish only when the build and the tests
# passed. Run it from cron (see docs/deploy.md). Configure with environment variables:
#   EXPORTS_SOURCE   where the newest exports are (a folder, e.g. an SFTP drop or a synced share)
#   PUBLISH_DIR      the folder the web server serves (an intranet nginx root, a mounted bucket, …)
#   CRM_MAPPING      optional mapping file for exports in another shape
set -euo pipefail
cd "$(dirname "$0")/.."
: "${EXPORTS_SOURCE:?set EXPORTS_SOURCE to the folder holding the newest exports}"
: "${PUBLISH_DIR:?set PUBLISH_DIR to the folder the web server serves}"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
work="data/exports/scheduled-$stamp"
mkdir -p "$work"
cp -R "$EXPORTS_SOURCE"/. "$work"/
trap 'rm -rf "$work"' EXIT

# The build refuses unusable exports and never replaces dist/ with a half-built site.
CRM_EXPORTS="$work" npm run build
npm test

# Publish atomically: copy beside the live folder, then swap.
next="$PUBLISH_DIR.next-$stamp"
rm -rf "$next"
cp -R dist "$next"
if [ -d "$PUBLISH_DIR" ]; then mv "$PUBLISH_DIR" "$PUBLISH_DIR.previous-$stamp"; fi
mv "$next" "$PUBLISH_DIR"
rm -rf "$PUBLISH_DIR.previous-$stamp"
echo "published $(date -u) from $EXPORTS_SOURCE"

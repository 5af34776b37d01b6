#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (a test tool's own browser download cannot work offline).
# Installs it, with Noto CJK fonts for Korean labels, when it is missing and we may.
set -euo pipefail
if command -v "${CHROMIUM_PATH:-/usr/bin/chromium}" >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium and fonts-noto-cjk for the browser tests" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
else
  echo "The browser tests need Chromium: install it (Debian: sudo apt-get install chromium fonts-noto-cjk)" >&2
  echo "or set CHROMIUM_PATH to a Chromium binary." >&2
  exit 1
fi

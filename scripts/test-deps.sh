#!/usr/bin/env bash
# Installs what the browser tests need (Debian's Chromium) when it is missing.
# Needs root and apt-get; elsewhere it says what to install and stops.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "The browser tests need Chromium at /usr/bin/chromium: run 'sudo apt-get install -y chromium' once." >&2
  exit 1
fi

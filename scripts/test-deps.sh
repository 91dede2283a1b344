#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing: Chromium (browser tests), openssl (x509 and
# TLS interop checks) and tshark (the Wireshark export check). Needs root and apt-get; elsewhere it says
# what to install and stops.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v openssl >/dev/null || missing+=(openssl)
command -v tshark >/dev/null || missing+=(tshark)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's ${missing[*]} for the tests…"
  apt-get update -qq
  # tshark asks whether non-root users may capture: noninteractive takes the default (no).
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "The tests need ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}' once." >&2
  exit 1
fi

#!/usr/bin/env bash
# Installs Debian's Chromium, ChromeDriver and Firefox ESR for the browser tests.
# Idempotent: a no-op when all three are there.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v firefox-esr >/dev/null; then
  exit 0
fi
echo "setup: installing chromium, chromium-driver, firefox-esr"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver firefox-esr fonts-dejavu-core >/dev/null

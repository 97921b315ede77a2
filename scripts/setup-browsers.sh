#!/usr/bin/env bash
# Installs Debian's Chromium, ChromeDriver and Firefox ESR for the browser tests, with what the
# Japanese scenario needs: Chromium's and Firefox's Japanese UI (so that the browser's UI language,
# which the extension follows, can be Japanese) and a Japanese font (IPA Gothic), so that
# screenshots show Japanese instead of boxes. Idempotent: a no-op when everything is there.
set -euo pipefail
packages=(chromium chromium-driver chromium-l10n firefox-esr firefox-esr-l10n-ja fonts-dejavu-core fonts-ipafont-gothic)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

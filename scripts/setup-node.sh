#!/usr/bin/env bash
# Installs the npm packages of one folder with `npm ci` from its lockfile; skipped when the
# installed tree already matches the lockfile. Usage: scripts/setup-node.sh DIR
set -euo pipefail
dir=${1:?usage: setup-node.sh DIR}
cd "$dir"
stamp=node_modules/.fedilens-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "setup: npm ci in $dir"
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"

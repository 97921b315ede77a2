#!/usr/bin/env bash
# The main job: show Fedilens working with no account and no internet.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=target/debug/fedilens

echo "== What pages are about (fedilens detect: no network)"
for url in https://www.threads.com/@zuck https://www.threads.net/@zuck/post/C01LXhDrCAM \
           https://mastodon.social/@Gargron https://hachyderm.io/@someone@threads.net https://medium.com/@someone; do
  printf '%-50s ' "$url"
  "$BIN" detect --url "$url" | tr -d '\n' | sed -E 's/ +/ /g; s/"evidence".*//'
  echo
done

#!/usr/bin/env bash
# The main job: Fedilens working on the embedded sandbox fediverse, with no account and no internet.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=target/debug/fedilens
SANDBOX_DIR=build/sandbox

node tests/sandbox/cli.mjs start --dir "$SANDBOX_DIR" > /dev/null
trap 'node tests/sandbox/cli.mjs stop --dir "$SANDBOX_DIR"' EXIT
mapfile -t RESOLVE < <(node -e 'for (const a of JSON.parse(require("fs").readFileSync(process.argv[1])).resolve) console.log(a)' "$SANDBOX_DIR/state.json")
lookup() { "$BIN" lookup "$@" --cacert "$SANDBOX_DIR/ca.pem" "${RESOLVE[@]}" --timeout 3; }
# The sandbox's inbox log (every site's) once it holds PATTERN, or after 5 s.
inbox_with() {
  local inbox
  for _ in $(seq 50); do
    inbox=$(curl -sS --cacert "$SANDBOX_DIR/ca.pem" "${RESOLVE[@]}" https://threads.net/__sandbox/inbox)
    grep -q "$1" <<<"$inbox" && break
    sleep 0.1
  done
  printf '%s' "$inbox"
}

# Looks TARGET ($1) up from home (its report in build/$2.txt), opens its follow link as the
# reader's browser would, and shows the Follow that host $3's inbox then receives.
follow_from_home() {
  lookup "$1" --home @me@home.example | tee "build/$2.txt"
  local url
  url=$(lookup "$1" --home @me@home.example --json | node -e 'console.log(JSON.parse(require("fs").readFileSync(0)).follow_url)')
  echo "  opening $url"
  curl -sS --cacert "$SANDBOX_DIR/ca.pem" "${RESOLVE[@]}" "$url" > /dev/null
  node -e 'for (const a of JSON.parse(process.argv[1])) if (a.type === "Follow" && a.host === process.argv[2]) console.log(`  ${a.host} received a Follow of ${a.object} from ${a.actor}${a.verified ? " (signature verified)" : ""}`)' \
    "$(inbox_with "\"host\":\"$3\",\"type\":\"Follow\"")" "$3"
}

echo "== 1. What pages are about (fedilens detect: no network)"
for url in https://www.threads.com/@zuck https://www.threads.net/@zuck/post/DYSAIo_FL77 \
           https://mastodon.social/@Gargron https://mastodon.social/@zuck@threads.net https://medium.com/@someone; do
  printf '  %-48s → ' "$url"
  "$BIN" detect --url "$url" | node -e 'const d=JSON.parse(require("fs").readFileSync(0));console.log(d.kind, d.handle ?? "", d.software ?? "")'
done

echo
echo "== 2. A Threads profile, looked up from a Mastodon home (@me@home.example)"
lookup https://www.threads.com/@zuck --home @me@home.example | tee build/demo-threads.txt
follow_url=$(lookup https://www.threads.com/@zuck --home @me@home.example --json | node -e 'console.log(JSON.parse(require("fs").readFileSync(0)).follow_url)')

echo "== 3. Following it: opening $follow_url"
curl -sS --cacert "$SANDBOX_DIR/ca.pem" "${RESOLVE[@]}" "$follow_url" | sed -e 's/<[^>]*>/ /g' -e 's/  */ /g'; echo
inbox=$(inbox_with '"type":"Accept"')
node -e 'for (const a of JSON.parse(process.argv[1])) console.log(a.type === "FollowSent" ? `  ${a.host} sent a Follow to ${a.object}` : `  ${a.host} received ${a.type} from ${a.actor}${a.verified ? " (signature verified)" : ""}`)' "$inbox"

echo
echo "== 4. A moved account (@movedaway@mastodon.social → Misskey), followed at its new address"
follow_from_home @movedaway@mastodon.social demo-moved misskey.io

echo
echo "== 5. A Bluesky profile (bsky.app/profile/alice.bsky.social), followed from home through Bridgy Fed"
follow_from_home https://bsky.app/profile/alice.bsky.social demo-bluesky bsky.brid.gy

echo
echo "== 6. The other answers Fedilens gives"
for target in https://www.threads.com/@danluu.danluu https://misskey.io/notes/9sv3rkmjjvdr000z gargron@spoof.example x@slow.example; do
  lookup "$target" | head -2
done

echo
echo "== 7. The extension in Chromium, on the same sandbox (screenshots in build/demo/)"
node tests/browser/demo.mjs

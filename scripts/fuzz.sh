#!/usr/bin/env bash
# Coverage-guided fuzzing of the core (cargo-fuzz / libFuzzer, on nightly). Each target runs for
# SECONDS from its corpus, seeded from the real documents in tests/fixtures/, then one line each:
# executions, executions per second, corpus size, crashes. A crash leaves its input in
# fuzz/artifacts/TARGET/ and makes the exit status 1; make it a regression test.
# Usage: scripts/fuzz.sh SECONDS   (`make fuzz`: 120). With 0 (`make test`), each target only
# replays its corpus (the seeds and fuzz/regressions/, the inputs of crashes found before) with
# every check on, and stops: the same inputs on every run, so CI never fails on a new finding's luck.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-120}
bash scripts/setup-fuzz.sh
targets=(json handle documents detect view lookup homeapi)

# Seeds: every fixture document for the document readers; a Mastodon account's three documents
# (WebFinger, actor, NodeInfo) as one lookup; a few handles, URLs, page signals and a view.
corpus=fuzz/corpus
for t in "${targets[@]}"; do mkdir -p "$corpus/$t"; done
find tests/fixtures -name '*.json' | while read -r doc; do
  name=seed-$(sha1sum "$doc" | cut -c1-16)
  for t in json documents view homeapi; do cp "$doc" "$corpus/$t/$name"; done
done
m=tests/fixtures/mastodon
{ cat $m/webfinger-mastodon-social-gargron.json; printf '\n--\n'; cat $m/actor-mastodon-social-gargron.json
  printf '\n--\n{"links":[{"rel":"http://nodeinfo.diaspora.software/ns/schema/2.0","href":"https://a.example/nodeinfo/2.0"}]}\n--\n'
  cat tests/fixtures/nodeinfo/mastodon-social-4.5.0-nightly-2.0.json; } > "$corpus/lookup/seed-mastodon"
i=0
for text in "@zuck@threads.net" "acct:Gargron@mastodon.social" "https://www.threads.com/@zuck/post/C01LXhDrCAM" \
  "https://misskey.io/notes/9sv3rkmjjvdr000z" "https://[::ffff:127.0.0.1]/@a" "https://xn--bcher-kva.example/@a@b" \
  '{"url":"https://news.example/a","metas":[{"name":"fediverse:creator","content":"@Gargron@mastodon.social"}],"links":[{"rel":"alternate","type":"application/activity+json","href":"https://mastodon.social/users/Gargron"}],"rel_me":["https://mastodon.social/@Gargron"],"markers":["mastodon"]}' \
  '{"url":"https://news.example/team","metas":[{"name":"fediverse:creator","content":"@a@one.example"},{"name":"fediverse:creator","content":"@b@one.example"}],"acct_links":["acct:c@one.example","acct:d@two.example","acct:a@one.example"],"rel_me":["https://misskey.io/@e"]}'; do
  printf '%s' "$text" > "$corpus/handle/seed-$i"
  printf '%s' "$text" > "$corpus/detect/seed-$i"
  i=$((i + 1))
done
# Inputs of crashes found before, kept so that every run replays them.
for t in "${targets[@]}"; do
  [ -d "fuzz/regressions/$t" ] && cp fuzz/regressions/"$t"/* "$corpus/$t/"
done
printf '%s' '{"title":"Eve :blob:","title_emojis":[["blob","https://x.example/b.png"]],"handle":"@eve@x.example","software":"Mastodon 4.5","avatar":"https://x.example/a.png","status_label":{"id":"status_federated","args":[]},"status":"federated","headline":{"id":"headline_unreachable","args":["@eve@x.example",{"id":"fetch_timeout","args":[]}]},"evidence":[[true,{"id":"check_self_link_ok","args":["https://x.example/u"]}]],"facts":[{"id":"fact_cat","args":[]}],"notes":[],"home_warning":null,"action":{"open":{"id":"action_follow","args":["h.example"]},"url":"https://h.example/x"},"documents":[[{"id":"doc_webfinger","args":[]},"{}"]],"bio":"b","claim":[false,{"id":"claim_unreadable","args":[]}],"post_text":null,"published":"2026-11-01T12:00:00Z"}' > "$corpus/view/seed-view"
printf '%s' 'https://abc.chromiumapp.org/?code=xyz&state=s' > "$corpus/homeapi/seed-redirect"
cp extension/_locales/ja/messages.json "$corpus/homeapi/seed-catalogue"

cd fuzz
cargo +nightly fuzz build >/dev/null 2>&1 || cargo +nightly fuzz build
mkdir -p target/logs
crashed=0
printf '%-10s %12s %10s %8s %8s\n' target executions "per s" corpus crashes
for t in "${targets[@]}"; do
  status=0
  if [ "$seconds" = 0 ]; then budget=(-runs=0); else budget=(-max_total_time="$seconds"); fi
  cargo +nightly fuzz run "$t" "corpus/$t" -- "${budget[@]}" -print_final_stats=1 -rss_limit_mb=2048 -timeout=10 \
    > "target/logs/$t.log" 2>&1 || status=$?
  stat() { grep -m1 "^stat::$1:" "target/logs/$t.log" | awk '{print $2}'; }
  execs=$(stat number_of_executed_units); rate=$(stat average_exec_per_sec)
  crashes=$(find "artifacts/$t" -type f 2>/dev/null | wc -l)
  [ "$status" = 0 ] || crashed=1
  printf '%-10s %12s %10s %8s %8s\n' "$t" "${execs:-?}" "${rate:-?}" "$(ls "corpus/$t" | wc -l)" "$crashes"
  if [ "$status" != 0 ]; then grep -m5 -E "panicked|ERROR|SUMMARY" "target/logs/$t.log" || true; fi
done
exit "$crashed"

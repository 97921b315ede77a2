#!/usr/bin/env bash
# Builds dist/chrome/ and dist/firefox/ (unpacked, loadable), their zips, and dist/www/:
# cargo (wasm32, release) → wasm-bindgen --target web → wasm-opt -Oz (npm binaryen), terser on the glue.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-rust.sh
bash scripts/setup-wasm-bindgen.sh
bash scripts/setup-node.sh .

# The core, built once per part (Cargo features, src/wasm/mod.rs): `fedilens` for the background
# (detection, lookups), `fedilens_home` for the background once the reader connects a home
# account (the home's API, issue 14: loaded on first need), `fedilens_panel` for pages that draw a
# panel (the panel frame, the popup). `www/` loads `fedilens` and `fedilens_panel`. Each:
# wasm-bindgen, wasm-opt -Oz, the glue through terser. The glue is generated code (the source
# package rebuilds it): its names are mangled too (every kilobyte of JS counts in `make bench`);
# our own scripts keep theirs.
build_part() { # feature, module name
  cargo build --lib --target wasm32-unknown-unknown --release --no-default-features --features "$1"
  wasm-bindgen --target web --out-dir build/wasm --out-name "$2" target/wasm32-unknown-unknown/release/fedilens.wasm
  node_modules/.bin/wasm-opt -Oz \
    --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-multivalue \
    "build/wasm/$2_bg.wasm" -o "build/wasm/$2_bg.opt.wasm"
  mv "build/wasm/$2_bg.opt.wasm" "build/wasm/$2_bg.wasm"
  node_modules/.bin/terser "build/wasm/$2.js" --module --compress --mangle --format comments=false -o "build/wasm/$2.min.js"
  mv "build/wasm/$2.min.js" "build/wasm/$2.js"
}
rm -rf build/wasm
build_part lookup fedilens
build_part home fedilens_home
build_part panel fedilens_panel
cargo build --bin content-rules

# The content script's cheap check comes from the core's tables, not from hand-written JS. Every
# page parses it, so it ships without comments or spaces (names kept).
rules=$(target/debug/content-rules)
{ printf 'const RULES = %s;\n' "$rules"; cat extension/content-script.js; } > build/content.js
node_modules/.bin/terser build/content.js --compress --format comments=false,ascii_only=true -o build/content.min.js

for browser in chrome firefox; do
  out=dist/$browser
  rm -rf "$out"
  mkdir -p "$out/wasm"
  python3 scripts/store-package.py manifest "$browser" manifest.json "$out/manifest.json"
  cp -r extension/icons "$out/"
  cp extension/*.html extension/*.css "$out/"
  cp -r extension/_locales "$out/"
  for js in extension/*.js; do
    # content-script.js goes in built (content.js). The rest ships without comments and
    # indentation (names kept: still readable); content-main.js is a classic script (injected by
    # scripting.executeScript), the others are modules (the background's parts, bg-*.js, the
    # message contract, messages.js, and settings.js among them). Compressed (dead code
    # and verbose forms folded), names kept. look-alike-host.js is a
    # classic script too (a content script the background registers). Content scripts are
    # written in ASCII only (`×` as `\xd7`): V8 keeps a source with one non-ASCII character in
    # two bytes a character, in every page that runs it (the bench's heap snapshot of a page
    # with signals shows it). badge-panel.js and panel-guard.js are classic scripts too, injected only as the reader approaches a badge.
    name=$(basename "$js")
    case "$name" in
      content-script.js) ;;
      # content-main.js evaluates to its first signals (the background reads them as the
      # injection's result): its last statement's value is kept (`expression`).
      content-main.js) node_modules/.bin/terser "$js" --compress expression=true --format comments=false,ascii_only=true -o "$out/$name" ;;
      badge-panel.js | panel-guard.js | look-alike-host.js) node_modules/.bin/terser "$js" --compress --format comments=false,ascii_only=true -o "$out/$name" ;;
      *) node_modules/.bin/terser "$js" --module --compress --format comments=false -o "$out/$name" ;;
    esac
  done
  cp build/content.min.js "$out/content.js"
  cp build/wasm/*.js build/wasm/*.wasm "$out/wasm/"
  python3 scripts/store-package.py zip "$out" "dist/fedilens-$browser.zip"
done

rm -rf dist/www
mkdir -p dist/www/wasm
cp -r www/. dist/www/
cp -r extension/panel.css extension/_locales dist/www/
for js in i18n.js announce.js; do
  node_modules/.bin/terser "extension/$js" --module --format comments=false -o "dist/www/$js"
done
cp build/wasm/{fedilens,fedilens_panel}.js build/wasm/{fedilens,fedilens_panel}_bg.wasm dist/www/wasm/
echo "built: dist/chrome dist/firefox dist/www dist/fedilens-chrome.zip dist/fedilens-firefox.zip"

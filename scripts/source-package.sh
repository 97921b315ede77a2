#!/usr/bin/env bash
# `make source`: the source package addons.mozilla.org asks for with compiled code. Everything
# tracked in git at HEAD (sources, Cargo.lock, package-lock.json, the build scripts), plus
# BUILDING.md: the toolchain this build used and the steps that rebuild the submitted extension,
# with the SHA-256 of the files they must give. Run after `make dist`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/firefox/wasm/fedilens_bg.wasm ] || { echo "make dist first" >&2; exit 1; }
out=build/source
rm -rf "$out" && mkdir -p "$out"
git archive --format=tar --prefix=fedilens-source/ HEAD | tar -x -C "$out"
wasm_bindgen=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
binaryen=$(node -p 'require("./package-lock.json").packages["node_modules/binaryen"].version')
sum() { sha256sum "$1" | cut -d' ' -f1; }
cat > "$out/fedilens-source/BUILDING.md" <<MD
# Building Fedilens from this source

The extension's only compiled code is \`wasm/fedilens_bg.wasm\`, \`wasm/fedilens_home_bg.wasm\` and
\`wasm/fedilens_panel_bg.wasm\`, built from the Rust crate in \`src/\` (once per part: Cargo features
\`lookup\`, \`home\` and \`panel\`); their JavaScript glue (\`wasm/fedilens.js\`, \`wasm/fedilens_home.js\`,
\`wasm/fedilens_panel.js\`) is generated with them and minified by terser. Everything else in the
package is this folder's \`extension/\` files as they are (the content script with its rules
prepended, minified by terser).

## Toolchain used for the submitted build

- $(rustc --version) with the \`wasm32-unknown-unknown\` target (\`rustup target add wasm32-unknown-unknown\`)
- wasm-bindgen-cli $wasm_bindgen (\`cargo install wasm-bindgen-cli --version $wasm_bindgen\`; the same as in Cargo.lock)
- Node $(node --version) with npm $(npm --version); binaryen $binaryen (wasm-opt) and terser from \`package-lock.json\` (\`npm ci\`)
- Debian 12, x86_64; Python 3 for the packaging step

## Steps

\`\`\`sh
npm ci
bash scripts/build-extension.sh   # the same as \`make dist\`
\`\`\`

This gives \`dist/firefox/\` and \`dist/fedilens-firefox.zip\`. The files must match:

| file | SHA-256 |
|---|---|
| dist/firefox/wasm/fedilens_bg.wasm | $(sum dist/firefox/wasm/fedilens_bg.wasm) |
| dist/firefox/wasm/fedilens.js | $(sum dist/firefox/wasm/fedilens.js) |
| dist/firefox/wasm/fedilens_home_bg.wasm | $(sum dist/firefox/wasm/fedilens_home_bg.wasm) |
| dist/firefox/wasm/fedilens_home.js | $(sum dist/firefox/wasm/fedilens_home.js) |
| dist/firefox/wasm/fedilens_panel_bg.wasm | $(sum dist/firefox/wasm/fedilens_panel_bg.wasm) |
| dist/firefox/wasm/fedilens_panel.js | $(sum dist/firefox/wasm/fedilens_panel.js) |
| dist/firefox/content.js | $(sum dist/firefox/content.js) |
| dist/fedilens-firefox.zip | $(sum dist/fedilens-firefox.zip) |
MD
rm -f dist/fedilens-source.zip
python3 scripts/store-package.py zip "$out" dist/fedilens-source.zip
echo "built: dist/fedilens-source.zip"

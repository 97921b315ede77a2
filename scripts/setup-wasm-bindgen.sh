#!/usr/bin/env bash
# Installs wasm-bindgen-cli at exactly the version Cargo.lock pins (about 7 minutes on 2 cores the
# first time). Without --locked: with it, resolution fails on these machines. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" = "$want" ]; then
  exit 0
fi
echo "setup: cargo install wasm-bindgen-cli $want (have: ${have:-none})"
cargo install wasm-bindgen-cli --version "$want"

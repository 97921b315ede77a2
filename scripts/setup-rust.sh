#!/usr/bin/env bash
# Installs the Rust pieces the build needs. Idempotent: a no-op when they are already there.
set -euo pipefail

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

#!/usr/bin/env bash
# The fuzzing tools, for `make fuzz` only: the nightly toolchain (libFuzzer's sanitizer flags need
# it; every other build stays on stable) and cargo-fuzz at a pinned version. Idempotent.
set -euo pipefail
CARGO_FUZZ_VERSION=0.13.2
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "setup: rustup toolchain install nightly"
  rustup toolchain install nightly --profile minimal
fi
if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  echo "setup: cargo install cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked || cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi

# Fedilens — `make demo` builds everything and shows it working; `make test` runs every test.
# Every install step lives in scripts/ and is idempotent.

CARGO ?= cargo
BIN := target/debug/fedilens

.PHONY: all setup sandbox-deps build wasm test lint unit integration demo clean

all: build

setup:
	bash scripts/setup-rust.sh

sandbox-deps:
	bash scripts/setup-node.sh tests/sandbox

build: setup
	$(CARGO) build --features cli

# The core must always build for wasm32 (the extension's target), without the CLI's dependencies.
wasm: setup
	$(CARGO) build --lib --target wasm32-unknown-unknown --release

lint: setup
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets --features cli -- -D warnings

unit: setup
	$(CARGO) test --features cli

# `fedilens lookup` against the sandbox fediverse (real Fedify servers on loopback, real TLS).
integration: build sandbox-deps
	node --test tests/integration/*.test.mjs

test: lint unit wasm integration

demo: build sandbox-deps
	bash scripts/demo.sh

clean:
	$(CARGO) clean
	rm -rf build dist

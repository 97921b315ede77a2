# Fedilens — `make demo` builds everything and shows it working; `make test` runs every test.
# Every install step lives in scripts/ and is idempotent.

CARGO ?= cargo
BIN := target/debug/fedilens

.PHONY: all setup build wasm test lint unit demo clean

all: build

setup:
	bash scripts/setup-rust.sh

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

test: lint unit wasm

demo: build
	bash scripts/demo.sh

clean:
	$(CARGO) clean
	rm -rf build dist

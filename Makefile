# Fedilens — `make demo` builds everything and shows it working; `make test` runs every test.
# Every install step lives in scripts/ and is idempotent.

CARGO ?= cargo
BIN := target/debug/fedilens

.PHONY: source bench all setup sandbox-deps tools browsers build wasm wasm-test dist test lint unit integration browser demo clean fuzz fuzz-brief

all: build

setup:
	bash scripts/setup-rust.sh

sandbox-deps:
	bash scripts/setup-node.sh tests/sandbox

# wasm-opt, web-ext, playwright-core, puppeteer-core (root package.json)
tools:
	bash scripts/setup-node.sh .

browsers:
	bash scripts/setup-browsers.sh

build: setup
	$(CARGO) build --features cli

# The core must always build for wasm32 (the extension's target), without the CLI's dependencies.
wasm: setup
	$(CARGO) build --lib --target wasm32-unknown-unknown --release

# dist/chrome, dist/firefox (unpacked), their zips, dist/www
dist: setup tools
	bash scripts/build-extension.sh

# The JavaScript is type-checked (JSDoc, tsc --checkJs) against extension/messages.js and the
# wasm's generated types, so it needs the build's wasm-bindgen output.
lint: setup dist
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets --features cli -- -D warnings
	$(CARGO) clippy --target wasm32-unknown-unknown --lib --test wasm_browser --test wasm_worker -- -D warnings
	node_modules/.bin/tsc -p tsconfig.json

unit: setup
	$(CARGO) test --features cli

# `fedilens lookup` against the sandbox fediverse (real Fedify servers on loopback, real TLS).
integration: build sandbox-deps
	node --test tests/integration/*.test.mjs

# The wasm surface in headless Chromium (chromedriver), in a page and in a service worker.
wasm-test: setup browsers
	bash scripts/setup-wasm-bindgen.sh
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
	  $(CARGO) test --target wasm32-unknown-unknown --test wasm_browser --test wasm_worker

# The built extension in Debian's Chromium (playwright-core) and Firefox ESR (puppeteer-core).
browser: dist sandbox-deps browsers
	node --test --test-concurrency=1 tests/browser/*.test.mjs

# The source package addons.mozilla.org asks for (sources, lock files, toolchain, build steps
# and the checksums they must give): dist/fedilens-source.zip.
source: dist
	bash scripts/source-package.sh

# Coverage-guided fuzzing of the core (nightly toolchain and cargo-fuzz, for these two only):
# FUZZ_SECONDS per target, then executions and crashes per target. `make test` replays each
# target's corpus only.
FUZZ_SECONDS ?= 120
fuzz:
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

# Each target replays its corpus (seeds from the fixtures, earlier crashes): deterministic.
fuzz-brief:
	bash scripts/fuzz.sh 0

test: lint unit wasm wasm-test integration browser fuzz-brief

demo: build sandbox-deps dist browsers
	bash scripts/demo.sh

# Figures, not a test: sizes, cost on pages, time to badge, resolution vs Fedify (build/bench/).
bench: dist sandbox-deps browsers
	$(CARGO) build --release --features cli
	node tests/bench/bench.mjs

clean:
	$(CARGO) clean
	rm -rf build dist

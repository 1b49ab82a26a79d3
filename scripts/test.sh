#!/usr/bin/env bash
# Runs every check and test: formatting, lints (native and wasm32), the engine's and
# app's native tests, wasm-bindgen tests in headless Chromium, and the end-to-end
# browser tests against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# One run from a clean clone needs no incremental caches (they doubled target/'s size).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

step() { echo; echo "=== $*"; }

step "format"
cargo fmt --all -- --check
step "clippy (native)"
cargo clippy --workspace --all-targets -- -D warnings
step "clippy (wasm32)"
cargo clippy --workspace --all-targets --target wasm32-unknown-unknown -- -D warnings
step "clippy (wasm32, the split build's features)"
cargo clippy --target wasm32-unknown-unknown --features split -- -D warnings
step "no import cycles, no source file over 500 lines"
python3 scripts/import_cycles.py src crates/hyperplane-core/src crates/hyperplane-cli/src crates/hyperplane-worker/src crates/hyperplane-formats/src
long=$(find src crates/*/src -name '*.rs' -exec wc -l {} + | awk '$2 != "total" && $1 > 500')
if [ -n "$long" ]; then echo "files over 500 lines (split them by concern):"; echo "$long"; exit 1; fi
step "native tests"
cargo test --workspace 2>&1 | tee -a "$log"
step "wasm-bindgen tests in headless Chromium"
cargo test --target wasm32-unknown-unknown -p hyperplane --test browser 2>&1 | tee -a "$log"
step "release build"
trunk build --release --offline
step "end-to-end tests (Playwright, Debian Chromium)"
npx playwright test --config e2e/playwright.config.js 2>&1 | tee -a "$log"
step "load-time script, once (a smoke check that it runs; its figures go in BENCHMARKS.md)"
node e2e/bench_load.js 1 --smoke

passed=$(grep -oE '([0-9]+) passed' "$log" | awk '{s+=$1} END {print s+0}')
failed=$(grep -oE '([0-9]+) failed' "$log" | awk '{s+=$1} END {print s+0}')
echo
echo "all suites: $passed passed, $failed failed"
[ "$failed" = 0 ]

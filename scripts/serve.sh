#!/usr/bin/env bash
# Sets up what is missing, builds the release page and serves dist/ on localhost.
# Usage: bash scripts/serve.sh [port]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release --offline
exec node e2e/serve.mjs --root dist --port "${1:-8080}"

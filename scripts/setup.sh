#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing; safe to run twice.
# Everything comes from the package registries (crates.io, npm, Debian), nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

have() { command -v "$1" >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Trunk 0.21.x (0.22 needs a newer rustc). Takes ~12 minutes on 2 cores: only when missing.
if ! have trunk || ! trunk --version | grep -q ' 0\.21\.'; then
  echo "setup: installing trunk 0.21.14"
  cargo install trunk --version 0.21.14 --locked
fi

# wasm-bindgen-cli must equal the wasm-bindgen version in Cargo.lock.
wb_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if ! have wasm-bindgen || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$wb_version" ]; then
  echo "setup: installing wasm-bindgen-cli $wb_version"
  # Not --locked: that lock file pins a dependency version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# wasm-split-cli cuts the page's module into a first module and chunks (scripts/build_app.py).
if ! have wasm-split-cli || ! cargo install --list | grep -q '^wasm_split_cli_support v0\.2\.4:'; then
  echo "setup: installing wasm_split_cli_support 0.2.4 (wasm-split-cli)"
  cargo install wasm_split_cli_support --version 0.2.4 --locked --features build-binary
fi

# Debian's Chromium and its driver, for the browser tests.
if ! have chromium || ! have chromedriver; then
  echo "setup: installing chromium and chromium-driver"
  apt_install chromium chromium-driver
fi

# python3 writes the service worker after each build (scripts/post_build.py, a Trunk hook)
# and checks the import graph in the tests.
if ! have python3; then
  echo "setup: installing python3"
  apt_install python3
fi

if ! have node || ! have npm; then
  echo "setup: installing nodejs and npm"
  apt_install nodejs npm
fi

# wasm-opt (binaryen 132), Playwright and axe-core, pinned by package-lock.json.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/playwright ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund
fi
echo "setup: ok"

#!/usr/bin/env bash
# Builds the JavaScript package in pkg/ (pkg/dist: the wasm and its wasm-bindgen glue).
# Run by Trunk's pre-build hook (Trunk.toml: every page build, so serve.sh's too) and by test.sh
# before the package's Node tests; expects the tools scripts/setup.sh installs.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
cargo build --release --locked --target wasm32-unknown-unknown -p acs-check-pkg
rm -rf pkg/dist
wasm-bindgen --target web --no-typescript --out-dir pkg/dist --out-name acs_check_pkg \
  target/wasm32-unknown-unknown/release/acs_check_pkg.wasm
wasm-opt -Oz pkg/dist/acs_check_pkg_bg.wasm -o pkg/dist/acs_check_pkg_bg.wasm

#!/usr/bin/env bash
# Builds the JavaScript package in pkg/ (pkg/dist: the engine's and the verifier's wasm and their
# wasm-bindgen glue).
# Run by Trunk's pre-build hook (Trunk.toml: every page build, so serve.sh's too) and by test.sh
# before the package's Node tests; expects the tools scripts/setup.sh installs.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
# Two modules from one crate (pkg/Cargo.toml's features): the engine (checks, judgement, words) and the
# verifier (certificate and signature readers), which the page fetches only when a file needs it.
build() {
  local feature=$1 name=$2
  cargo build --release --locked --target wasm32-unknown-unknown -p acs-check-pkg --no-default-features --features "$feature"
  wasm-bindgen --target web --no-typescript --out-dir pkg/dist --out-name "$name" \
    target/wasm32-unknown-unknown/release/acs_check_pkg.wasm
  wasm-opt -Oz "pkg/dist/${name}_bg.wasm" -o "pkg/dist/${name}_bg.wasm"
}
rm -rf pkg/dist
build engine acs_check_pkg
build verifier acs_check_verify

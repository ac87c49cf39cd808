#!/usr/bin/env bash
# Builds the JavaScript package in pkg/ (pkg/dist: the wasm modules of the engine, of the verifier and
# of both in one, with their wasm-bindgen glue).
# Run by Trunk's pre-build hook (Trunk.toml: every page build, so serve.sh's too) and by test.sh
# before the package's Node tests; expects the tools scripts/setup.sh installs.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
# Three modules from one crate (pkg/Cargo.toml's features): the engine (checks, judgement, words), the
# verifier (certificate and signature readers), and the whole checker in one module. The page's
# workers load the engine for a text and the verifier when a file then needs it; a session whose first
# need is the verifier (a signed installer dropped first) loads the whole checker instead of the two
# (one copy of the runtime, 35 KB less before that file's verdict; web/src/engine.js).
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
build engine,verifier acs_check_full

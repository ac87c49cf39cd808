#!/usr/bin/env bash
# Runs every test of acs-check (installs what is missing first): formatting and lints, the native
# Rust tests, the JavaScript package in Node, the page build and its size budget, and the browser
# end-to-end tests in Chromium.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true CARGO_TERM_COLOR=never
step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -q -- -D warnings

step "Rust tests (native)"
cargo test --workspace --locked
# The engine without the certificate and signature readers (the page's engine module) builds and lints.
cargo clippy -p acs-check --no-default-features --locked -q -- -D warnings
# The two wasm modules of pkg/ (the engine, the verifier) each build and lint alone.
for module in engine verifier; do
  cargo clippy -p acs-check-pkg --target wasm32-unknown-unknown --no-default-features --features "$module" --locked -q -- -D warnings
done
# pkg/report.d.ts is generated from the report types: fail when it is out of date.
cargo test -p acs-check --features ts --test typescript --locked

step "fuzz targets, a few seconds each (scripts/fuzz.sh SECONDS runs them longer)"
scripts/fuzz.sh 3

step "JavaScript package (pkg/) in Node: same reports as the CLI"
scripts/build-pkg.sh
node --test pkg/test/

step "page build (trunk, offline; its hooks build the engine and the widget)"
trunk build --release --offline
node tests/budget.mjs

step "browser end-to-end tests (Chromium)"
node --test --test-concurrency=1 tests/e2e/

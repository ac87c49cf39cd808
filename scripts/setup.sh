#!/usr/bin/env bash
# Installs what acs-check needs on Debian 12, skipping whatever is installed already (fast when all is).
#   scripts/setup.sh build   – to build and serve the page: wasm32 target, Trunk, wasm-bindgen CLI, npm
#                              tools, Debian's Caddy (the web server of scripts/serve.sh and production)
#   scripts/setup.sh test    – the same, plus Debian's Chromium and ChromeDriver for the browser tests
# Everything comes from the package registries only (crates.io, npm, Debian): Trunk is told the exact
# tool versions (Trunk.toml [tools]) so that it never downloads anything.
set -euo pipefail
mode=${1:-build}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14   # 0.22 needs rustc 1.96
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: the web server (serve.sh, and the browser tests run against it), and for the tests
# Chromium with its driver and fonts-noto-cjk (Japanese text in the screenshots, tests/e2e/artifacts).
packages=(caddy)
[ "$mode" = test ] && packages+=(chromium chromium-driver fonts-noto-cjk)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt: installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  # Debian starts a Caddy service on port 80 when it installs the package; acs-check runs its own.
  if [[ " ${missing[*]} " == *" caddy "* ]] && command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    as_root systemctl disable --now caddy.service >/dev/null 2>&1 || true
  fi
fi

# Rust: the wasm target, Trunk, and the wasm-bindgen CLI of exactly the version in Cargo.lock.
command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup (https://rustup.rs)" >&2; exit 1; }
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "rustup: adding wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "cargo install trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION" --no-default-features
fi
WB=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB" ]; then
  # Not --locked: its lockfile names a webpki-roots release the registry mirror lacks.
  say "cargo install wasm-bindgen-cli $WB (about 4 minutes)"
  cargo install wasm-bindgen-cli --version "$WB"
fi
if ! grep -q "wasm_bindgen = \"$WB\"" Trunk.toml; then
  echo "Trunk.toml [tools] wasm_bindgen must be \"$WB\" (the version in Cargo.lock)" >&2; exit 1
fi

# npm tools (wasm-opt from binaryen, playwright-core, axe-core), exactly as package-lock.json says.
if ! cmp -s package-lock.json node_modules/.package-lock.acs 2>/dev/null; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.package-lock.acs
fi

# Crates, so that the offline builds (trunk build --offline) find them.
cargo fetch --locked -q

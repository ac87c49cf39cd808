#!/usr/bin/env bash
# Builds the page and serves it on http://127.0.0.1:${PORT:-8080}/ with the production web server
# configuration (deploy/Caddyfile: Caddy, the security headers, caching, precompressed brotli/gzip,
# the embedding allow-list). Installs what is missing first.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
scripts/setup.sh build
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
# Trunk's pre-build hook builds the engine (pkg/), its post-build hook puts it, the widget, the
# allow-list's headers and the precompressed files in dist/.
trunk build --release --offline
PORT=${PORT:-8080}
echo "acs-check: serving $ROOT/dist on http://127.0.0.1:$PORT/ (Ctrl-C to stop)"
ACS_SITE="http://127.0.0.1:$PORT" ACS_DIST="$ROOT/dist" exec caddy run --config deploy/Caddyfile --adapter caddyfile

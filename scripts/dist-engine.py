#!/usr/bin/env python3
"""Trunk post-build hook: puts the checker engine (the JavaScript package pkg/, built by
scripts/build-pkg.sh in the pre-build hook) next to the page, under a content-hashed folder, and
tells the page where it is.

The page's own wasm is only the user interface; every check runs in this engine, the same module
that the JS package and the embeddable widget use. It is fetched right after the page's first
paint, so the page shows (and works for reading) before the larger engine has arrived.

  dist/engine-<hash>/index.js, dist/engine-<hash>/dist/acs_check_pkg{.js,_bg.wasm}
  <meta name="acs-check-engine" data-src="./engine-<hash>/index.js"> in dist/index.html
"""
import hashlib
import os
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
PKG = ROOT / "pkg"
FILES = ["index.js", "dist/acs_check_pkg.js", "dist/acs_check_pkg_bg.wasm"]
PLACEHOLDER = 'data-src="ENGINE"'


def main() -> int:
    staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR", ROOT / "dist"))
    missing = [f for f in FILES if not (PKG / f).is_file()]
    if missing:
        print(f"dist-engine: pkg/ is not built ({', '.join(missing)} missing): run scripts/build-pkg.sh", file=sys.stderr)
        return 1
    digest = hashlib.sha256()
    for f in FILES:
        digest.update((PKG / f).read_bytes())
    folder = f"engine-{digest.hexdigest()[:16]}"
    for f in FILES:
        target = staging / folder / f
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PKG / f, target)
    index = staging / "index.html"
    html = index.read_text(encoding="utf-8")
    if PLACEHOLDER not in html:
        print(f"dist-engine: {index} has no {PLACEHOLDER} meta tag", file=sys.stderr)
        return 1
    index.write_text(html.replace(PLACEHOLDER, f'data-src="./{folder}/index.js"'), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Trunk post-build hook: puts the checker engine (the JavaScript package pkg/, built by
scripts/build-pkg.sh in the pre-build hook) next to the page, under a content-hashed folder, tells
the page where it is, and writes the embeddable widget (dist/widget.js) with the generated names.

The page's own wasm is only the user interface; every check runs in this engine, the same module
that the JS package and the embeddable widget use. It is fetched right after the page's first
paint, so the page shows (and works for reading) before the larger engine has arrived.

  dist/engine-<hash>/index.js, dist/engine-<hash>/dist/acs_check_pkg{.js,_bg.wasm}
  <meta name="acs-check-engine" data-src="./engine-<hash>/index.js"> in dist/index.html
  dist/widget.js: public/widget.js with the hashed names of the interface, its style and the engine
"""
import hashlib
import os
import re
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
        print(f"dist-assets: pkg/ is not built ({', '.join(missing)} missing): run scripts/build-pkg.sh", file=sys.stderr)
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
        print(f"dist-assets: {index} has no {PLACEHOLDER} meta tag", file=sys.stderr)
        return 1
    html = html.replace(PLACEHOLDER, f'data-src="./{folder}/index.js"')
    index.write_text(html, encoding="utf-8")
    return write_widget(staging, html, f"./{folder}/index.js")


def write_widget(staging: pathlib.Path, html: str, engine: str) -> int:
    """dist/widget.js: the template with the names Trunk generated (read back from index.html)."""
    ui = re.search(r'<meta name="acs-check-wasm" data-js="([^"]+)" data-wasm="([^"]+)"', html)
    style = re.search(r'<link rel="stylesheet" href="(\./style-[0-9a-f]+\.css)"', html)
    if not ui or not style:
        print("dist-assets: index.html lacks the generated interface or style names", file=sys.stderr)
        return 1
    names = {"__UI_JS__": ui.group(1), "__UI_WASM__": ui.group(2), "__ENGINE__": engine, "__STYLE__": style.group(1)}
    widget = (ROOT / "public" / "widget.js").read_text(encoding="utf-8")
    for key, value in names.items():
        if key not in widget:
            print(f"dist-assets: public/widget.js has no {key}", file=sys.stderr)
            return 1
        widget = widget.replace(key, value)
    (staging / "widget.js").write_text(widget, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

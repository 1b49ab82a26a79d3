#!/usr/bin/env python3
"""What a first visit downloads in all, gzipped (gzip -9, as e2e/serve.mjs serves it):
every file of the build the service worker keeps (the list in dist/sw.js) plus sw.js,
grouped. The page needs only the first group for its first picture; the service worker
fetches the rest once, after it, so this is also what one visit costs.

Usage: trunk build --release --offline && python3 scripts/dist_bytes.py [dist]
"""
import gzip
import json
import os
import re
import sys

dist = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "dist")
with open(os.path.join(dist, "sw.js"), encoding="utf-8") as f:
    sw = f.read()
files = list(json.loads(re.search(r"(\{[^{}]*\})", sw, re.S).group(1))) + ["sw.js"]


def group(path):
    name = path.rsplit("/", 1)[-1]
    if name == "hyperplane-app_bg.wasm":
        return "first module"
    if name.endswith(".wasm"):
        return "chunks"
    if path.startswith(("data/", "examples/")):
        return "data files"
    return "html, css, js"


sizes = {}
for path in files:
    with open(os.path.join(dist, path), "rb") as f:
        raw = f.read()
    g = group(path)
    r, z = sizes.get(g, (0, 0))
    sizes[g] = (r + len(raw), z + len(gzip.compress(raw, 9)))
for g, (r, z) in sorted(sizes.items(), key=lambda kv: -kv[1][1]):
    print(f"{g:14} {r:>10,} B raw {z:>10,} B gzipped")
raw, gz = sum(r for r, _ in sizes.values()), sum(z for _, z in sizes.values())
print(f"{'all':14} {raw:>10,} B raw {gz:>10,} B gzipped ({len(files)} files)")

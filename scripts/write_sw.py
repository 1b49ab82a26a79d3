#!/usr/bin/env python3
"""Trunk post-build hook: writes sw.js into the build with the list of its files and
their SHA-256, and a version made of them (public/sw.template.js holds the rest).

Usage (Trunk sets TRUNK_STAGING_DIR): python3 scripts/write_sw.py
"""
import hashlib
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else None)
if not staging:
    sys.exit("write_sw.py: TRUNK_STAGING_DIR is not set")

files = {}
for root, _, names in os.walk(staging):
    for n in names:
        path = os.path.join(root, n)
        rel = os.path.relpath(path, staging).replace(os.sep, "/")
        if rel == "sw.js" or rel.endswith(".template.js"):
            continue
        with open(path, "rb") as f:
            files[rel] = hashlib.sha256(f.read()).hexdigest()
files = dict(sorted(files.items()))
version = hashlib.sha256(json.dumps(files).encode()).hexdigest()[:16]
with open(os.path.join(here, "..", "public", "sw.template.js"), encoding="utf-8") as f:
    text = f.read()
text = text.replace("__VERSION__", version).replace("__FILES__", json.dumps(files, indent=2))
with open(os.path.join(staging, "sw.js"), "w", encoding="utf-8") as f:
    f.write(text)
print(f"write_sw.py: sw.js for {len(files)} files, version {version}")

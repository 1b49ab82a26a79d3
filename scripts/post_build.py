#!/usr/bin/env python3
"""Trunk post-build hook, in three steps:

0. the page's split module (build_app.py's app/ folder) is renamed app-HASH/ after its
   content, and index.html points there, so a new deployment never mixes with old files;
1. index.html gets its Content-Security-Policy, with the SHA-256 of each inline script
   (Trunk's module loader and the page's own two), so no other script can run;
2. sw.js is written with the list of the build's files and their SHA-256, and a version
   made of them (public/sw.template.js holds the rest).

Usage (Trunk sets TRUNK_STAGING_DIR): python3 scripts/post_build.py [DIR]
"""
import base64
import hashlib
import json
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else None)
if not staging:
    sys.exit("post_build.py: TRUNK_STAGING_DIR is not set")

POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; "
    # No inline styles but the boot frame's own <style> (hashed): the studio sets its
    # computed styles as properties (the CSSOM), which the policy does not restrict.
    "style-src 'self' {style_hashes}; img-src 'self' data: blob:; "
    "object-src 'none'; base-uri 'none'; form-action 'none'"
)


def digests(texts):
    return " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in texts
    )


def add_policy(path):
    with open(path, encoding="utf-8") as f:
        html = f.read()
    html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
    styles = re.findall(r"<style[^>]*>(.*?)</style>", html, re.S)
    policy = POLICY.format(hashes=digests(inline), style_hashes=digests(styles))
    meta = '<meta http-equiv="Content-Security-Policy" content="' + policy + '" />'
    html = html.replace('<meta charset="utf-8" />', '<meta charset="utf-8" />\n    ' + meta, 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(html)
    return len(inline)


def name_app_by_hash(staging):
    app = os.path.join(staging, "app")
    if not os.path.isdir(app):
        return
    digest = hashlib.sha256()
    # Every file, the compute worker's script in snippets/ among them.
    paths = sorted(os.path.relpath(os.path.join(d, n), app).replace(os.sep, "/")
                   for d, _, names in os.walk(app) for n in names)
    for n in paths:
        with open(os.path.join(app, n), "rb") as f:
            digest.update(n.encode() + b"\0" + f.read())
    name = "app-" + digest.hexdigest()[:16]
    os.rename(app, os.path.join(staging, name))
    index = os.path.join(staging, "index.html")
    with open(index, encoding="utf-8") as f:
        html = f.read()
    # Trunk leaves the skipped `rel="rust"` link in place; the page has no use for it.
    html = re.sub(r'\s*<link data-trunk [^>]*data-trunk-skip[^>]*>', "", html)
    with open(index, "w", encoding="utf-8") as f:
        f.write(html.replace('"./app/', '"./' + name + "/"))
    print(f"post_build.py: the page's module is in {name}/")


name_app_by_hash(staging)
scripts = add_policy(os.path.join(staging, "index.html"))
print(f"post_build.py: index.html's policy allows its {scripts} inline scripts")

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
print(f"post_build.py: sw.js for {len(files)} files, version {version}")

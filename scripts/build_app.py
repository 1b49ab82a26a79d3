#!/usr/bin/env python3
"""Trunk pre-build hook: the page's module, split into a first module and chunks.

Trunk cannot split a module (trunk-rs/trunk#1022), so this builds the app the way
cargo-leptos's `--split` does and Trunk copies the result (index.html's copy-dir of
target/app-split/app):

1. cargo builds `hyperplane-app` with `--features split` and the linker's relocations
   kept (`--emit-relocs`, on the binary only, so dependencies are not rebuilt);
2. wasm-split-cli (crate wasm_split_cli_support) moves what only the `split_point!`
   functions reach (src/components/lazy_panel.rs) into chunks;
3. wasm-bindgen writes the JS glue for the first module;
4. wasm-opt -Oz shrinks every module, as Trunk's `data-wasm-opt="z"` did.

post_build.py then names the folder by its content's hash (so a new deployment never
mixes with cached files) and points index.html at it.
Usage: python3 scripts/build_app.py (Trunk sets TRUNK_PROFILE; release unless "debug";
HYPERPLANE_ONE_MODULE=1 leaves the module whole, for comparisons);
python3 scripts/build_app.py --wasm-opt FILE shrinks one module as the build does.
"""
import os
import shutil
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.join(ROOT, "target", "app-split")
APP = os.path.join(OUT, "app")
NAME = "hyperplane-app"


def run(*cmd):
    print("build_app.py:", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)


def wasm_opt(path):
    """Shrinks a module in place as the release page's modules are shrunk."""
    run("wasm-opt", "-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
        "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types",
        "--enable-multivalue", path, "-o", path)


def main():
    release = os.environ.get("TRUNK_PROFILE", "release") != "debug"
    profile = ["--release"] if release else []
    # HYPERPLANE_ONE_MODULE=1 builds the same page unsplit, to measure what the split costs.
    features = [] if os.environ.get("HYPERPLANE_ONE_MODULE") == "1" else ["--features", "split"]
    run("cargo", "rustc", *profile, "--locked", "--target", "wasm32-unknown-unknown",
        "--bin", NAME, *features, "--", "-Clink-args=--emit-relocs")
    built = os.path.join(ROOT, "target", "wasm32-unknown-unknown",
                         "release" if release else "debug", NAME + ".wasm")
    split = os.path.join(OUT, "split")
    for d in (split, APP):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    run("wasm-split-cli", built, split, "--out-name", NAME)
    # --split-linked-modules: the compute worker's script (src/compute_worker.js) is a
    # file beside the glue, not a blob: URL the page's policy would refuse.
    run("wasm-bindgen", "--target", "web", "--keep-lld-exports", "--no-demangle",
        "--no-typescript", "--split-linked-modules", "--out-dir", APP, "--out-name", NAME,
        os.path.join(split, NAME + ".wasm"))
    for f in sorted(os.listdir(split)):
        if f != NAME + ".wasm":
            shutil.copy(os.path.join(split, f), APP)
    if release:
        for f in sorted(os.listdir(APP)):
            if f.endswith(".wasm"):
                wasm_opt(os.path.join(APP, f))
    sizes = ", ".join(f"{f} {os.path.getsize(os.path.join(APP, f)):,} B" for f in sorted(os.listdir(APP)))
    print(f"build_app.py: {sizes}")


if __name__ == "__main__":
    try:
        # `--wasm-opt FILE`: only that step, for scripts/engine_wasm_speed.mjs.
        if sys.argv[1:2] == ["--wasm-opt"]:
            wasm_opt(os.path.abspath(sys.argv[2]))
        else:
            main()
    except subprocess.CalledProcessError as e:
        sys.exit(f"build_app.py: {e}")

"""Where the app module's bytes are, by crate and by concern, for BENCHMARKS.md.

Run from the repository root with twiggy installed (`cargo install twiggy --version 0.8.0 --locked`),
after a build (`trunk build --release --offline`):
    python3 scripts/wasm_breakdown.py
It reads the first module as scripts/build_app.py split it, passed through wasm-bindgen
again with its names kept (so wasm-bindgen's describe functions, which it removes, are
not counted), asks twiggy for every item's size and sums them by who owns them; then each
chunk's total. Shares are of the code and data (the names section is left out);
wasm-opt -Oz shrinks the shipped module by about a tenth more, roughly evenly, so the
shares carry over.
"""
import collections
import csv
import io
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# First match wins: serde's generated code is counted as serde, whoever's types it serves.
BUCKETS = [
    ("serde (JSON for versions, files, worker messages)", r"serde|Deserializ|Serializ|visit_|from_trait|MapAccess|SeqAccess"),
    ("Leptos (tachys, reactive_graph, stores)", r"tachys|reactive_graph|reactive_stores|leptos|any_spawner|throw_error|or_poisoned|send_wrapper"),
    ("wasm-bindgen, js-sys, web-sys, idb", r"wasm_bindgen|js_sys|web_sys|__wbg|__wbindgen|idb::"),
    ("plotters (loss chart)", r"plotters"),
    ("app: models' controls", r"hyperplane::models"),
    ("app: versions registry", r"hyperplane::registry|hyperplane::components::(version|compare_view)"),
    ("app: model comparison and sweeps", r"hyperplane::(pool|sweeps)|hyperplane::components::(model_grid|sweep|heatmap_chart|curve_chart)"),
    ("app: rendering", r"hyperplane::render"),
    ("app: everything else", r"hyperplane::"),
    ("engine: SVM", r"hyperplane_core::svm|hyperplane_core::kernel"),
    ("engine: network", r"hyperplane_core::nn"),
    ("engine: trees", r"hyperplane_core::tree"),
    ("engine: k-NN", r"hyperplane_core::neighbors"),
    ("engine: logistic regression", r"hyperplane_core::linear_model"),
    ("engine: versions and model files (validation)", r"hyperplane_formats::"),
    ("engine: everything else", r"hyperplane_core::"),
    ("worker protocol", r"hyperplane_worker"),
    ("ndarray", r"ndarray"),
    ("std, core, alloc (formatting, allocator, collections)", r"^(core|alloc|std)::|<(core|alloc|std)::|dlmalloc|memcpy|memset|memmove|compiler_builtins"),
    ("data segments (strings, tables, iris)", r"^data segment"),
]


def breakdown(wasm):
    out = subprocess.run(["twiggy", "top", "-n", "1000000", "--format", "csv", str(wasm)],
                         check=True, capture_output=True, text=True).stdout
    sizes = collections.Counter()
    total = 0
    for row in csv.DictReader(io.StringIO(out)):
        name, size = row["Name"], int(row["ShallowSize"])
        if "function names" in name or name.startswith("custom section"):
            continue
        total += size
        bucket = next((b for b, rx in BUCKETS if re.search(rx, name)), "other (unnamed items, tables)")
        sizes[bucket] += size
    return total, sizes


def main():
    split = ROOT / "target" / "app-split" / "split"
    first = split / "hyperplane-app.wasm"
    if not first.exists():
        sys.exit("wasm_breakdown.py: build first (trunk build --release --offline)")
    named = ROOT / "target" / "app-split" / "named"
    subprocess.run(["wasm-bindgen", "--target", "web", "--keep-lld-exports", "--no-demangle", "--keep-debug",
                    "--no-typescript", "--out-dir", str(named), "--out-name", "first", str(first)], check=True)
    total, sizes = breakdown(named / "first_bg.wasm")
    print(f"first module: {total:,} bytes of code and data after wasm-bindgen, before wasm-opt")
    print("| part | bytes | share |\n|---|---|---|")
    for bucket, size in sizes.most_common():
        print(f"| {bucket} | {size:,} | {100 * size / total:.1f}% |")
    print("\n| chunk (fetched on first use) | bytes before wasm-opt |\n|---|---|")
    for chunk in sorted(split.glob("*.wasm")):
        if chunk != first:
            print(f"| {chunk.stem} | {breakdown(chunk)[0]:,} |")


if __name__ == "__main__":
    main()

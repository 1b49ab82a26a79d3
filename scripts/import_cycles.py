#!/usr/bin/env python3
"""Lists import cycles between the Rust files of a crate: file A `use`s something from
file B and B (directly or through others) from A. Exits 1 if there is any.

Usage: scripts/import_cycles.py CRATE_SRC_DIR [...]
"""
import os
import re
import sys


def module_files(src):
    files = {}
    for root, _, names in os.walk(src):
        for n in names:
            if n.endswith(".rs"):
                p = os.path.join(root, n)
                rel = os.path.relpath(p, src)[:-3].split(os.sep)
                if rel[-1] in ("mod", "lib", "main"):
                    rel = rel[:-1]
                files[tuple(rel)] = p
    return files


def resolve(path, files):
    """The longest module prefix of `path` that is a file."""
    for k in range(len(path), 0, -1):
        if tuple(path[:k]) in files:
            return tuple(path[:k])
    return None


def uses(p, me, files):
    text = open(p, encoding="utf-8").read()
    # Only non-test code: cut at the first #[cfg(test)].
    text = text.split("#[cfg(test)]")[0]
    out = set()
    pattern = r"\buse\s+((?:crate|super|self)(?:::\w+)*)(?:::\{([^;]*)\})?"
    for m in re.finditer(pattern, text):
        head = m.group(1).split("::")
        ups = head.count("super")
        if head[0] == "crate":
            path = head[1:]
        elif head[0] == "self":
            path = list(me) + head[1:]
        else:  # `super` is the parent of this file's module, whatever the file's name
            path = list(me[: len(me) - ups]) + head[ups:]
        groups = [path]
        if m.group(2):
            inner = [g.strip().split("::")[0] for g in m.group(2).split(",")]
            groups = [path + [g] for g in inner if g and g != "self"] or [path]
        for g in groups:
            r = resolve(g, files)
            if r is not None and r != me and r != ():
                out.add(r)
    return out


def cycles(src):
    files = module_files(src)
    graph = {m: uses(p, m, files) for m, p in files.items()}
    found = set()
    for start in graph:
        stack = [(start, [start])]
        while stack:
            node, trail = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    cyc = trail
                    k = cyc.index(min(cyc))
                    found.add(tuple(cyc[k:] + cyc[:k]))
                elif nxt not in trail and len(trail) < 12:
                    stack.append((nxt, trail + [nxt]))
    return sorted(found, key=len)


if __name__ == "__main__":
    bad = 0
    for src in sys.argv[1:]:
        for c in cycles(src):
            bad += 1
            print(src + ": " + " -> ".join("::".join(m) for m in c + (c[0],)))
    print(f"{bad} import cycle(s)")
    sys.exit(1 if bad else 0)

#!/usr/bin/env python3
"""Writes the example files offered in the data picker (public/examples/), so a user can
try the import without a file of their own. Generated data only, deterministic (stdlib
random with a fixed seed): re-running writes the same bytes.

- penguins.csv: a penguins-like table (species, island, four measurements, sex) drawn
  from per-species normal distributions close to the published Palmer penguins summary
  statistics; some cells are `NA` or empty, as in the real file.
- iris-european.csv: Fisher's iris (public domain, the copy bundled with the engine) as
  a German-locale spreadsheet saves it: UTF-8 byte-order mark, `;` between fields,
  decimal commas, CRLF line ends, German column names.
"""
import csv
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "public", "examples")

# species: (count, islands with weights, means, sds) for bill length, bill depth,
# flipper length, body mass.
SPECIES = {
    "Adelie": (152, [("Biscoe", 44), ("Dream", 56), ("Torgersen", 52)],
               (38.8, 18.3, 190.0, 3700.0), (2.7, 1.2, 6.5, 460.0)),
    "Chinstrap": (68, [("Dream", 68)],
                  (48.8, 18.4, 195.8, 3733.0), (3.3, 1.1, 7.1, 384.0)),
    "Gentoo": (124, [("Biscoe", 124)],
               (47.5, 15.0, 217.2, 5076.0), (3.1, 1.0, 6.5, 504.0)),
}


def penguins():
    rng = random.Random(2007)
    rows = []
    for species, (count, islands, means, sds) in SPECIES.items():
        pool = [island for island, n in islands for _ in range(n)]
        for i in range(count):
            sex = "male" if i % 2 == 0 else "female"
            shift = 1.0 if sex == "male" else -1.0
            bill_length = round(rng.gauss(means[0] + 0.8 * shift, sds[0] * 0.8), 1)
            bill_depth = round(rng.gauss(means[1] + 0.5 * shift, sds[1] * 0.8), 1)
            flipper = int(round(rng.gauss(means[2] + 2.5 * shift, sds[2] * 0.8)))
            mass = int(round(rng.gauss(means[3] + 250 * shift, sds[3] * 0.8) / 25) * 25)
            rows.append([species, pool[i], bill_length, bill_depth, flipper, mass, sex])
    rng.shuffle(rows)
    # Gaps as the real file has them: two birds not measured, some sexes unknown.
    for r in (3, 271):
        rows[r][2:6] = ["NA"] * 4
    for r in rng.sample(range(len(rows)), 9):
        rows[r][6] = rng.choice(["NA", ""])
    with open(os.path.join(OUT, "penguins.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["species", "island", "bill_length_mm", "bill_depth_mm",
                    "flipper_length_mm", "body_mass_g", "sex"])
        w.writerows(rows)


def iris_european():
    src = os.path.join(ROOT, "crates", "hyperplane-core", "data", "iris.csv")
    with open(src, newline="") as f:
        rows = list(csv.reader(f))[1:]
    header = ["Kelchblattlänge", "Kelchblattbreite", "Kronblattlänge", "Kronblattbreite", "Art"]
    with open(os.path.join(OUT, "iris-european.csv"), "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(header)
        for r in rows:
            w.writerow([v.replace(".", ",") for v in r[:4]] + [r[4]])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    penguins()
    iris_european()

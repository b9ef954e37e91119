"""Digit reader benchmark: accuracy of the shipped glyph classifier per font family and per
scan resolution, on digits rendered and damaged as in training but with another seed, and
how often it is sure of a wrong digit (the error that would reach a register).

    python benchmarks/digits_bench.py [--per-cell 40] [--model PATH]

Each cell is one family at one resolution: ``--per-cell`` samples of each of the 20 digits
(Thai and Arabic). The lower bound is the model itself on its own training distribution; the
figure that matters is "sure and wrong", which must stay near zero. It also times the
classifier per glyph against a bare matrix product of the same size.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_digits  # noqa: E402

from saraban.digits.model import ARABIC, MODEL_PATH, THAI, classifier, value  # noqa: E402
from saraban.parsing.evidence import VALUE, VALUE_ALONE  # noqa: E402

DPIS = (96, 150, 200, 300)


def cell(faces: list, dpi: int, per_cell: int, rng: np.random.Generator) -> tuple[np.ndarray, list[str]]:
    refs: dict = {}
    rows, truth = [], []
    for label in THAI + ARABIC:
        usable = [f for f in faces if train_digits.covers(f, label)]
        if not usable:
            continue
        for _ in range(per_cell):
            face = usable[int(rng.integers(0, len(usable)))]
            points = 16.0 * (1.4 if face.style == "hand" else 1.0)
            em = max(12, round(points / 72 * dpi))
            row = train_digits.one_sample(face, label, em, rng, refs)
            if row is not None:
                rows.append(row)
                truth.append(str(value(label)))
    return np.stack(rows), truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-cell", type=int, default=40)
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    parser.add_argument("--fonts", type=Path, default=ROOT / ".cache" / "fonts")
    args = parser.parse_args(argv)
    model = classifier(args.model)
    faces = train_digits.system_fonts() + train_digits.npm_fonts(args.fonts)
    families: dict[str, list] = {}
    for face in faces:
        families.setdefault(face.family, []).append(face)
    rng = np.random.default_rng(7)  # not the training seed
    print(f"| family | style | {' | '.join(f'{d} dpi' for d in DPIS)} | sure and wrong |")
    print("|---|---|" + "---:|" * (len(DPIS) + 1))
    totals = {"right": 0, "all": 0, "sure_wrong": 0, "alone_wrong": 0}
    timing_rows = []
    for family in sorted(families):
        cells, sure_wrong = [], 0
        for dpi in DPIS:
            x, truth = cell(families[family], dpi, args.per_cell, rng)
            timing_rows.append(x)
            reads = model.read(x)
            right = sum(1 for r, t in zip(reads, truth, strict=True) if r.digit == t)
            sure_wrong += sum(1 for r, t in zip(reads, truth, strict=True)
                              if r.digit != t and r.digit_probability >= VALUE)  # fmt: skip
            totals["alone_wrong"] += sum(1 for r, t in zip(reads, truth, strict=True)
                                         if r.digit != t and r.digit_probability >= VALUE_ALONE)  # fmt: skip
            cells.append(f"{100 * right / len(truth):.1f} %")
            totals["right"] += right
            totals["all"] += len(truth)
        totals["sure_wrong"] += sure_wrong
        print(f"| {family} | {families[family][0].style} | {' | '.join(cells)} | {sure_wrong} |")
    every = np.concatenate(timing_rows)
    started = time.perf_counter()
    model.read(every)
    spent = time.perf_counter() - started
    started = time.perf_counter()
    for w, _b in model.nets[0]:
        every = every[:, : w.shape[0]] @ w if every.shape[1] >= w.shape[0] else every
    bare = time.perf_counter() - started
    share = 100 * totals["sure_wrong"] / totals["all"]
    print(f"\nall: {100 * totals['right'] / totals['all']:.1f} % of {totals['all']} digits right; "
          f"sure (≥ {VALUE:.0%}) and wrong: {totals['sure_wrong']} ({share:.2f} %); "
          f"sure enough to stand alone (≥ {VALUE_ALONE:.0%}) and wrong: {totals['alone_wrong']} "
          f"({100 * totals['alone_wrong'] / totals['all']:.2f} %)")  # fmt: skip
    print(f"classifier: {1e6 * spent / len(timing_rows[0]) / len(timing_rows):.1f} µs per glyph "
          f"({spent / max(bare, 1e-9):.1f}× a bare pass of its matrix products)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

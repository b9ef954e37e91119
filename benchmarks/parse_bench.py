"""Parse benchmark: letters per second of `saraban parse --json`, process start included,
against a bare pass of a handful of regular expressions over the same text (the lower bound).

    python benchmarks/parse_bench.py [--letters 1200]
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from saraban.demo.builder import letter_text

ROOT = Path(__file__).resolve().parents[1]
BARE = [
    re.compile(r"^\s*ที่\s+\S+.*?/.*$", re.M),
    re.compile(r"^\s*เรื่อง\s+(.*)$", re.M),
    re.compile(r"^\s*เรียน\s+(.*)$", re.M),
    re.compile(r"(\d{1,2})\s*(มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม)"),
    re.compile(r"^\s*\(([^()]+)\)\s*$", re.M),
    re.compile(r"^\s*(เลขรับ|ได้รับ|เลขที่รับ)\s*[.…]*\s*(\d+)", re.M),
]


def make_letters(folder: Path, count: int) -> int:
    rng = random.Random(7)
    samples = sorted((ROOT / "tests" / "data" / "letters").glob("*.txt")) + sorted(
        (ROOT / "saraban" / "demo" / "letters").glob("*.txt")
    )
    letters = 0
    for i in range(count):
        if i % 10 == 0:
            source = samples[(i // 10) % len(samples)]
            (folder / f"{i:05d}.txt").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        else:
            text, _ = letter_text(rng, date(2026, 1, 1) + timedelta(days=i % 300), i)
            (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
    return letters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=1200, help="files to generate (some hold several letters)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_letters(folder, args.letters)
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]

        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "saraban", "parse", str(folder), "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
        elapsed = time.perf_counter() - start
        import json

        found = len(json.loads(result.stdout))

        start = time.perf_counter()
        for text in texts:
            for pattern in BARE:
                pattern.findall(text)
        bare = time.perf_counter() - start

        from saraban.parsing import parse_text

        start = time.perf_counter()
        for text in texts:
            parse_text(text)
        in_process = time.perf_counter() - start

    print(f"files: {len(texts)}, letters found: {found}")
    print(f"saraban parse --json (one process, start included): {elapsed:.2f} s = {found / elapsed:.0f} letters/s")
    print(f"parser in process: {in_process:.2f} s = {found / in_process:.0f} letters/s")
    print(f"bare pass of {len(BARE)} regular expressions: {bare:.3f} s = {found / bare:.0f} letters/s")
    print(f"ratio parser / bare regex pass: {in_process / bare:.1f}x")


if __name__ == "__main__":
    main()

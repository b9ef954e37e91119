"""OCR benchmark: pages per second of the reading pipeline on scanned letters, per core, and
saraban's own overhead as a share of Tesseract's time (the lower bound: Tesseract itself).

A letter is rendered from saraban's template, converted to PDF by LibreOffice, rasterised at
200 dpi and saved as an image-only PDF; ``--pages`` copies of it are read through
:func:`saraban.intake.read_document` and parsed.

    python benchmarks/ocr_bench.py [--pages 8]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from saraban.intake import read_document  # noqa: E402
from saraban.intake.ocr import workers  # noqa: E402
from saraban.parsing import parse_document  # noqa: E402


def make_scan(folder: Path, pages: int) -> Path:
    from PIL import Image

    from saraban.letters.render import find_template, render, to_pdf
    from tests.scans import LETTER

    pdf = to_pdf(render(find_template("external"), LETTER.to_template_data(digits="arabic"), folder / "l.docx"))
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", str(pdf), str(folder / "p")], check=True)
    image = Image.open(folder / "p.png").convert("L")
    out = folder / "bundle.pdf"
    image.save(out, resolution=200.0, save_all=True, append_images=[image] * (pages - 1))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bundle = make_scan(Path(tmp), args.pages)
        started = time.perf_counter()
        document = read_document(bundle)
        letters = parse_document(document)
        wall = time.perf_counter() - started
    cores = workers()
    tesseract = document.ocr_seconds
    print(f"pages: {document.pages}, letters found: {len(letters)}, OCR processes at once: {cores}")
    rate = document.pages / wall
    print(f"wall time: {wall:.1f} s = {rate:.2f} pages/s, {rate / cores:.2f} pages/s per core")
    print(f"Tesseract's own time (summed over processes): {tesseract:.1f} s = {tesseract / document.pages:.1f} s/page")
    overhead = wall * cores - tesseract
    print(f"saraban's overhead (rasterising, parsing, waiting): {overhead / (wall * cores):.1%} of core time")
    print(f"Tesseract runs with OMP_THREAD_LIMIT=1 (this process: {os.environ.get('OMP_THREAD_LIMIT', 'unset')})")


if __name__ == "__main__":
    main()

"""Lines Tesseract's page layout lost, found again from the ink of the page.

Tesseract's automatic layout (``--psm 3``) drops whole lines of a letterhead when a large
stamp (ด่วนมาก), handwriting or the Garuda stands beside them: the ที่ line, the date line
and เรื่อง vanish from the text although they are printed plainly. Where the top of the
first page has rows of ink that no line of Tesseract's covers, each such row is cut out and
read as a single line (``--psm 7``), and the line is put back where it stands on the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

HEAD = 0.5
"""The part of the first page (from the top) where the number, date and subject stand."""
MAX_LINES = 8
"""Rows read again on one page at most (each is one short Tesseract run)."""


def ink_rows(gray: np.ndarray, *, min_ink: int = 3) -> list[tuple[int, int]]:
    """Bands of rows that hold ink (top, bottom), joined across gaps of a few rows."""
    from saraban.digits.glyphs import binarise

    ink = binarise(gray)
    # A scan's dark border or a ruled margin runs down many rows: those columns are not text.
    ink[:, ink.mean(axis=0) > 0.3] = False
    counts = ink.sum(axis=1)
    rows = counts >= max(min_ink, gray.shape[1] // 400)
    bands: list[tuple[int, int]] = []
    start = None
    for y, on in enumerate(rows):
        if on and start is None:
            start = y
        elif not on and start is not None:
            bands.append((start, y))
            start = None
    if start is not None:
        bands.append((start, len(rows)))
    joined: list[tuple[int, int]] = []
    for band in bands:
        if joined and band[0] - joined[-1][1] <= 2:
            joined[-1] = (joined[-1][0], band[1])
        else:
            joined.append(band)
    return joined


def lost_rows(gray: np.ndarray, covered: list[tuple[int, int, int, int]], line_height: float) -> list[tuple[int, int]]:
    """Bands of ink in the page's head that no OCR line covers and that are a line's height.

    The whole width is looked at, and its left part on its own: there the number line stands
    under a large urgency stamp, beside the Garuda, whose ink would join them into one band.
    """
    limit = int(gray.shape[0] * HEAD)
    width = gray.shape[1]
    found: list[tuple[int, int]] = []
    for left, right in ((0, width), (0, int(width * 0.45))):
        for top, bottom in ink_rows(gray[:limit, left:right]):
            height = bottom - top
            if not 0.6 * line_height <= height <= 2.6 * line_height:
                continue
            mine = [(t, b) for x0, t, x1, b in covered if min(x1, right) - max(x0, left) > 0]
            overlap = max((min(bottom, b) - max(top, t) for t, b in mine), default=0)
            fresh = all(min(bottom, b) - max(top, t) < 0.5 * height for t, b in found)
            if overlap < 0.6 * height and fresh:
                found.append((top, bottom))
    return sorted(found)[:MAX_LINES]


def line_height(lines: list) -> float:  # type: ignore[type-arg]
    """The median height of the page's lines of print, in pixels (0 when no line has a box)."""
    heights = sorted(line.box[3] - line.box[1] for line in lines if line.box and len(line.text.strip()) >= 3)
    return float(heights[len(heights) // 2]) if heights else 0.0


def recover(image: Path, lines: list, read_line: Callable[[Path], tuple[str, str]], make_line: Callable,  # type: ignore[type-arg]
            gray: np.ndarray) -> list:  # fmt: skip
    """The page's lines with the lost rows of its head read again and put in place.

    Args:
        image: The page image.
        lines: Tesseract's lines (objects with ``text`` and ``box``).
        read_line: Reads one row image with Tesseract (``--psm 7``) → (text, tsv).
        make_line: Builds a line object from (text, tsv, offset) of a row.
        gray: The page in 8-bit grey.
    """
    from PIL import Image

    height = line_height(lines)
    if not height:
        return lines
    covered = [line.box for line in lines if line.box and len(line.text.strip()) >= 3]
    rows = lost_rows(gray, covered, height)
    if not rows:
        return lines
    out = list(lines)
    for top, bottom in rows:
        pad = max(2, (bottom - top) // 6)
        crop_top, crop_bottom = max(0, top - pad), min(gray.shape[0], bottom + pad)
        row = image.with_name(f"{image.stem}-row{top}.png")
        Image.fromarray(gray[crop_top:crop_bottom]).save(row)
        text, tsv = read_line(row)
        row.unlink(missing_ok=True)
        line = make_line(text, tsv, crop_top)
        if line is None or len(re.findall(r"[ก-ฮ]", line.text)) < 3:
            continue
        at = next((i for i, old in enumerate(out) if old.box and old.box[1] > top), len(out))
        out.insert(at, line)
    return out

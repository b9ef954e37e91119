"""Urgency and secrecy marks stamped large at the top of the first page, found from their size.

ด่วนที่สุด, ด่วนมาก and ด่วน (and the secrecy marks ลับ…) are stamped or printed two to three
times the height of the letter's text, above the ที่ line. Tesseract's page layout drops them
or reads them as noise ("‘ ต ไหนาก |"), because their glyphs are as tall as a whole line and
often cross a ruled line. Here they are found as what they are: pieces of ink in the page's
head whose letters are far taller than a line of print. Only those pieces are cut out, onto a
clean white row, scaled down to the size of print and read as one line (``--psm 7``); the
reading is kept only when it is plainly one of the known marks, so a heading or the Garuda
never becomes a mark.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

HEAD = 0.3
"""The part of the first page (from the top) where a mark is stamped."""
TALL = 1.6
"""A mark's letter is at least this many times as tall as a letter of the page's print (the
print's tallest letters, ป or ฟ, are about 1.3)."""
MARKS = ("ด่วนที่สุด", "ด่วนมาก", "ด่วน", "ลับที่สุด", "ลับมาก", "ลับ", "ปกปิด")
"""What a large stamp at the head of a letter may say (the regulation's urgency and secrecy)."""
SIMILAR = 0.7
"""How close a reading must be to a mark (``difflib`` ratio) to be taken as that mark."""


def tall_rows(gray: np.ndarray, line_height: float) -> list[tuple[int, int, int, int]]:
    """Boxes (left, top, right, bottom) of rows of tall letters in the page's head.

    A piece of ink is a tall letter when it is ``TALL`` times the height of the print's
    letters (the median piece of a line's height or less) and not much wider than high (a
    ruled line, the Garuda's wings or a smudge are not). Tall letters standing side by side on
    one row make one box.
    """
    from scipy import ndimage

    ink = _ink(gray[: int(gray.shape[0] * HEAD)], line_height)
    labels, _count = ndimage.label(ink)
    objects = ndimage.find_objects(labels)
    print_heights = [f[0].stop - f[0].start for f in objects if f is not None
                     and 0.2 * line_height <= f[0].stop - f[0].start <= line_height]  # fmt: skip
    if len(print_heights) < 10:
        return []  # no print to measure a letter by
    letter = float(np.median(print_heights))
    letters = []
    for index, found in enumerate(objects, start=1):
        if found is None:
            continue
        top, bottom = found[0].start, found[0].stop
        left, right = found[1].start, found[1].stop
        height, width = bottom - top, right - left
        if not TALL * letter <= height <= 6 * letter or width > 3 * height:  # the Garuda is ~12
            continue
        if width > height / 2 and (labels[found] == index).mean() > 0.6:  # a blot, not a letter's stroke
            continue
        letters.append((left, top, right, bottom))
    rows: list[list[int]] = []
    for left, top, right, bottom in sorted(letters):
        for row in rows:
            overlap = min(bottom, row[3]) - max(top, row[1])
            near = left - row[2] <= 2 * (bottom - top)  # a letter between may be short
            if overlap > 0.5 * min(bottom - top, row[3] - row[1]) and near:
                row[:] = [min(row[0], left), min(row[1], top), max(row[2], right), max(row[3], bottom)]
                break
        else:
            rows.append([left, top, right, bottom])
    # One tall piece alone is a capital, a logo or a smudge; a mark has two letters at least.
    return [(r[0], r[1], r[2], r[3]) for r in rows if r[2] - r[0] >= 1.5 * (r[3] - r[1])]


def _ink(gray: np.ndarray, line_height: float) -> np.ndarray:
    """The ink of a part of the page without ruled lines (a rule under the head, often
    crossing the stamp, would join its letters into one long piece)."""
    from scipy import ndimage

    from saraban.digits.glyphs import binarise

    ink = binarise(gray)
    rules = ndimage.binary_opening(ink, structure=np.ones((1, max(3, int(4 * line_height))), dtype=bool))
    return ink & ~rules


def row_image(gray: np.ndarray, box: tuple[int, int, int, int], line_height: float) -> np.ndarray:
    """The row's letters alone on white, with the marks above them (tone marks, ที่'s ี),
    and none of the print, rules or speckle around them."""
    from scipy import ndimage

    left, top, right, bottom = box
    height = bottom - top
    reach = max(0, top - int(0.7 * height))
    ink = _ink(gray[reach : min(gray.shape[0], bottom + height // 10), max(0, left - height) : right + height],
               line_height)  # fmt: skip
    top, bottom = top - reach, bottom - reach
    labels, _count = ndimage.label(ink)
    keep = np.zeros_like(ink)
    for index, found in enumerate(ndimage.find_objects(labels), start=1):
        if found is None:
            continue
        piece_top, piece_bottom = found[0].start, found[0].stop
        piece_height, piece_width = piece_bottom - piece_top, found[1].stop - found[1].start
        if max(piece_height, piece_width) < 0.08 * height:
            continue  # speckle
        inside = min(piece_bottom, bottom) - max(piece_top, top) >= 0.5 * piece_height
        above = piece_bottom <= top + 0.15 * height and piece_height < 0.6 * height
        if inside or above:
            keep[found] |= labels[found] == index
    rows = np.flatnonzero(keep.any(axis=1))
    if rows.size == 0:
        return np.full((8, 8), 255, dtype=np.uint8)
    picture = np.where(keep[rows[0] : rows[-1] + 1], 0, 255).astype(np.uint8)
    return np.pad(picture, 12, constant_values=255)


def match(text: str) -> str | None:
    """The mark a reading is, or ``None`` when it is not plainly one of them."""
    letters = re.sub(r"[^ก-๛]", "", text)
    if len(letters) < 2:
        return None
    scored = sorted(((difflib.SequenceMatcher(None, letters, mark).ratio(), mark) for mark in MARKS), reverse=True)
    (best, mark), (second, _other) = scored[0], scored[1]
    return mark if best >= SIMILAR and best - second >= 0.08 else None


Box = tuple[int, int, int, int]


def find(image: Path, gray: np.ndarray, line_height: float, read_line: Callable[[Path], str]) -> list[tuple[str, Box]]:
    """The marks stamped in the page's head, each with its box, top first.

    Args:
        image: The page image (rows read again are written beside it, then removed).
        gray: The page in 8-bit grey.
        line_height: The median height of the page's lines of print, in pixels.
        read_line: Reads one row image with Tesseract (``--psm 7``) → its text.
    """
    from PIL import Image

    found = []
    for box in tall_rows(gray, line_height)[:3]:
        picture = row_image(gray, box, line_height)
        scale = min(1.0, 1.6 * line_height / max(1, picture.shape[0]))
        row = Image.fromarray(picture)
        if scale < 1.0:
            row = row.resize((max(1, int(row.width * scale)), max(1, int(row.height * scale))), Image.LANCZOS)
        path = image.with_name(f"{image.stem}-mark{box[1]}.png")
        row.save(path)
        try:
            text = read_line(path)
        finally:
            path.unlink(missing_ok=True)
        mark = match(text)
        if mark is not None:
            found.append((mark, box))
    return sorted(found, key=lambda item: item[1][1])

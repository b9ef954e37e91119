"""Only what a person can see: text-layer words that draw no ink are taken out of the text.

A PDF's text layer can hold what its page does not show: white text, text in render mode 3
(invisible, as a scanner's OCR layer is), a running number typed and then covered by a white
box, a day left in the layer of a template. A reader that trusts the layer would register a
number that nobody can see on the paper. So each text page is also rasterised (small: 100 dpi
is plenty to see whether a word drew ink) and every word of the layer, with its box from
``pdftotext -bbox``, is looked for on it:

- a word whose box holds no ink is removed from the page's text (blanked, so the columns of
  ``pdftotext -layout`` stay where they were);
- in a word that holds ink, each digit is looked for in its share of the box; from the first
  digit that drew nothing, the rest of the word is removed (``๐๐๒๓.๕/`` stays, a white ``๑๒๓``
  after it goes), so a number is never completed by what is not on the page.

Scanned pages are read by OCR from their pixels and need none of this.
"""

from __future__ import annotations

import html
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from saraban.intake.tools import require, run

DPI = 100
INK = 160
"""A pixel darker than this (0–255 grey) is ink."""
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', re.DOTALL
)
_MARKS = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


@dataclass(frozen=True)
class Word:
    """A word of the text layer, its box in points and the part of it that drew ink."""

    text: str
    box: tuple[float, float, float, float]
    visible: str
    """The word as the page shows it: all of it, a prefix, or nothing."""


def layer_words(path: Path, page: int) -> list[Word]:
    """The words of one page's text layer, each with what of it the rendered page shows."""
    boxes = run([require("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                timeout=60, what=f"{path} หน้า {page}")  # fmt: skip
    found = [(tuple(float(v) for v in m.groups()[:4]), html.unescape(m[5])) for m in _WORD.finditer(
        boxes.stdout.decode("utf-8", errors="replace"))]  # fmt: skip
    if not found:
        return []
    picture = _render(path, page)
    scale = DPI / 72.0
    words = []
    for (x0, y0, x1, y1), text in found:
        box = (int(x0 * scale), int(y0 * scale), int(np.ceil(x1 * scale)), int(np.ceil(y1 * scale)))
        words.append(Word(text, (x0, y0, x1, y1), _visible_part(picture, box, text)))
    return words


def _render(path: Path, page: int) -> np.ndarray:
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="saraban-visible-") as tmp:
        prefix = Path(tmp) / "page"
        run([require("pdftoppm"), "-f", str(page), "-l", str(page), "-r", str(DPI), "-gray", "-png", "-singlefile",
             str(path), str(prefix)], timeout=60, what=f"{path} หน้า {page}")  # fmt: skip
        with Image.open(prefix.with_suffix(".png")) as image:
            return np.asarray(image.convert("L"))


def _visible_part(picture: np.ndarray, box: tuple[int, int, int, int], text: str) -> str:
    """The part of ``text`` that drew ink in ``box`` (pixels) of the rendered page."""
    x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(picture.shape[1], box[2]), min(picture.shape[0], box[3])
    if x1 <= x0 or y1 <= y0:
        return ""  # off the page, or clipped away
    region = picture[y0:y1, x0:x1] < INK
    if region.sum() < 2:
        return ""
    # Characters that advance (tone marks and vowels above or below do not), each given an
    # equal share of the box: close enough to find a digit that drew nothing.
    advancing = [i for i, ch in enumerate(text) if not _MARKS.match(ch)]
    if not any(text[i].isdigit() for i in advancing) or len(advancing) < 2:
        return text
    columns = region.any(axis=0)
    share = columns.size / len(advancing)
    for n, i in enumerate(advancing):
        if not text[i].isdigit():
            continue
        left = int(n * share)
        if not columns[left : max(left + 1, int((n + 1) * share))].any():
            return text[:i].rstrip()
    return text


def hide_invisible(layout: str, words: list[Word]) -> tuple[str, int]:
    """The page's ``pdftotext -layout`` text with what the page does not show blanked out,
    and how many words were changed. Words are found in reading order from where the last
    one was found, so a word that also appears visibly elsewhere keeps that appearance."""
    changed = 0
    cursor = 0
    for word in words:
        at = layout.find(word.text, cursor)
        if at < 0 and word.visible != word.text:
            at = layout.find(word.text)  # out of reading order: its first appearance
        if at < 0:
            continue
        if word.visible != word.text:
            kept = word.visible
            layout = layout[:at] + kept + " " * (len(word.text) - len(kept)) + layout[at + len(word.text) :]
            changed += 1
        cursor = max(cursor, at + len(word.text))
    return layout, changed

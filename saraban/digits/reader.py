"""Reading the digits of a page's number, date, stamp and citation lines from its image.

For each line that may carry them (:func:`wanted`), the line's ink is cut into glyphs and
every glyph is read by the classifier. Runs of glyphs read as digits and the marks of
numbers (``0808.4/``, ``๒๕๖๘``, ``13.30``) are found in the ink itself — so digits written by
hand or stamped, which Tesseract turns into junk or loses, are found too — and each run is
written back over the Tesseract words it covers, keeping the letters of those words that lie
outside it (the ``ว`` after a slash). Every digit keeps its probability and whether its ink
was added after printing. Nothing here decides what is believed: the checks do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from saraban.digits import glyphs, ink
from saraban.digits.model import ARABIC, MARKS, OTHER, THAI, Classifier, Reading, classifier
from saraban.thai.dates import MONTHS_ABBR, MONTHS_FULL

_MONTHS = "|".join(
    [re.sub(r"(คม|ยน|พันธ์)$", "", month) for month in MONTHS_FULL]  # the stem: OCR damages the ending
    + [re.escape(abbr.rstrip(".")) for abbr in MONTHS_ABBR]
)
_WANTED = re.compile(
    r"^\s*\S{0,3}\s*ที่?\s|วันที่|" + _MONTHS + r"|พ\.ศ|เลขรับ|เลขที่รับ|รับที่|ทะเบียนรับ|เวลา|อ้างถึง|"
    r"สิ่งที่ส่งมาด้วย|[0-9๐-๙]+\s*/\s*\S*\s*[0-9๐-๙]"
    # ที่ read as ที or ท and run into its code: "ทีมท07100 2588"
    r"|^\s*\S{0,3}\s*ท[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]{0,2}\s*[ก-ฮ]{2,3}\.?\s*[0-9๐-๙]"
)
_LETTER = r"[ก-ฮ][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*"
SURE = 0.5
"""A glyph whose best digit is below this probability is not taken for a digit."""
GAP = 0.6
"""Glyphs further apart than this many line heights belong to different numbers."""


@dataclass
class DigitRead:
    """One number the reader read from the page, and the words of Tesseract's it replaces."""

    ocr: str
    """What Tesseract read there."""
    text: str
    """What the reader writes in its place."""
    probabilities: list[float] = field(default_factory=list)
    """The probability of each digit the reader wrote, in order."""
    hand: list[bool] = field(default_factory=list)
    """For each digit, whether its ink was added after printing (handwriting, a numbering or
    rubber stamp)."""
    agree: list[bool | None] = field(default_factory=list)
    """For each digit, whether Tesseract read the same digit there (``None``: Tesseract read no
    digit to compare, or one it is known to misread this digit as)."""
    words: tuple[int, int] = (0, 0)
    """The first and last of the line's words it replaces (indexes; not kept)."""

    @property
    def confidence(self) -> float:
        """The least sure of its digits (0 when it has none)."""
        return min(self.probabilities) if self.probabilities else 0.0

    @property
    def added(self) -> bool:
        """Whether any digit was written or stamped after printing."""
        return any(self.hand)


class Word(Protocol):
    """A word Tesseract found: its text and its box on the page (left, top, right, bottom)."""

    text: str
    box: tuple[int, int, int, int]


def wanted(text: str) -> bool:
    """Whether a line may carry a letter number, a date, a stamp's figures or a citation."""
    return bool(_WANTED.search(text))


@dataclass
class _Run:
    """Glyphs read as one number, left to right."""

    items: list[tuple[glyphs.Glyph, Reading, str]] = field(default_factory=list)
    circular: glyphs.Glyph | None = None
    """The letter that stands right after the run's closing slash: in a Thai letter number the
    only letter written there is ว, the mark of a circular (หนังสือเวียน)."""

    @property
    def left(self) -> int:
        return self.items[0][0].box[0]

    @property
    def right(self) -> int:
        return (self.circular or self.items[-1][0]).box[2]


def read_line(page: np.ndarray, words: Sequence[Word], line_box: tuple[int, int, int, int],
              model: Classifier | None = None) -> list[DigitRead]:  # fmt: skip
    """Read the numbers of one line of ``page`` (an RGB or greyscale array)."""
    if not words:
        return []
    model = model or classifier()
    height = max(1, line_box[3] - line_box[1])
    left = max(0, min([line_box[0]] + [w.box[0] for w in words]) - 2)
    right = min(page.shape[1], max([line_box[2]] + [w.box[2] for w in words]) + 2)
    top = max(0, line_box[1] - height // 4)
    bottom = min(page.shape[0], line_box[3] + height // 4)
    region = page[top:bottom, left:right]
    crop = region if region.ndim == 2 else region.mean(axis=2)  # grey of the line only, not the page
    if crop.size == 0:
        return []
    found = glyphs.glyphs(glyphs.binarise(crop), band=(line_box[1] - top, line_box[3] - top), near=0.3 * height)
    reference = glyphs.reference_height(found)
    found = glyphs.attach_specks(found, reference)
    levels = glyphs.ink_levels(crop)
    found = [glyphs.shaded(g, crop, levels=levels) for g in found
             if max(g.height, g.width) >= 0.08 * reference and not _is_rule(g, reference)]  # fmt: skip
    if not found:
        return []
    colour = page[top:bottom, left:right] if page.ndim == 3 else None
    probs = model.probabilities(np.stack([glyphs.features(g, reference) for g in found]))
    script = _script(model.readings(probs))
    reads = _classify(found, reference, model, script, model.readings(probs, script))
    out = []
    runs = _runs(reads, reference)
    ranges = [(left + run.left, left + run.right) for run in runs]
    inked = [(left + g.box[0], left + g.box[2]) for g in found if g.height >= 0.3 * reference]
    for run in runs:
        read = _write(run, words, left, thai=script == "thai", colour=colour, reference=reference, others=ranges,
                      inked=inked)  # fmt: skip
        if read is not None:
            out.append(read)
    return out


def _script(reads: list[Reading]) -> str | None:
    """The script the line's digits are printed in, by the classifier's votes (``None``: no digits)."""
    thai = sum(r.probability for r in reads if r.label in THAI)
    arabic = sum(r.probability for r in reads if r.label in ARABIC)
    if thai == arabic == 0:
        return None
    return "thai" if thai > arabic else "arabic"


def _kind(reading: Reading) -> str:
    if reading.digit is not None and reading.digit_probability >= SURE and reading.label != OTHER:
        return "digit"
    if reading.label in MARKS and reading.probability >= SURE:
        return "mark"
    return "other"


def _runs(reads: list[tuple[glyphs.Glyph, Reading]], reference: float) -> list[_Run]:
    """Runs of digits and marks with at least one digit, split at letters and at wide gaps."""
    runs: list[_Run] = []
    current = _Run()
    for glyph, reading in reads:
        kind = _kind(reading)
        gap = glyph.box[0] - current.right if current.items else 0
        if kind == "other" or gap > GAP * reference:
            if current.items:
                if kind == "other" and gap <= GAP * reference and current.items[-1][1].label == "/":
                    current.circular = glyph
                runs.append(current)
            current = _Run()
        if kind != "other":
            current.items.append((glyph, reading, kind))
    if current.items:
        runs.append(current)
    out = []
    for run in runs:
        while run.items and run.items[0][2] == "mark" and run.items[0][1].label != "/":
            run.items.pop(0)  # a full stop or a dash before a number is the sentence's
        while run.items and run.items[-1][2] == "mark" and run.items[-1][1].label not in "/.":
            run.items.pop()
            run.circular = None
        if any(kind == "digit" for _g, _r, kind in run.items):
            out.append(run)
    return out


def _write(run: _Run, words: Sequence[Word], left: int, *, thai: bool, colour: np.ndarray | None,
           reference: float, others: Sequence[tuple[int, int]] = (),
           inked: Sequence[tuple[int, int]] | None = None) -> DigitRead | None:  # fmt: skip
    """The run written over the words it covers, with those words' letters outside it kept."""
    if run.circular is not None:
        after = re.search(r"/\s*([ก-ฮ])", " ".join(w.text for w in words))
        if after and after[1] != "ว":
            run.circular = None  # Tesseract saw another letter there: the reader does not guess
    x0, x1 = left + run.left, left + run.right
    # A word is covered by most of it, or by the run it starts with: a number run into a
    # form's dotted rule and the next label is one long word of Tesseract's ("5341.......วันที่").
    covered = [i for i, w in enumerate(words)
               if min(x1, w.box[2]) - max(x0, w.box[0]) > 0.3 * max(1, w.box[2] - w.box[0])
               or (abs(x0 - w.box[0]) <= 0.3 * reference and x1 <= w.box[2])]  # fmt: skip
    while covered and re.fullmatch(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+", words[covered[0]].text):
        covered.pop(0)  # a tone mark or vowel over the letter before the number
    if not covered or not any(_open(words, i) for i in covered):
        return None
    first, last = covered[0], covered[-1]
    text, probs, hand = [], [], []
    for glyph, reading, kind in run.items:
        if kind == "digit":
            assert reading.digit is not None
            text.append(THAI[int(reading.digit)] if thai else reading.digit)
            probs.append(reading.digit_probability)
            mask = colour[glyph.box[1] : glyph.box[3], glyph.box[0] : glyph.box[2]] if colour is not None else None
            hand.append(ink.added_after_printing(mask, glyph.mask, glyph.height, reference))
        else:
            text.append(reading.label)
    if run.circular is not None:
        text.append("ว")
    lead = _letters_outside(words[first], x0, before=True)
    trail = _letters_outside(words[last], x1, before=False)
    # Brackets and stops Tesseract read around the number stay ("(ฉบับที่ 2)", "พ.ศ.2550").
    opening = re.match(r"^[(\[.]+", words[first].text)
    if opening and not lead and not "".join(text).startswith(opening[0]):
        lead = opening[0]
    closing = re.search(r"[)\],]+$", words[last].text)
    if closing and not trail:
        trail = closing[0]
    ocr = " ".join(words[i].text for i in range(first, last + 1))
    mine = [str(reading.digit) for _g, reading, kind in run.items if kind == "digit"]
    # Tesseract often reads the ว after the slash as a digit (0023.11/2): not a digit of ours.
    theirs = re.sub(r"/\s*[0-9๐-๙]$", "/", ocr.rstrip()) if run.circular is not None else ocr
    # Tesseract saw digits in these words where the reader read none (unless every digit it
    # read is one of the run's): a digit the reader lost, or a letter Tesseract took for
    # digits. Its text stays as Tesseract read it.
    if _arabic_digits(ocr) != mine and (
        _digits_outside(words[first], x0, before=True, others=others, inked=inked)
        or _digits_outside(words[last], x1, before=False, others=others, inked=inked)
    ):
        return None
    stretch = words[last].box[2] - x1
    if inked is not None and stretch >= reference and not any(x1 < (a + b) / 2 < words[last].box[2] for a, b in inked):
        # Tesseract's word runs on, a character or more past the run, over blank paper or a
        # dotted rule where it read dots as digits ("2568.2202220"): only its digits over the
        # run are compared, and only as many extra as that stretch could hold. A word that
        # ends with the run is compared whole (a digit the reader lost inside it disagrees).
        theirs_digits = _arabic_digits(theirs)
        extra = len(theirs_digits) - len(mine)
        if 0 < extra <= stretch / (0.25 * reference) and theirs_digits[: len(mine)] == mine:
            theirs = "".join(mine)
    agree = _agreement(mine, theirs, thai, "".join(text))
    return DigitRead(ocr, lead + "".join(text) + trail, probs, hand, agree=agree, words=(first, last))


def _arabic_digits(text: str) -> list[str]:
    """The digits of ``text`` in Arabic, in order, whatever their script."""
    from saraban.thai.digits import to_arabic  # PyThaiNLP: loaded when a line is read, not at import

    return re.findall(r"[0-9]", to_arabic(text))


def _digits_outside(word: Word, edge: int, *, before: bool, others: Sequence[tuple[int, int]] = (),
                    inked: Sequence[tuple[int, int]] | None = None) -> bool:  # fmt: skip
    """Whether Tesseract read a digit in the part of a word beyond ``edge`` that no other run
    of the reader's covers (the part's share of the word's width taken as its share of the
    characters).

    Where ``inked`` (the spans of the line's characters) puts no character in that part,
    Tesseract's box only reached over paper or a form's dotted rule: no digit stands there.
    """
    width = max(1, word.box[2] - word.box[0])
    outside = (edge - word.box[0]) if before else (word.box[2] - edge)
    if outside <= 0.15 * width:
        return False
    part_left, part_right = (word.box[0], edge) if before else (edge, word.box[2])
    if inked is not None and not any(part_left < (a + b) / 2 < part_right for a, b in inked):
        return False
    covered = sum(max(0, min(b, part_right) - max(a, part_left)) for a, b in others)
    if covered >= 0.5 * (part_right - part_left):
        return False
    count = max(1, round(len(word.text) * min(1.0, outside / width)))
    part = word.text[:count] if before else word.text[len(word.text) - count :]
    return bool(re.search(r"[0-9๐-๙]", part))


def _agreement(mine: list[str], ocr: str, thai: bool, written: str = "") -> list[bool | None]:
    """Digit by digit, whether Tesseract's reading of the same words says the same.

    Tesseract reads Arabic digits well: where it read another digit, or another number of
    digits, the glyphs were cut or read wrong (``False``) — save for two slips of its own that
    explain a count that differs: a slash of the number (``written``, the run as the reader
    wrote it) read as a digit ("0710/" as ``07100``), and one digit read as a letter ("0808.4/"
    as ``0808. ย``), which then has no evidence either way (``None``). A mark the reader saw
    between digits that Tesseract read as one plain run ("648-6" against ``6486``) is a stroke
    of handwriting read as a mark, and the number would be cut there (``False``). Its Thai digits are wrong
    too often to count against the reader (๘→๕, ๗→๓, ๖→๒ or ๐, ๔→๕, a digit doubled): there
    only its agreement counts (``True``), anything else is no evidence (``None``).
    """
    from saraban.thai.digits import to_arabic

    theirs = _arabic_digits(ocr)
    if not theirs or (thai and len(theirs) != len(mine)):
        return [None] * len(mine)  # handwriting or a stamp read as junk; or Thai digits lost or doubled
    inner = re.search(r"[0-9๐-๙][-.:,][0-9๐-๙]", written)
    if inner and len(theirs) == len(mine) and not re.search(r"[-.:,]", ocr):
        return [False] * len(mine)  # a mark between digits Tesseract read as one run: a stroke read wrong
    if len(theirs) == len(mine):
        return [True if ours == other else (None if thai else False) for ours, other in zip(mine, theirs, strict=True)]
    slashed = [c for c in written if c.isdigit() or c == "/"]
    if "/" in slashed and len(theirs) == len(slashed):
        kept = [other for c, other in zip(slashed, theirs, strict=True) if c != "/"]
        return [ours == other for ours, other in zip(mine, kept, strict=True)]
    if len(theirs) == len(mine) - 1 and re.search(r"[^\s0-9./,:°-]", to_arabic(ocr)):
        lost = {i for i in range(len(mine)) if mine[:i] + mine[i + 1 :] == theirs}
        if lost:
            return [None if i in lost else True for i in range(len(mine))]
    return [False] * len(mine)  # an Arabic digit lost or gained: the glyphs were not cut as printed


_THAI_WORD = re.compile(r"^[ก-๏]+$")
_MONTH_WORD = re.compile(_MONTHS)


def _open(words: Sequence[Word], index: int) -> bool:
    """Whether a word may hold digits Tesseract did not read: it has digits, a slash or no Thai
    letters (junk), or it stands where a date's day does, just before the month.

    Where Tesseract read plain Thai letters, ink the classifier takes for digits is a letter.
    """
    text = words[index].text
    if re.search(r"[0-9๐-๙/]", text) or not re.search(r"[\u0e00-\u0e7f]", text):
        return True
    if _THAI_WORD.match(text) and len(text) <= 3:
        following = "".join(w.text for w in words[index + 1 : index + 8])
        return bool(_MONTH_WORD.match(following))
    return False


def _letters_outside(word: Word, edge: int, *, before: bool) -> str:
    """The Thai letters of a word that stand before (or after) ``edge`` on the page.

    The share of the word's width outside the run says how many of its letters to keep.
    """
    letters = re.findall(_LETTER + "|.", word.text)
    width = max(1, word.box[2] - word.box[0])
    outside = (edge - word.box[0]) if before else (word.box[2] - edge)
    if outside <= 0.15 * width or not letters:
        return ""
    count = round(len(letters) * min(1.0, outside / width))
    part = letters[:count] if before else letters[len(letters) - count :]
    kept = "".join(p for p in part if re.fullmatch(_LETTER, p))
    return kept


def _is_rule(glyph: glyphs.Glyph, reference: float) -> bool:
    """A dotted or ruled line under a form's field, not a character."""
    return glyph.height <= 0.2 * reference and glyph.width >= 1.5 * reference


def _sureness(reading: Reading) -> float:
    """How surely a glyph is a digit or a mark of a number (0 for anything else)."""
    if reading.digit is not None and reading.label != OTHER:
        return reading.digit_probability
    return reading.probability if reading.label in MARKS else 0.0


def _classify(found: list[glyphs.Glyph], reference: float, model: Classifier, script: str | None,
              reads: list[Reading]) -> list[tuple[glyphs.Glyph, Reading]]:  # fmt: skip
    """Each glyph with its reading; a glyph wider than a character is tried cut in two (touching
    digits, a digit touching its slash), and the cut is kept when both halves read surely."""
    baseline = glyphs.base_row(found, reference)
    out: list[tuple[glyphs.Glyph, Reading]] = []
    for glyph, reading in zip(found, reads, strict=True):
        if max(glyph.height, glyph.width) <= 0.3 * reference:
            # Far smaller than a digit: a full stop on the baseline, or a speck.
            stop = glyphs.is_full_stop(glyph, reference, baseline)
            out.append((glyph, Reading("." if stop else OTHER, 0.99, None, 0.0)))
            continue
        best = _sureness(reading)
        # Thai ๐ ๑ ๓ are a third wider than tall; two digits touching are twice as wide.
        if best < 0.9 and glyph.width >= 1.7 * glyph.height and glyph.width >= 0.9 * reference:
            tried = []
            for column in glyphs.split_columns(glyph):
                parts = glyphs.split_at(glyph, column)
                if min(p.width for p in parts) < 2:
                    continue
                pair = model.read(np.stack([glyphs.features(p, reference) for p in parts]), script)
                if any(r.digit is not None and r.label != OTHER for r in pair):
                    tried.append((min(_sureness(r) for r in pair), parts, pair))
            if tried:
                score, parts, pair = max(tried, key=lambda t: t[0])
                if score >= 0.9 and score > best:
                    out.extend(zip(parts, pair, strict=True))
                    continue
        out.append((glyph, reading))
    return out

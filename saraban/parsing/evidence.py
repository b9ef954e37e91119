"""How far the digits of a value can be believed, from the evidence of the page.

The rules, for any letter:

- Digits in text OCR'd elsewhere (no page image) are never believed: Tesseract misreads Thai
  digits the same way every time, and nothing here can read them again. Arabic ones are
  offered as a suggestion.
- Digits saraban read itself are believed only where the digit reader read every one of
  them from the page image with at least :data:`VALUE` probability, in printed ink.
- Digits written by hand or stamped after printing are believed only where two readers that
  err differently read each of them the same: the digit reader at least :data:`VALUE_ALONE`
  sure, and Tesseract the same digit. Such a value keeps a lower confidence
  (:data:`HAND_FACTOR`) and says so, for the clerk to glance at.
- Anything read with less certainty is at most a **suggestion** (at least :data:`SUGGEST`):
  shown to the clerk, pre-filled and marked, never stored as a value without the clerk's
  confirmation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from saraban.digits.reader import DigitRead
from saraban.thai.digits import has_thai_digits, to_arabic

VALUE = 0.9
"""Every digit at least this sure, in print, and read the same by Tesseract: a value."""
VALUE_ALONE = 0.98
"""A digit Tesseract did not read, or read as one of its known misreadings of it, must be
this sure on the reader's word alone."""
AGREED = 0.8
"""An Arabic digit Tesseract read the same is believed from this probability: Tesseract reads
Arabic print well and errs otherwise than the digit reader does. Thai digits get no such
discount: Tesseract misreads them the same way every time (๘ as ๕), and the reader's doubt
there is often that very confusion."""
SUGGEST = 0.45
"""Every digit at least this sure: the reading is offered to the clerk as a suggestion."""
ELSEWHERE = 0.5
"""Arabic digits in text OCR'd elsewhere: Tesseract reads them far better than Thai ones, so
they are offered to the clerk (pre-filled, marked), never believed; Thai ones are not offered."""
ELSEWHERE_REASON = "ตัวเลขจาก OCR ที่ไม่ได้อ่านซ้ำจากภาพ"
HAND_FACTOR = 0.85
"""Handwritten or stamped digits are offered with their confidence lowered by this factor."""


@dataclass(frozen=True)
class Evidence:
    """What the page says of a value's digits."""

    reason: str | None
    """Why the value is not believed (``None``: it is)."""
    confidence: float
    """How sure the reading is (for a suggestion; 1.0 when the value has no digits)."""
    added: bool = False
    """Whether some of its digits were written or stamped after printing (a believed value
    then rests on two readers' agreement, not on print)."""

    @property
    def believed(self) -> bool:
        return self.reason is None

    @property
    def suggestion(self) -> bool:
        return self.reason is not None and self.confidence >= SUGGEST


def _digits(text: str) -> str:
    return "".join(re.findall(r"[0-9]", to_arabic(text)))


def _broken_by_a_mark(read: DigitRead) -> bool:
    """Whether a mark stands between handwritten digits ("648-6", "46.90"): a running number
    or a day is written as plain digits, so such a mark is a stroke read wrong, and the
    number around it is cut in the wrong place."""
    index, seen_hand, mark = 0, False, False
    for char in to_arabic(read.text):
        if char.isdigit():
            hand = index < len(read.hand) and read.hand[index]
            if seen_hand and mark and hand:
                return True
            seen_hand, mark, index = seen_hand or hand, False, index + 1
        elif char in ".-:,":
            mark = seen_hand
    return False


def weigh(span: str, lines: list[int], digits: list[list[DigitRead] | None] | None) -> Evidence:
    """The evidence for the digits of ``span``, read from ``lines`` of the text."""
    wanted = _digits(span)
    if not wanted:
        return Evidence(None, 1.0)
    if digits is None:
        if has_thai_digits(span):
            return Evidence("ตัวเลขไทยจาก OCR ไม่น่าเชื่อถือ", 0.0)
        return Evidence(ELSEWHERE_REASON, ELSEWHERE)
    reads = [read for i in lines if i < len(digits) for read in (digits[i] or [])]
    cursor, probabilities, added, unconfirmed, doubts, unsure = 0, [], False, False, 0, 0
    for read in reads:
        own = _digits(read.text)
        if not own or cursor >= len(wanted):
            continue
        at = wanted.find(own, cursor)
        if at >= 0:
            take = slice(0, len(own))
            cursor = at + len(own)
        elif own.startswith(wanted[cursor:]):
            # The value ends inside a number read as one run: the printed prefix of
            # "ศธ 04025/3458", whose running number was written by hand right after it.
            take = slice(0, len(wanted) - cursor)
            cursor = len(wanted)
            unconfirmed |= any(read.hand[take])  # a handwritten number cut short is not a number
        else:
            continue
        unconfirmed |= _broken_by_a_mark(read)
        probabilities += read.probabilities[take]
        added |= any(read.hand[take])
        agree = read.agree[take] if read.agree else [None] * len(read.probabilities[take])
        sure = read.probabilities[take]
        unconfirmed |= any(h and not (a is True and p >= VALUE_ALONE)
                           for h, a, p in zip(read.hand[take], agree, sure, strict=False))  # fmt: skip
        doubts += sum(1 for a, p in zip(agree, read.probabilities[take], strict=False)
                      if a is False or (a is None and p < VALUE_ALONE))  # fmt: skip
        arabic = not has_thai_digits(read.text)
        unsure += sum(1 for a, p in zip(agree, sure, strict=False)
                      if p < VALUE and not (arabic and a is True and p >= AGREED))  # fmt: skip
    if len(probabilities) < len(wanted):
        return Evidence("ตัวเลขบางตัวอ่านจากภาพไม่ได้", 0.0)
    least = min(probabilities)
    if unconfirmed:
        return Evidence("ตัวเลขเขียนด้วยมือหรือประทับภายหลัง", round(least * HAND_FACTOR, 2), added=True)
    if unsure:
        return Evidence(f"อ่านตัวเลขจากภาพได้ไม่แน่ชัด ({least:.0%})", round(least, 2), added=added)
    if doubts:
        return Evidence(f"ตัวเลข {doubts} ตัวอ่านจากภาพไม่ตรงกับ OCR", round(min(least, VALUE - 0.05), 2), added=added)
    return Evidence(None, round(least * (HAND_FACTOR if added else 1.0), 2), added=added)

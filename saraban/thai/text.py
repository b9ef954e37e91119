"""Normalisation of OCR'd Thai text."""

from __future__ import annotations

import re

from saraban.thai.digits import to_arabic

# NIKHAHIT + SARA AA is how many OCR engines and old fonts spell SARA AM.
_SARA_AM = ("\u0e4d\u0e32", "\u0e33")


def fold_sara_am(text: str) -> str:
    """Write ``ํา`` (nikhahit + sara aa) as the single character ``ำ``."""
    return text.replace(*_SARA_AM)


def sara_am_written_apart(text: str) -> bool:
    """Whether a text writes ำ as NIKHAHIT + SARA AA (``ํา``) more often than whole, as
    Tesseract and scanners' OCR do and typed Thai almost never does."""
    return text.count(_SARA_AM[0]) > text.count(_SARA_AM[1])


def search_key(text: str) -> str:
    """A key for matching typed searches: Arabic digits, no spaces or dots, folded SARA AM.

    ``"ว5551"``, ``"ว. ๕๕๕๑"`` and ``"ว 5551"`` share the key ``"ว5551"``.
    """
    return re.sub(r"[\s.\u200b\u2060]+", "", fold_sara_am(to_arabic(text))).lower()  # and a printout's break marks


# Above and below vowels, tone marks and other signs that sit on a consonant. OCR drops,
# doubles and swaps these far more often than it misreads a consonant.
_MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
_SKELETON = str.maketrans("", "", _MARKS)


def skeleton(text: str) -> str:
    """Text without its vowel and tone marks: ``"เรื่อง"`` and the OCR'd ``"เรอง"`` share ``"เรอง"``."""
    return text.translate(_SKELETON)

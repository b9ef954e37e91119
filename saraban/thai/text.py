"""Normalisation of OCR'd Thai text."""

from __future__ import annotations

import re

from saraban.thai.digits import to_arabic

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
# NIKHAHIT + SARA AA is how many OCR engines and old fonts spell SARA AM.
_SARA_AM = ("\u0e4d\u0e32", "\u0e33")


def fold_sara_am(text: str) -> str:
    """Write ``ํา`` (nikhahit + sara aa) as the single character ``ำ``."""
    return text.replace(*_SARA_AM)


def squash_spaces(text: str) -> str:
    """Collapse runs of spaces and tabs into one space and strip the ends."""
    return _SPACES.sub(" ", text).strip()


def search_key(text: str) -> str:
    """A key for matching typed searches: Arabic digits, no spaces or dots, folded SARA AM.

    ``"ว5551"``, ``"ว. ๕๕๕๑"`` and ``"ว 5551"`` share the key ``"ว5551"``.
    """
    return re.sub(r"[\s.]+", "", fold_sara_am(to_arabic(text))).lower()

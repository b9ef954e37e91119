"""How much a text looks like real Thai: for junk text layers and for OCR confidence.

A scanner's hidden OCR layer, a PDF whose font has no usable character map, or Tesseract on a
bad page all give text that *is* text but not Thai prose. Two measures tell them apart:
the share of Thai among the letters, and the share of Thai characters that PyThaiNLP's
dictionary segmentation covers with known words (real letters reach 0.8–0.95).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_THAI = re.compile(r"[\u0e01-\u0e4e]")
_LETTER = re.compile(r"[\u0e01-\u0e4ea-zA-Z]")
_THAI_RUN = re.compile(r"[\u0e01-\u0e4e]+")


@functools.cache
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


@dataclass(frozen=True)
class TextQuality:
    """Measures of a text: ``thai_share`` of letters, ``word_cover`` of Thai characters."""

    letters: int
    thai_share: float
    word_cover: float

    @property
    def score(self) -> float:
        """One figure 0–1 (the product of both measures)."""
        return self.thai_share * self.word_cover

    def is_junk(self) -> bool:
        """Whether a text layer is too poor to use (then the page is OCR'd instead)."""
        if self.letters < 20:
            return True
        return self.thai_share < 0.3 or self.word_cover < 0.55


def measure(text: str, *, sample: int = 6000) -> TextQuality:
    """Measure a text (at most ``sample`` characters of it, spread evenly)."""
    if len(text) > sample:
        step = len(text) // 3
        text = "\n".join(text[i * step : i * step + sample // 3] for i in range(3))
    letters = len(_LETTER.findall(text))
    thai = len(_THAI.findall(text))
    if not letters:
        return TextQuality(0, 0.0, 0.0)
    from pythainlp.tokenize import word_tokenize

    words = _dictionary()
    covered = 0
    for run in _THAI_RUN.findall(text):
        for token in word_tokenize(run, engine="newmm", keep_whitespace=False):
            if len(token) >= 2 and token in words:
                covered += len(token)
    return TextQuality(letters, thai / letters, covered / thai if thai else 0.0)

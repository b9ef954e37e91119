"""Where a printed line may break, and where it never may.

Thai is written without spaces between words, so LibreOffice breaks a Thai run wherever the
cell ends unless it is told the word boundaries: "ทะเบีย / นรับ", "หมายเ / หตุ". A zero-width
space (U+200B) between words, found by PyThaiNLP's dictionary, gives it the places a person
would break. A letter number, a date and a time are the opposite: read as one thing, written
on one line ("นน ๐๐๒๓.๑๑/ว ๑๒๓๔", "๐๙.๓๐ น."), so their spaces are non-breaking and the slash
is joined to what follows (U+2060 WORD JOINER).
"""

from __future__ import annotations

import functools
import re

ZWSP, NBSP, JOINER = "\u200b", "\u00a0", "\u2060"
_THAI_RUN = re.compile(r"[\u0e01-\u0e4e]{4,}")


def unbreakable(text: str) -> str:
    """``text`` kept on one line: a letter number, a date, a time."""
    return text.replace(" ", NBSP).replace("/", "/" + JOINER)


def breakable(text: str) -> str:
    """``text`` with its Thai word boundaries marked as places a line may break."""
    return _THAI_RUN.sub(lambda m: ZWSP.join(_words(m[0])), text)


@functools.lru_cache(maxsize=4096)
def _words(run: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(run, engine="newmm", keep_whitespace=True))


def plain(text: str) -> str:
    """Printed text without the break marks (to compare what a page says with what was meant)."""
    return text.replace(ZWSP, "").replace(JOINER, "").replace(NBSP, " ")

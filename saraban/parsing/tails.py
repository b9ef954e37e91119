"""OCR's junk at the end of a field: what a stamp, a pen or a dotted line became in the text.

A memo's เรื่อง runs along a dotted line, and an endorsement or a receipt stamp is often
written over the end of a subject: Tesseract reads them as runs of figures and letters glued
to the last word (``ไฟป่า2220อ20366466 6``, ``… Dd USS DIU ccsssssss``). No Thai title ends
so, but some end in Latin words (``e-LAAS``), a year or a number, so only a tail that holds
something no person types is cut, with the weak fragments that lead into it.
"""

from __future__ import annotations

import re

_MIXED = re.compile(r"[0-9][^\s]*[๐-๙]|[๐-๙][^\s]*[0-9]")
"""Arabic and Thai figures in one token: a print never mixes them, OCR junk does (๑วร1111)."""
_LONG_RUN = re.compile(r"[0-9๐-๙]{6,}[ก-ฮA-Za-z]|[ก-ฮA-Za-z][0-9๐-๙]{6,}|[0-9๐-๙]+[ก-ฮA-Za-z]+[0-9๐-๙]+[ก-ฮA-Za-z]")
"""Figures and letters alternating, or a long run of figures glued to letters (2220อ20366466,
1จ5จ); a licence plate (1กข1234) or an amount (100000) is neither."""
_HELD = re.compile(r"([A-Za-z])\1{3,}|([ก-ฮ])\2{3,}")
"""A letter held down (ccssss, กกกก)."""
_STACKED = re.compile(r"[\u0e31\u0e34-\u0e37\u0e47]{2}|[\u0e48-\u0e4b][\u0e31\u0e34-\u0e37]")
"""Marks no Thai word stacks; in a long word it is only OCR doubling a vowel (พื้นทีี่), not junk."""


def _strong(token: str, least: int = 5) -> bool:
    """Whether a token is junk no title holds."""
    if len(token) < least:
        return False
    if _MIXED.search(token) or _LONG_RUN.search(token) or _HELD.search(token):
        return True
    return bool(_STACKED.search(token)) and len(re.findall(r"[ก-ฮ]", token)) <= 3


_WEAK = re.compile(r"^(?:[A-Za-z.,:;'\"!|=_\-()]+|[0-9๐-๙.,:\-]{1,6}|[ก-๙]{1,2}[.,]?|[^\w\s]+)$")
"""A fragment that may be junk beside junk: Latin letters, a few figures, one or two Thai letters."""
_LATIN = re.compile(r"^[A-Za-z.,:;'\"!|=_\-()]+$")
_GLUED = re.compile(r"^(?P<word>[^0-9๐-๙]*[ก-๎])(?P<tail>[0-9๐-๙].*)$")


def trim_junk_tail(text: str) -> str:
    """``text`` without the junk OCR read onto its end (unchanged when there is none)."""
    tokens = text.split(" ")
    for k, token in enumerate(tokens):
        if not _strong(token) or not all(_junk(t) for t in tokens[k + 1 :]):
            continue
        glued = _GLUED.match(token)
        if glued and _strong(glued["tail"], 3) and len(re.findall(r"[ก-ฮ]", glued["word"])) >= 3:
            return " ".join([*tokens[:k], glued["word"]])  # the junk stuck to the title's last word
        if k:
            # Latin smudges lead into the junk; a figure or a short word before it may be the title's.
            while k > 1 and _LATIN.match(tokens[k - 1]):
                k -= 1
            return " ".join(tokens[:k]).rstrip()
    return text


def _junk(token: str) -> bool:
    return bool(_WEAK.match(token) or _strong(token))

"""OCR's junk at the end of a field: what a stamp, a pen or a dotted line became in the text.

A memo's เรื่อง runs along a dotted line, and an endorsement or a receipt stamp is often
written over the end of a subject: Tesseract reads them as runs of figures and letters glued
to the last word (``ไฟป่า2220อ20366466 6``, ``… Dd USS DIU ccsssssss``). No Thai title ends
so, but some end in Latin words (``e-LAAS``), a year or a number, so only a tail that holds
something no person types is cut, with the weak fragments that lead into it.
"""

from __future__ import annotations

import re

_STRONG = re.compile(
    r"[0-9๐-๙]+[A-Za-zก-ฮ]+[0-9๐-๙]"  # figures, a letter, figures: 2220อ2036, 1จ5
    r"|([A-Za-z])\1{3,}|([0-9๐-๙])\2{4,}|([ก-ฮ])\3{3,}"  # a letter or figure held down: ssss, 66666
    r"|[\u0e31\u0e34-\u0e37\u0e47]{2}|[\u0e48-\u0e4b][\u0e31\u0e34-\u0e37]"  # marks no Thai word stacks
)
"""A token no one types in a title."""
_WEAK = re.compile(r"^(?:[A-Za-z.,:;'\"!|=_\-()]+|[0-9๐-๙.,:\-]{1,6}|[ก-๙]{1,2}[.,]?|[^\w\s]+)$")
"""A fragment that may be junk beside junk: Latin letters, a few figures, one or two Thai letters."""
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
            while k > 1 and _WEAK.match(tokens[k - 1]):
                k -= 1
            return " ".join(tokens[:k]).rstrip()
    return text


def _strong(token: str, least: int = 5) -> bool:
    """Whether a token is junk no title holds (short ones like ``4G5G`` are given the benefit)."""
    return len(token) >= least and _STRONG.search(token) is not None


def _junk(token: str) -> bool:
    return bool(_WEAK.match(token) or _strong(token))

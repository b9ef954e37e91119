"""How wide a line of Thai text prints, so a letter's blocks are laid out before Word sees them.

The office block at the right of ที่ is about 6.5 cm wide; a long name such as
สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา prints at about 11 cm in TH Sarabun New
16 pt. Word would wrap it at an arbitrary place; saraban breaks it between words and starts
the block further left so the lines end near the right margin, as typists do.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache

# Average advance of a Thai letter in TH Sarabun New, in em, for when the font file is absent.
_FALLBACK_EM = 0.42


@lru_cache(maxsize=8)
def _font(family: str, size_pt: float):  # type: ignore[no-untyped-def]
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        found = subprocess.run(
            [fc_match, "-f", "%{file}|%{family}", family], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, families = found.stdout.partition("|")
    if family.lower() not in families.lower().split(","):
        return None
    from PIL import ImageFont

    try:
        return ImageFont.truetype(path, 1000)
    except OSError:
        return None


def width_cm(text: str, family: str = "TH Sarabun New", size_pt: float = 16) -> float:
    """The printed width of ``text`` in centimetres."""
    font = _font(family, size_pt)
    if font is None:
        import unicodedata

        spacing = sum(1 for ch in text if unicodedata.category(ch) not in ("Mn", "Me"))
        em = spacing * _FALLBACK_EM
    else:
        em = font.getlength(text) / 1000
    return em * size_pt / 72 * 2.54


def wrap(text: str, limit_cm: float, family: str = "TH Sarabun New", size_pt: float = 16) -> list[str]:
    """Break ``text`` into lines no wider than ``limit_cm``, between words (PyThaiNLP)."""
    if width_cm(text, family, size_pt) <= limit_cm:
        return [text]
    from pythainlp.tokenize import word_tokenize

    lines: list[str] = []
    current = ""
    for word in word_tokenize(text, engine="newmm", keep_whitespace=True):
        candidate = current + word
        if current and width_cm(candidate.strip(), family, size_pt) > limit_cm:
            lines.append(current.strip())
            current = word.lstrip()
        else:
            current = candidate
    if current.strip():
        lines.append(current.strip())
    return lines


def office_block(
    lines: list[str],
    *,
    text_width_cm: float = 16.0,
    preferred_start_cm: float = 9.5,
    earliest_start_cm: float = 7.5,
    family: str = "TH Sarabun New",
    size_pt: float = 16,
) -> tuple[list[str], float]:
    """Lay out the office name and address at the right of ที่.

    Returns:
        The lines (long ones broken between words) and where the block starts, in cm from the
        left margin: 9.5 cm when everything fits, earlier (not before 7.5 cm) for long names.
    """
    room = text_width_cm - earliest_start_cm
    laid: list[str] = []
    for line in lines:
        laid.extend(wrap(line, room, family, size_pt))
    widest = max((width_cm(line, family, size_pt) for line in laid), default=0.0)
    start = min(preferred_start_cm, max(earliest_start_cm, text_width_cm - widest - 0.2))
    return laid, round(start, 2)

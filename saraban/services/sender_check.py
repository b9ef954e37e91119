"""Is a letter's sender in the directory? If not, which offices does its name come close to?

An OCR slip in จาก ("สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวดน่าน") must not quietly become a
new office: the clerk is shown the close names first and chooses (the app asks; the command
line says so in one line and takes ``--sender``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from sqlmodel import select

from saraban.db.tables import Agency
from saraban.services.context import Context
from saraban.services.directory import find_by_name, normalise_code
from saraban.thai.digits import to_arabic
from saraban.thai.text import skeleton

CLOSE_SCORE = 75
"""How alike (0–100, rapidfuzz's WRatio) a directory name must be to be offered."""


@dataclass
class SenderCheck:
    """What the directory says about a sender's name."""

    typed: str | None
    known: str | None = None
    """The directory's name for it, when it is there (by name, alias or the letter's own code)."""
    close: list[str] = field(default_factory=list)
    """Reviewed offices whose names come close, best first (at most five)."""
    likely: list[str] = field(default_factory=list)
    """Those of :attr:`close` that are most likely the same office: one letter apart (an OCR
    slip) or apart only by the word for its premises ("สำนักงาน", "ที่ทำการ").
    Provinces' offices come close to each other by their shared words; these do not."""

    @property
    def new(self) -> bool:
        """Receiving it would add an office to the directory (for an administrator to review)."""
        return bool(self.typed) and self.known is None


def check_sender(ctx: Context, name: str | None, code: str | None = None) -> SenderCheck:
    """Look a sender up as :func:`saraban.services.letters_store.agency_for` would, without adding it."""
    name = " ".join((name or "").split()) or None
    if not name:
        return SenderCheck(None)
    with ctx.reading() as session:
        agency = find_by_name(session, name)
        if agency is None and code:
            agency = session.exec(select(Agency).where(Agency.code == normalise_code(code))).first()
        if agency is not None:
            return SenderCheck(name, agency.name)
        names = list(session.exec(select(Agency.name).where(Agency.needs_review.is_(False))))  # type: ignore[attr-defined]
    found = [match for match, _score, _index in process.extract(name, names, scorer=fuzz.WRatio, limit=5,
                                                                 score_cutoff=CLOSE_SCORE)]  # fmt: skip
    return SenderCheck(name, None, found, [match for match in found if _same_office(name, match)])


SLIP_MIN_LENGTH = 12
"""Letters (marks aside) a name needs before one changed letter is read as a slip."""
PREMISES = ("สำนักงาน", "ที่ทำการ")
"""Words that name an office's premises rather than the office ("สำนักงานเทศบาลตำบล…")."""
SLIP_LETTERS = 1
"""How many letters (vowel and tone marks aside, which OCR drops) an OCR slip changes: one.
Two would make neighbouring provinces (ตาก, น่าน) one office."""


def _same_office(typed: str, listed: str) -> bool:
    """Whether ``typed`` is very likely ``listed`` as printed or OCR'd otherwise.

    Figures name offices apart ("เขต 1" and "เขต 2", "กองร้อยที่ 1"), so names whose figures
    differ are never one; and a short name one letter from another is another name.
    """
    def bare(name: str) -> str:
        return next((name.removeprefix(word) for word in PREMISES if name.startswith(word)), name)

    if bare(typed) == bare(listed):
        return True
    if re.findall(r"\d+", to_arabic(typed)) != re.findall(r"\d+", to_arabic(listed)):
        return False
    typed_key, listed_key = skeleton(typed), skeleton(listed)
    return min(len(typed_key), len(listed_key)) >= SLIP_MIN_LENGTH and \
        Levenshtein.distance(typed_key, listed_key) <= SLIP_LETTERS

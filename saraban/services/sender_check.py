"""Is a letter's sender in the directory? If not, which offices does its name come close to?

An OCR slip in จาก ("สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวดน่าน") must not quietly become a
new office: the clerk is shown the close names first and chooses (the app asks; the command
line says so in one line and takes ``--sender``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlmodel import select

from saraban.db.tables import Agency
from saraban.services.context import Context
from saraban.services.directory import find_by_name, normalise_code

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
    found = process.extract(name, names, scorer=fuzz.WRatio, limit=5, score_cutoff=CLOSE_SCORE)
    return SenderCheck(name, None, [match for match, _score, _index in found])

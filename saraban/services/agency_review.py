"""Agencies saraban created from letters, waiting for an administrator to confirm, rename or merge.

A letter from an office not in the directory creates one "for review" (``needs_review``).
Often it is an office that is in the directory under another spelling, or an OCR slip: merging
moves every letter, receipt, routing event, user and child office onto the real one (its code
too, if the real one had none) and keeps the merged row, emptied and named as merged, so the
ledger's history still reads.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from saraban.db.tables import Agency, Letter, RegisterEntry, RoutingEvent, User
from saraban.errors import InvalidInput
from saraban.services.directory import resolve_agency


def for_review(session: Session) -> list[Agency]:
    """The agencies created from letters that no person has confirmed yet."""
    return list(session.exec(select(Agency).where(Agency.needs_review.is_(True)).order_by(Agency.id)))  # type: ignore[attr-defined]


def merge_agency(session: Session, duplicate: str, into: str) -> tuple[Agency, int]:
    """Merge the agency ``duplicate`` into ``into``; call inside an administrator's transaction.

    Returns:
        The agency kept, and how many rows now point to it instead.

    Raises:
        InvalidInput: The two are the same agency.
    """
    gone, kept = resolve_agency(session, duplicate), resolve_agency(session, into)
    if gone.id == kept.id:
        raise InvalidInput("รวมหน่วยงานเข้ากับตัวเองไม่ได้")
    moved = 0
    for model, columns in (
        (Letter, ("sender_agency_id",)),
        (RegisterEntry, ("agency_id",)),
        (RoutingEvent, ("agency_id", "to_agency_id")),
        (User, ("agency_id",)),
        (Agency, ("parent_id",)),
    ):
        for column in columns:
            for row in session.exec(select(model).where(getattr(model, column) == gone.id)):
                setattr(row, column, kept.id)
                session.add(row)
                moved += 1
    code, gone.code, gone.needs_review = gone.code, None, False
    gone.name = f"{gone.name} (รวมเข้ากับ {kept.name})"[:300]
    session.add(gone)
    try:
        session.flush()  # the code leaves the merged row before the kept one may take it
        if code and not kept.code:
            kept.code = code
            session.add(kept)
            session.flush()
    except IntegrityError as exc:  # both hold the same register number: a person must look
        raise InvalidInput(f"รวม {gone.name} ไม่ได้: ทะเบียนของทั้งสองมีเลขซ้ำกัน ตรวจด้วย saraban register") from exc
    return kept, moved

"""The letters of a cascade that PostgreSQL hides from this login, as a trace may show them.

Row-level security (migration 0010) takes a secret letter's rows out of an uncleared login's
queries, and with them its place in the cascade: the trace would stop at it, and every office
below it would vanish. The views ``letter_index``, ``register_index`` and ``routing_index``
keep what anyone may know — number, date, mark, parent, the offices and times of its receipts
and sends — so the trace shows the letter as it does on SQLite to someone not cleared: a node
without subject or sender, with its hops. On SQLite every function here finds nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import column, exists, null, or_, select, table
from sqlmodel import Session

from saraban.db.row_secrecy import has_row_security, letter_index, register_index
from saraban.db.tables import Letter

routing_index = table(
    "routing_index", column("id"), column("letter_id"), column("event"), column("agency_id"),
    column("to_agency_id"), column("at"), column("register_entry_id"),
)  # fmt: skip

NOT_HIDDEN = object()
"""What :func:`hidden_parent` answers for a letter that is not hidden from this login."""


def _unseen() -> Any:
    """The letters of ``letter_index`` that this login's own query of ``letter`` does not return."""
    seen = Letter.__table__  # type: ignore[attr-defined]
    return ~exists().where(seen.c.id == letter_index.c.id)


def hidden_parent(session: Session, letter_id: int) -> object:
    """The parent id of a letter hidden from this login (``None`` for a first letter), or
    :data:`NOT_HIDDEN` where no such letter is hidden."""
    if not has_row_security(session):
        return NOT_HIDDEN
    query = select(letter_index.c.parent_id).where(letter_index.c.id == letter_id, _unseen())
    row = session.execute(query).first()
    return NOT_HIDDEN if row is None else row[0]


def member_stubs(session: Session, *, ids: list[int] | None = None, parents: list[int] | None = None) -> list[Any]:
    """Hidden letters by id or by parent, as rows shaped like the trace's member columns
    (id, doc_no, letter_date, subject, sender_agency_id, sender_text, parent_id, link_method,
    link_score, secrecy, salutation, recipients), content left empty."""
    if not has_row_security(session):
        return []
    c = letter_index.c
    query = select(
        c.id, c.doc_no, c.letter_date, null(), c.sender_agency_id, null(), c.parent_id, c.link_method,
        c.link_score, c.secrecy, null(), null(),
    ).where(_unseen(), c.id.in_(ids) if ids is not None else c.parent_id.in_(parents or []))  # fmt: skip
    return list(session.execute(query.order_by(c.id)))


def receipt_stubs(session: Session, letter_ids: list[int]) -> list[Any]:
    """Live receipts of hidden letters: (letter_id, agency_id, number, entry_at, stamp note)."""
    if not letter_ids:
        return []
    c = register_index.c
    query = select(c.letter_id, c.agency_id, c.number, c.entry_at, c.stamp_note).where(
        c.letter_id.in_(letter_ids), c.book == "receive", c.void.is_(False)
    )
    return list(session.execute(query))


def event_stubs(session: Session, letter_ids: list[int]) -> list[Any]:
    """Sends of hidden letters, and receipts with no register number (as the trace reads them)."""
    if not letter_ids:
        return []
    c = routing_index.c
    query = select(c.letter_id, c.event, c.agency_id, c.to_agency_id, c.at).where(
        c.letter_id.in_(letter_ids),
        or_(c.event == "sent", (c.event == "received") & c.register_entry_id.is_(None)),
    )
    return list(session.execute(query))


def hidden_by_number(session: Session, number_key: str) -> Any:
    """A letter hidden from this login with this number (id, parent_id), if exactly one."""
    if not has_row_security(session) or not number_key:
        return None
    c = letter_index.c
    rows = list(session.execute(select(c.id, c.parent_id).where(c.number_key == number_key, _unseen()).limit(2)))
    return rows[0] if len(rows) == 1 else None

"""What a login may know of rows the server hides from it (PostgreSQL row-level security).

Migration 0010 lets a login read a secret letter's rows (``letter``, ``register_entry``,
``routing_event``, ``amendment``) only with its saraban user's clearance. The regulation still
lets everyone know that an entry exists, its number, its date and its mark: the views
``register_index``, ``letter_index`` and ``routing_index`` hold just that, for every row. A row in a view that the
caller's own query of the table does not return is one the server hides from them.

An e-mail carrying a secret letter (``inbox_message``) is hidden by the mark read from it;
``inbox_index`` (its id, Message-ID and SHA-256) keeps a second fetch from adding it again.
A letter hidden from a clerk is found by its number and date (``letter_index``), so receiving
or importing it again is refused rather than stored twice. Numbering and the check that
numbers run 1…n read the index, so an uncleared clerk's next number counts the secret entries
too. On SQLite (no logins) the tables themselves serve.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, column, exists, select, table
from sqlmodel import Session

from saraban.db.tables import InboxMessage, Letter, RegisterEntry

register_index = table(
    "register_index",
    column("id", Integer),
    column("agency_id", Integer),
    column("book", String),
    column("series", String),
    column("year", Integer),
    column("number", Integer),
    column("letter_id", Integer),
    column("entry_at", DateTime),
    column("source", String),
    column("void", Boolean),
    column("secrecy", String),
    column("stamp_note", String),
)
letter_index = table(
    "letter_index", column("id", Integer), column("secrecy", String), column("number_key", String),
    column("letter_date", Date), column("doc_no", String), column("parent_id", Integer),
    column("sender_agency_id", Integer), column("link_method", String), column("link_score", Float),
)  # fmt: skip
inbox_index = table("inbox_index", column("id", Integer), column("message_id", String), column("raw_sha256", String))


def has_row_security(session: Session) -> bool:
    """Whether this database hides rows by login (PostgreSQL, migration 0010)."""
    return session.get_bind().dialect.name == "postgresql"


def register_numbers(session: Session) -> Any:
    """The table to count and check register numbers in: every entry, seen or not."""
    return register_index if has_row_security(session) else RegisterEntry.__table__  # type: ignore[attr-defined]


def inbox_keys(session: Session) -> Any:
    """The table to look a kept e-mail up in (by Message-ID or SHA-256): every message."""
    return inbox_index if has_row_security(session) else InboxMessage.__table__  # type: ignore[attr-defined]


def hidden_entries(session: Session) -> Any:
    """A query of ``register_index`` narrowed to the entries the server hides from this login
    (add ``where`` clauses on ``register_index.c``); ``None`` where nothing is hidden."""
    if not has_row_security(session):
        return None
    seen = RegisterEntry.__table__  # type: ignore[attr-defined]
    return select(register_index).where(~exists().where(seen.c.id == register_index.c.id))


def hidden_letters(session: Session) -> set[int]:
    """The ids of the letters that exist but that the server hides from this login."""
    if not has_row_security(session):
        return set()
    seen = Letter.__table__  # type: ignore[attr-defined]
    query = select(letter_index.c.id).where(~exists().where(seen.c.id == letter_index.c.id))
    return {int(letter_id) for (letter_id,) in session.execute(query)}


def hidden_messages(session: Session) -> set[int]:
    """The ids of the e-mails that exist but that the server hides from this login."""
    if not has_row_security(session):
        return set()
    seen = InboxMessage.__table__  # type: ignore[attr-defined]
    query = select(inbox_index.c.id).where(~exists().where(seen.c.id == inbox_index.c.id))
    return {int(message_id) for (message_id,) in session.execute(query)}


def hidden_mark(session: Session, letter_id: int) -> tuple[str | None] | None:
    """``(secrecy,)`` of a letter that exists but is hidden from this login, else ``None``."""
    if not has_row_security(session):
        return None
    row = session.execute(select(letter_index.c.secrecy).where(letter_index.c.id == letter_id)).first()
    return (row[0],) if row is not None else None


def hidden_copy(session: Session, number_key: str | None, letter_date: date | None) -> int | None:
    """The id of a stored letter with this number and date that the server hides from this
    login: the same letter, which it must neither store twice nor register twice."""
    if not number_key or not has_row_security(session):
        return None
    seen = Letter.__table__  # type: ignore[attr-defined]
    query = select(letter_index.c.id).where(
        letter_index.c.number_key == number_key,
        letter_index.c.letter_date.is_(None) if letter_date is None else letter_index.c.letter_date == letter_date,
        ~exists().where(seen.c.id == letter_index.c.id),
    )
    return session.execute(query.limit(1)).scalar()


def hidden_receipt(session: Session, letter_id: int, agency_id: int) -> Any:
    """The first live receipt of a hidden letter at an office (number, year, time), if any."""
    c = register_index.c
    query = select(register_index).where(
        c.letter_id == letter_id, c.agency_id == agency_id, c.book == "receive", c.void.is_(False)
    )
    return session.execute(query.order_by(c.id).limit(1)).first()

"""What each ledger record is about, named as a clerk or an auditor knows it.

The ledger keeps a table name and a row id ("register_entry 397"); a person knows the
receipt number and the letter's number ("เลขรับ 327/2569 · ที่ นน 0023.5/ว 1104"). The names
are looked up for a page of records at once (one query per kind of row), and a row this
reader may not see, or that is gone, keeps its plain id.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, select

from saraban.db.tables import (
    Agency,
    Amendment,
    AuditRecord,
    Citation,
    Dispatch,
    InboxMessage,
    Letter,
    RegisterEntry,
    RoutingEvent,
    User,
)
from saraban.services.ledger_names import ENTITY_NAMES, action_name
from saraban.thai.dates import format_thai_datetime

BOOK_NUMBER = {"receive": "เลขรับ", "send": "เลขส่ง"}


def record_subjects(session: Session, records: Sequence[AuditRecord]) -> list[str]:
    """For each record, what it is about, in the words of the books."""
    wanted: dict[str, set[int]] = {}
    for record in records:
        wanted.setdefault(record.entity, set()).add(int(record.entity_id))
    rows = {entity: _rows(session, entity, ids) for entity, ids in wanted.items()}
    letter_ids = {getattr(row, "letter_id", None) for found in rows.values() for row in found.values()}
    letter_ids |= wanted.get("letter", set())
    letters = _rows(session, "letter", {i for i in letter_ids if i})
    entry_ids = {i for message in rows.get("inbox_message", {}).values() for i in _accepted(message)}
    entries = _rows(session, "register_entry", entry_ids)
    return [_name(record, rows.get(record.entity, {}).get(int(record.entity_id)), letters, entries)
            for record in records]  # fmt: skip


_TABLES = {"register_entry": RegisterEntry, "letter": Letter, "routing_event": RoutingEvent, "agency": Agency,
           "app_user": User, "inbox_message": InboxMessage, "dispatch": Dispatch, "amendment": Amendment,
           "citation": Citation}  # fmt: skip


def _rows(session: Session, entity: str, ids: set[int]) -> dict[int, object]:
    table = _TABLES.get(entity)
    if table is None or not ids:
        return {}
    found = session.exec(select(table).where(table.id.in_(sorted(ids))))  # type: ignore[attr-defined]
    return {row.id: row for row in found}


def _number(letters: dict[int, object], letter_id: int | None) -> str:
    letter = letters.get(letter_id) if letter_id else None
    doc_no = getattr(letter, "doc_no", None)
    return f"ที่ {doc_no}" if doc_no else ""


def _accepted(message: object) -> list[int]:
    """The register entries an e-mail's letters were given, in the e-mail's order."""
    from saraban.services.inbox import accepted_letters

    assert isinstance(message, InboxMessage)
    return [entry for _place, entry in sorted(accepted_letters(message).items())]


def _email(row: InboxMessage, entries: dict[int, object]) -> list[str]:
    """An e-mail as the inbox shows it: who sent it and when (two from one office differ
    there), then the receipt numbers its letters were given. Never its subject: that may be a
    secret letter's, and the log is read by people without that clearance."""
    sent = row.mail_date or row.arrived_at
    numbers = [f"{e.number}/{e.year}" for i in _accepted(row) if isinstance(e := entries.get(i), RegisterEntry)]
    return ["อีเมลเข้า", f"จาก {row.sender_address}" if row.sender_address else f"{row.id}",
            f"ส่งเมื่อ {format_thai_datetime(sent, digits='arabic')}" if sent else "",
            f"· เลขรับ {', '.join(numbers)}" if numbers else ""]  # fmt: skip


def _name(record: AuditRecord, row: object, letters: dict[int, object], entries: dict[int, object]) -> str:
    plain = f"{ENTITY_NAMES.get(record.entity, record.entity)} {record.entity_id}"
    if row is None:
        return plain
    parts: list[str]
    if isinstance(row, RegisterEntry):
        parts = [f"{BOOK_NUMBER.get(row.book, 'เลขทะเบียน')} {row.number}/{row.year}"
                 + ("" if row.series == "general" else f" ({row.series})"),
                 f"ที่ {row.doc_no}" if row.doc_no else _number(letters, row.letter_id)]  # fmt: skip
    elif isinstance(row, Letter):
        parts = [f"หนังสือที่ {row.doc_no}" if row.doc_no else f"หนังสือ {row.id} (ไม่มีเลขที่)"]
    elif isinstance(row, RoutingEvent):
        parts = [f"{action_name(row.event)}หนังสือ", _number(letters, row.letter_id)]
    elif isinstance(row, Amendment):
        from saraban.services.amendment import FIELDS

        parts = [f"การแก้ไข{FIELDS.get(row.field_name, row.field_name)}", _number(letters, row.letter_id)]
    elif isinstance(row, Citation):
        cited_in = _number(letters, row.letter_id)
        parts = [f"การอ้างถึง {row.ref_doc_no}", f"ในหนังสือ{cited_in}" if cited_in else ""]
    elif isinstance(row, Dispatch):
        parts = ["ส่งทางอีเมล", _number(letters, row.letter_id), f"ถึง {row.address}" if row.address else ""]
    elif isinstance(row, InboxMessage):
        parts = _email(row, entries)
    elif isinstance(row, Agency | User):
        parts = [ENTITY_NAMES.get(record.entity, record.entity), str(row.name)]
    else:
        return plain
    return " ".join(part for part in parts if part) or plain

"""Every change to a record that matters goes into the ledger, whoever's code made it.

SQLAlchemy tells this module about each flush. For the covered tables (letters, register
entries, routing events and endorsements, users, agencies, amendments) it appends one ledger record per
new, changed or deleted row, holding the row as it now stands (a *snapshot*). A service
cannot forget to ledger a change, and :func:`saraban.services.ledger.verify` can compare every
row with its last snapshot: a subject, a secrecy mark, a role or an agency's name changed
outside saraban, or a letter deleted, is found and named.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, inspect, select
from sqlmodel import Session

from saraban.db.tables import (
    Agency,
    Amendment,
    ChainHead,
    Citation,
    DestructionList,
    Dispatch,
    InboxMessage,
    Letter,
    MailCursor,
    RegisterEntry,
    RoutingEvent,
    User,
)
from saraban.services.ledger_key import current as current_key
from saraban.services.ledger_key import known as known_key

COVERED: dict[type, str] = {
    Letter: "letter",
    RegisterEntry: "register_entry",
    RoutingEvent: "routing_event",
    User: "app_user",
    Agency: "agency",
    Amendment: "amendment",
    # What decides a destruction, what came by e-mail (on PostgreSQL also who may read it),
    # what went out by e-mail and how far the mailbox was read (0013 remembered what was there).
    DestructionList: "destruction_list",
    InboxMessage: "inbox_message",
    Dispatch: "dispatch",
    MailCursor: "mail_cursor",
    # Which letters a letter cites or encloses: what links a circular's hops (0015 remembered
    # what was there).
    Citation: "citation",
}
"""Covered classes and the entity name their records carry."""
_LARGE = 400
"""Longer texts (a letter's OCR text) are remembered by their SHA-256, not copied."""
_DIGESTED = {"password_hash"}
"""Columns the ledger (which auditors read) remembers only by digest."""
_CONTENT = {
    "subject", "salutation", "sender_text", "attachments", "references", "signer_name",
    "signer_position", "source_text", "from_text", "to_text", "action", "note",
    "old_value", "new_value", "reason",
    # Free text a clerk or the reader writes about a letter says what it is about, too: why
    # an entry was voided or back-dated, its remark, why it is held, the reader's warnings
    # (which quote the page), to whom it went, and the file it came from.
    "void_reason", "back_entry_reason", "remark", "retention_hold", "warnings", "recipients", "source_path",
}  # fmt: skip
"""What a secret letter hides from the uncleared: the ledger proves it unchanged by digest and
never holds the text, so reading the ledger (or its table) shows no secret subject."""


def _bytes(value: Any) -> bytes:
    """A value as the bytes its digest is taken of: texts as UTF-8, others as canonical JSON."""
    if isinstance(value, bytes | bytearray):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8")
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def digest(value: Any) -> dict[str, str]:
    """A value as the ledger remembers a hidden one: its HMAC-SHA256 under the ledger's content
    key (:mod:`saraban.services.ledger_key`), named by the key's id. A plain hash of a short
    subject could be confirmed by anyone who guesses it; a keyed one only by the key's holder."""
    key = current_key()
    return {"hmac": key.sign(_bytes(value)), "key": key.key_id}


class UnknownKey(Exception):
    """A digest made under a ledger key this machine does not hold."""

    def __init__(self, key_id: str) -> None:
        super().__init__(key_id)
        self.key_id = key_id


def _json(value: Any) -> Any:
    """A column's value as it reads back from a snapshot's JSON (dates as ISO text)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return json.loads(json.dumps(value, ensure_ascii=False, default=str)) if isinstance(value, list | dict) else value


def matches(plain: Any, remembered: Any) -> bool:
    """Whether a column's value now is the one a snapshot remembered, in whatever form the
    snapshot took: a keyed digest, a plain SHA-256 (records written before the key, and large
    texts), or the value itself.

    Raises:
        UnknownKey: The digest was keyed with a key this machine does not hold.
    """
    if plain is None or remembered is None:
        return plain is None and remembered is None
    if isinstance(remembered, dict) and "hmac" in remembered and "key" in remembered:
        key = known_key(str(remembered["key"]))
        if key is None:
            raise UnknownKey(str(remembered["key"]))
        return hmac.compare_digest(key.sign(_bytes(plain)), str(remembered["hmac"]))
    if isinstance(remembered, dict) and "sha256" in remembered and not isinstance(plain, dict):
        return bool(hashlib.sha256(_bytes(plain)).hexdigest() == remembered["sha256"])
    return bool(_json(plain) == remembered)


def changed_columns(obj: Any, remembered: dict[str, Any]) -> tuple[list[str], set[str]]:
    """The columns of a covered row that differ from its last snapshot, and the ids of ledger
    keys this machine lacks (columns digested under them cannot be compared here)."""
    mapper = inspect(obj).mapper
    changed: list[str] = []
    missing: set[str] = set()
    names = set()
    for attr in mapper.column_attrs:
        names.add(attr.key)
        try:
            if not matches(getattr(obj, attr.key), remembered.get(attr.key)):
                changed.append(attr.key)
        except UnknownKey as unknown:
            missing.add(unknown.key_id)
    changed += [k for k, v in remembered.items() if k not in names and v is not None]  # a column dropped
    return sorted(changed), missing


def _value(key: str, value: Any) -> Any:
    if value is None:
        return None
    if key in _DIGESTED or key in _CONTENT or isinstance(value, bytes | bytearray):
        return digest(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str) and len(value) > _LARGE:
        return {"sha256": hashlib.sha256(value.encode("utf-8")).hexdigest(), "chars": len(value)}
    return value


def entity_key(obj: Any) -> int | None:
    """The number a covered row is recorded under: its id, or for a row keyed by text (a
    mailbox's cursor, by account) a number made from that text."""
    plain = getattr(obj, "id", None)
    if isinstance(plain, int):
        return plain  # the common case, without asking the mapper (verify asks for every row)
    identity = inspect(obj).mapper.primary_key_from_instance(obj)
    if not identity or identity[0] is None:
        return None
    if isinstance(identity[0], int):
        return identity[0]
    return int(hashlib.sha256(str(identity[0]).encode("utf-8")).hexdigest()[:7], 16)  # fits an INTEGER


def snapshot(obj: Any) -> dict[str, Any]:
    """A covered row as the ledger remembers it: every column, large texts by digest."""
    mapper = inspect(obj).mapper
    return {attr.key: _value(attr.key, getattr(obj, attr.key)) for attr in mapper.column_attrs}


def _action(obj: Any, change: str) -> str:
    """The record's action, in the words auditors filter by."""
    if isinstance(obj, RegisterEntry):
        if change == "new":
            return obj.book
        history = inspect(obj).attrs.void.history
        return "void" if history.added and obj.void else "amend"
    if isinstance(obj, RoutingEvent):
        return obj.event if change == "new" else "event-edit"
    if isinstance(obj, Amendment):
        return "amendment" if change == "new" else "amendment-edit"
    base = {Letter: "letter", User: "user", Agency: "agency", DestructionList: "destroy-list", InboxMessage: "mail",
            Dispatch: "dispatch", MailCursor: "mail-cursor", Citation: "citation"}[type(obj)]  # fmt: skip
    return {"new": f"{base}-add", "dirty": f"{base}-edit", "deleted": f"{base}-delete"}[change]


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _context: Any) -> None:
    pending: list[tuple[str, str, int, dict[str, Any]]] = session.info.setdefault("saraban_ledger", [])
    for change, objects in (("new", session.new), ("dirty", session.dirty), ("deleted", session.deleted)):
        for obj in objects:
            entity = COVERED.get(type(obj))
            if entity is None or (change == "dirty" and not session.is_modified(obj, include_collections=False)):
                continue
            # New rows have their keys now but no identity yet (that comes after the flush).
            key = entity_key(obj)
            if key is None:
                continue
            payload = {"deleted": True} if change == "deleted" else {"row": snapshot(obj)}
            pending.append((_action(obj, change), entity, key, payload))


@event.listens_for(Session, "after_flush_postexec")
def _append(session: Session, _context: Any) -> None:
    pending = session.info.get("saraban_ledger")
    if not pending:
        return
    from saraban.services.ledger import append

    session.info["saraban_ledger"] = []
    if not session.info.get("saraban_locked"):
        # Writers outside Context.writing (first-open seeding) still take the ledger's lock.
        session.execute(select(ChainHead).where(ChainHead.id == 1).with_for_update())
        session.info["saraban_locked"] = True
    actor = session.info.get("saraban_actor")
    for action, entity, entity_id, payload in pending:
        append(session, actor, action, entity, entity_id, payload)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _reset(session: Session) -> None:
    session.info.pop("saraban_ledger", None)
    session.info.pop("saraban_locked", None)


def record_baseline(session: Session, model: type) -> int:
    """Give each row of a newly covered table that the ledger has no record of a ``baseline``
    record of it as it stands (a migration that extends the ledger calls this): an office that
    upgrades is not told that its own rows were added behind its back. Returns how many."""
    from saraban.db.tables import AuditRecord
    from saraban.services.ledger import append

    entity = COVERED[model]
    recorded = set(session.execute(select(AuditRecord.entity_id).where(AuditRecord.entity == entity)).scalars())
    added = 0
    for row in session.execute(select(model).execution_options(yield_per=10)).scalars():
        key = entity_key(row)
        if key is not None and key not in recorded:
            append(session, None, "baseline", entity, key, {"row": snapshot(row)})
            session.flush()
            added += 1
        session.expunge(row)
    session.flush()
    return added

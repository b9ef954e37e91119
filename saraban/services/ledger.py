"""The append-only, hash-chained ledger behind registers and routing.

Every register entry, void, routing event and endorsement is written twice in one
transaction: as a row for querying, and as a ledger record whose hash commits to the
record before it. :func:`verify` recomputes the chain and checks every row against it, so a
changed, deleted, inserted or reordered record is found and named.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, select

from saraban.db.tables import AuditRecord, ChainHead, RegisterEntry, RoutingEvent
from saraban.services.context import Actor
from saraban.thai.dates import now_bangkok

GENESIS = "0" * 64


def canonical(payload: dict[str, object]) -> str:
    """The one serialisation that is hashed: sorted keys, no spaces, ISO dates."""

    def default(value: object) -> str:
        if isinstance(value, datetime | date):
            return value.isoformat()
        raise TypeError(f"cannot serialise {type(value).__name__}")

    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=default)


def record_hash(prev_hash: str, record: AuditRecord) -> str:
    """SHA-256 over the previous hash and everything the record says."""
    body = canonical(
        {
            "at": record.at,
            "actor": record.actor,
            "role": record.role,
            "action": record.action,
            "entity": record.entity,
            "entity_id": record.entity_id,
            "payload": record.payload,
        }
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def entry_payload(entry: RegisterEntry) -> dict[str, object]:
    """What the ledger remembers of a register entry (its immutable columns)."""
    return {
        "agency_id": entry.agency_id,
        "book": entry.book,
        "series": entry.series,
        "year": entry.year,
        "number": entry.number,
        "letter_id": entry.letter_id,
        "entry_at": entry.entry_at,
        "doc_no": entry.doc_no,
        "letter_date": entry.letter_date,
        "from": entry.from_text,
        "to": entry.to_text,
        "subject": entry.subject,
        "source": entry.source,
        "created_by": entry.created_by,
        "created_role": entry.created_role,
    }


def event_payload(event: RoutingEvent) -> dict[str, object]:
    """What the ledger remembers of a routing event."""
    return {
        "letter_id": event.letter_id,
        "event": event.event,
        "agency_id": event.agency_id,
        "to_agency_id": event.to_agency_id,
        "at": event.at,
        "register_entry_id": event.register_entry_id,
        "note": event.note,
        "created_by": event.created_by,
        "created_role": event.created_role,
    }


def append(
    session: Session, actor: Actor, action: str, entity: str, entity_id: int, payload: dict[str, object]
) -> AuditRecord:
    """Append a record to the chain. The caller holds the ledger lock (``Context.writing``)."""
    head = session.get(ChainHead, 1)
    assert head is not None, "the migrations create the ledger head"
    record = AuditRecord(
        at=now_bangkok(),
        actor=actor.name,
        role=actor.role,
        action=action,
        entity=entity,
        entity_id=entity_id,
        payload=canonical(payload),
        prev_hash=head.last_hash,
        hash="",
    )
    record.hash = record_hash(head.last_hash, record)
    session.add(record)
    session.flush()
    head.last_hash = record.hash
    head.last_seq = record.seq or head.last_seq
    session.add(head)
    return record


def record_entry(session: Session, actor: Actor, entry: RegisterEntry) -> None:
    """Ledger a new register entry (flushing it first so it has an id)."""
    session.add(entry)
    session.flush()
    assert entry.id is not None
    append(session, actor, entry.book, "register_entry", entry.id, entry_payload(entry))


def record_event(session: Session, actor: Actor, event: RoutingEvent) -> None:
    """Ledger a new routing event."""
    session.add(event)
    session.flush()
    assert event.id is not None
    append(session, actor, event.event, "routing_event", event.id, event_payload(event))


@dataclass
class VerifyReport:
    """The result of :func:`verify`: ``ok`` or the first problem, named."""

    records: int = 0
    entries: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(session: Session) -> VerifyReport:
    """Recompute the chain and check every register entry and routing event against it."""
    report = VerifyReport()
    previous = GENESIS
    created: dict[tuple[str, int], dict[str, object]] = {}
    voids: dict[int, str] = {}
    for record in session.exec(select(AuditRecord).order_by(AuditRecord.seq)):
        report.records += 1
        if record.prev_hash != previous:
            report.problems.append(
                f"ledger record {record.seq}: does not follow the record before it "
                "(a record was deleted, inserted or reordered before it)"
            )
            return report
        if record_hash(previous, record) != record.hash:
            report.problems.append(f"ledger record {record.seq}: its content was changed ({record.action})")
            return report
        previous = record.hash
        if record.action == "void":
            voids[record.entity_id] = json.loads(record.payload).get("reason")
        else:
            created[(record.entity, record.entity_id)] = json.loads(record.payload)
    head = session.get(ChainHead, 1)
    if head is None or head.last_hash != previous:
        report.problems.append(f"ledger: records after record {report.records} were deleted (head does not match)")
        return report
    _check_rows(session, report, created, voids)
    return report


def _check_rows(
    session: Session,
    report: VerifyReport,
    created: dict[tuple[str, int], dict[str, object]],
    voids: dict[int, str],
) -> None:
    seen: set[tuple[str, int]] = set()
    for entry in session.exec(select(RegisterEntry).order_by(RegisterEntry.id)):
        report.entries += 1
        key = ("register_entry", entry.id or 0)
        seen.add(key)
        expected = created.get(key)
        name = f"register entry {entry.id} ({entry.book} {entry.number}/{entry.year})"
        if expected is None:
            report.problems.append(f"{name}: not in the ledger (added outside saraban)")
        elif json.loads(canonical(entry_payload(entry))) != expected:
            report.problems.append(f"{name}: changed after it was recorded")
        elif entry.void != (entry.id in voids) or (entry.void and entry.void_reason != voids.get(entry.id or 0)):
            report.problems.append(f"{name}: void mark differs from the ledger")
        if report.problems:
            return
    for event in session.exec(select(RoutingEvent).order_by(RoutingEvent.id)):
        report.events += 1
        key = ("routing_event", event.id or 0)
        seen.add(key)
        expected = created.get(key)
        if expected is None:
            report.problems.append(f"routing event {event.id}: not in the ledger (added outside saraban)")
        elif json.loads(canonical(event_payload(event))) != expected:
            report.problems.append(f"routing event {event.id}: changed after it was recorded")
        if report.problems:
            return
    # Other entities (inbox messages, retention decisions) are chained for the record; the rows
    # checked one by one are the registers' and the routing events'.
    missing = sorted(k for k in set(created) - seen if k[0] in ("register_entry", "routing_event"))
    if missing:
        entity, entity_id = missing[0]
        report.problems.append(f"{entity.replace('_', ' ')} {entity_id}: deleted (it is in the ledger)")


def list_records(
    session: Session, *, action: str | None = None, actor: str | None = None, limit: int = 500
) -> list[AuditRecord]:
    """Ledger records, newest first, optionally of one action or one actor (auditors browse these)."""
    query = select(AuditRecord)
    if action:
        query = query.where(AuditRecord.action == action)
    if actor:
        query = query.where(AuditRecord.actor.like(f"%{actor}%"))  # type: ignore[attr-defined]
    return list(session.exec(query.order_by(AuditRecord.seq.desc()).limit(limit)))  # type: ignore[union-attr]

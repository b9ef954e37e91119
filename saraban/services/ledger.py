"""The append-only, hash-chained ledger behind every record that is evidence.

Each time a letter, register entry, routing event (endorsements included), user or agency
is written, the same transaction appends a ledger record holding a snapshot of the row
(:mod:`saraban.services.ledger_watch`); its hash commits to the record before it.
:func:`verify` recomputes the chain and compares every row with its latest snapshot, so a
changed, deleted, inserted or reordered record is found and named. A database
administrator can still re-hash the whole chain; a signed checkpoint kept outside the
database (:mod:`saraban.services.checkpoint`) or a head hash printed on a paper report
catches that.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, select

from saraban.db.like import contains
from saraban.db.row_secrecy import hidden_letters, hidden_messages, register_numbers
from saraban.db.tables import AuditRecord, ChainHead, InboxMessage, Letter, RegisterEntry, RoutingEvent
from saraban.services import ledger_key
from saraban.services.context import Actor
from saraban.services.ledger_names import ENTITY_NAMES, action_keys, column_name
from saraban.thai.dates import BANGKOK, format_thai_date, now_bangkok

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


def append(
    session: Session, actor: Actor | None, action: str, entity: str, entity_id: int, payload: dict[str, object]
) -> AuditRecord:
    """Append a record to the chain. The caller holds the ledger lock (``Context.writing``).

    The record is added, not flushed: :mod:`saraban.services.ledger_watch` appends from inside
    a flush, and the next flush (at the latest, the commit's) writes it.
    """
    head = session.get(ChainHead, 1)
    assert head is not None, "the migrations create the ledger head"
    record = AuditRecord(
        at=now_bangkok(),
        actor=actor.name if actor else "saraban",
        role=actor.role if actor else "system",
        action=action,
        entity=entity,
        entity_id=entity_id,
        payload=canonical(payload),
        prev_hash=head.last_hash,
        hash="",
    )
    record.hash = record_hash(head.last_hash, record)
    session.add(record)
    head.last_hash = record.hash
    head.last_seq += 1
    session.add(head)
    return record


def record_entry(session: Session, actor: Actor, entry: RegisterEntry) -> None:
    """Write a new register entry; the ledger records it (:mod:`saraban.services.ledger_watch`).

    Raises:
        Tampered: The number is taken already: a row of the register was deleted outside
            saraban (numbers are counted, so a deletion makes the next one collide).
    """
    from sqlalchemy.exc import IntegrityError

    from saraban.errors import Tampered

    session.add(entry)
    try:
        session.flush()
    except IntegrityError as exc:
        raise Tampered(
            f"เลข {entry.number}/{entry.year} ของทะเบียนนี้มีอยู่แล้ว: มีรายการถูกลบนอก saraban "
            "จึงไม่ออกเลขซ้ำ; ให้ผู้ตรวจสอบใช้ saraban audit verify"
        ) from exc


def record_event(session: Session, actor: Actor, event: RoutingEvent) -> None:
    """Write a new routing event; the ledger records it."""
    session.add(event)
    session.flush()


@dataclass
class VerifyReport:
    """The result of :func:`verify`: ``ok`` or every problem found, each named."""

    records: int = 0
    entries: int = 0
    events: int = 0
    rows: int = 0
    head: str = GENESIS
    problems: list[str] = field(default_factory=list)
    #: Rows of secret letters this login may not read, so not compared (PostgreSQL).
    hidden: int = 0
    #: The records' hashes as read and chained, for the checkpoint checks (read the log once).
    chain: list[str] = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems


def head_of(session: Session) -> tuple[int, str]:
    """The log's length and the hash of its last record, as printed on reports.

    A printed head is a checkpoint on paper: ``saraban audit verify --head LENGTH:HASH``
    checks that the log still holds that record.
    """
    from sqlalchemy import func

    length = session.exec(select(func.count(AuditRecord.seq))).one()  # type: ignore[arg-type]
    head = session.get(ChainHead, 1)
    return int(length or 0), head.last_hash if head else GENESIS


def chain(session: Session, on_record: Callable[[AuditRecord], None] | None = None) -> tuple[list[str], list[str]]:
    """The ledger's hashes in order, and the first break of the chain if there is one.

    The records are streamed (a few hundred at a time) as plain rows, never all held: a national
    ledger has millions. ``on_record`` sees each record (a row with the record's attributes) as
    it is checked; verify takes its snapshots so.
    """
    # Plain rows, not ORM objects: building an object per record was most of the time.
    table = AuditRecord.__table__  # type: ignore[attr-defined]
    query = select(table).order_by(table.c.seq).execution_options(yield_per=500)
    hashes: list[str] = []
    previous = GENESIS
    for position, record in enumerate(session.execute(query), start=1):
        if record.prev_hash != previous:
            return hashes, [f"บันทึกลำดับที่ {position} (seq {record.seq}) ไม่ต่อจากบันทึกก่อนหน้า: "
                            "มีบันทึกถูกลบ แทรก หรือสลับที่"]  # fmt: skip
        if record_hash(previous, record) != record.hash:
            return hashes, [f"บันทึกลำดับที่ {position} (seq {record.seq}, {record.action}) ถูกแก้ไขเนื้อหา"]
        previous = record.hash
        hashes.append(record.hash)
        if on_record is not None:
            on_record(record)  # type: ignore[arg-type]
    return hashes, []


def verify(session: Session) -> VerifyReport:
    """Recompute the chain, then check every covered row against its last snapshot, and every
    register for numbers that run 1…n with no jump and no repeat."""
    from saraban.services.ledger_watch import COVERED, changed_columns, entity_key

    report = VerifyReport()
    latest: dict[tuple[str, int], dict[str, object] | None] = {}

    def remember(record: AuditRecord) -> None:
        payload = json.loads(record.payload)
        if "row" in payload:
            latest[(record.entity, record.entity_id)] = payload["row"]
        elif payload.get("deleted"):
            latest[(record.entity, record.entity_id)] = None

    hashes, problems = chain(session, remember)
    report.records = len(hashes)
    report.chain = hashes
    if problems:
        report.problems += problems
        return report
    report.head = hashes[-1] if hashes else GENESIS
    head = session.get(ChainHead, 1)
    if head is None or head.last_hash != report.head:
        report.problems.append(f"ปลายบันทึกในฐานข้อมูลไม่ตรงกับบันทึกลำดับสุดท้าย ({report.records}): มีบันทึกท้ายถูกตัดออก")
    seen: set[tuple[str, int]] = set()
    unkeyed: dict[str, int] = {}
    for model, entity in COVERED.items():
        batch = 10 if model is InboxMessage else 500  # an e-mail is kept whole: a few at a time
        for row in session.exec(select(model).execution_options(yield_per=batch)):
            report.rows += 1
            report.entries += entity == "register_entry"
            report.events += entity == "routing_event"
            key = (entity, entity_key(row) or 0)
            seen.add(key)
            name = _describe(entity, row)
            if key not in latest:
                report.problems.append(f"{name}: ไม่อยู่ในบันทึก (เพิ่มนอก saraban)")
                continue
            expected = latest[key]
            if expected is None:
                report.problems.append(f"{name}: บันทึกว่าลบแล้วแต่ยังอยู่")
                continue
            changed, missing = changed_columns(row, expected)
            for key_id in missing:
                unkeyed[key_id] = unkeyed.get(key_id, 0) + 1
            if changed:
                report.problems.append(f"{name}: ถูกแก้ไขนอก saraban ({', '.join(map(column_name, changed))})")
            if row not in session.dirty:
                session.expunge(row)  # compared: nothing of it need stay in memory
    # Rows of letters the server hides from this login (PostgreSQL row-level security) are not
    # missing: an auditor with the clearance compares them. Their numbers are still checked.
    hidden = hidden_letters(session)
    hidden_mail = hidden_messages(session)
    for (entity, entity_id), row in latest.items():
        if row is not None and (entity, entity_id) not in seen:
            if (entity_id if entity == "letter" else row.get("letter_id")) in hidden or (
                entity == "inbox_message" and entity_id in hidden_mail
            ):
                report.hidden += 1
                continue
            label = row.get("doc_no") or row.get("name") or ""
            name = f"{ENTITY_NAMES.get(entity, entity)} {entity_id} {label}".rstrip()
            report.problems.append(f"{name}: ถูกลบ (มีอยู่ในบันทึก)")
    for key_id, rows in sorted(unkeyed.items()):
        report.problems.append(
            f"{rows} แถวมีข้อความที่บันทึกไว้ด้วยกุญแจบันทึก {key_id} ซึ่งเครื่องนี้ไม่มี จึงตรวจเทียบไม่ได้: "
            f"คัดลอกแฟ้ม ledger.key จากเครื่องที่บันทึกมาไว้ที่ {ledger_key.key_path()}"
        )
    report.problems += _register_gaps(session)
    report.problems += _file_problems(session)
    report.problems += _changes_outside(session)
    return report


_OPERATIONS = {"INSERT": "เพิ่ม", "UPDATE": "แก้ไข", "DELETE": "ลบ"}
_SHOWN = 50
"""Changes named one by one; beyond these, a count (a bulk rewrite would list thousands)."""


def _changes_outside(session: Session) -> list[str]:
    """Rows the PostgreSQL server saw change in a transaction that wrote no ledger record for
    them (migration 0016): a change made outside saraban, found even when it was put back."""
    from sqlalchemy import text

    if session.get_bind().dialect.name != "postgresql":
        return []  # SQLite has no logins: whoever writes its file is its owner
    query = text(
        "SELECT rc.tbl, rc.row_key, rc.op, rc.login, rc.at FROM row_change rc WHERE NOT EXISTS ("
        " SELECT 1 FROM audit_record a WHERE a.txid = rc.txid AND a.entity = rc.tbl"
        " AND (rc.tbl = 'mail_cursor' OR a.entity_id::text = rc.row_key)) ORDER BY rc.id"
    )
    problems: list[str] = []
    found = 0
    for table, key, operation, login, at in session.execute(query.execution_options(yield_per=500)):
        found += 1
        if found <= _SHOWN:
            when = at.astimezone(BANGKOK) if at.tzinfo else at
            problems.append(
                f"{ENTITY_NAMES.get(table, table)} {key or ''}: ถูก{_OPERATIONS.get(operation, operation)}นอก saraban "
                f"โดย {login} เมื่อ {format_thai_date(when.date(), digits='arabic', abbreviated=True)} "
                f"{when:%H.%M} น. (เซิร์ฟเวอร์บันทึกไว้ แม้จะแก้กลับแล้ว)"
            )
    if found > _SHOWN:
        problems.append(f"และอีก {found - _SHOWN} การเปลี่ยนแปลงนอก saraban ที่เซิร์ฟเวอร์บันทึกไว้")
    return problems


def _file_problems(session: Session) -> list[str]:
    """saraban's own copies of received files (:mod:`saraban.services.filestore`) checked
    against the SHA-256 each letter recorded: a copy changed or deleted outside saraban."""
    from saraban.services.filestore import digest, kept

    bind = session.get_bind()
    engine = getattr(bind, "engine", bind)
    problems = []
    query = select(Letter).where(Letter.source_kept.is_(True), Letter.destroyed_at.is_(None))  # type: ignore[union-attr]
    for letter in session.exec(query.execution_options(yield_per=200)):
        name = f"แฟ้มของหนังสือ {letter.id} {letter.doc_no or ''}".rstrip()
        copy = kept(engine, letter.source_sha256, letter.source_path)
        if copy is None:
            problems.append(f"{name}: สำเนาที่ saraban เก็บไว้หายไป (ลบนอก saraban)")
        elif digest(copy) != letter.source_sha256:
            problems.append(f"{name}: สำเนาที่ saraban เก็บไว้ถูกแก้ไข (SHA-256 ไม่ตรงกับที่บันทึก)")
    return problems


def _describe(entity: str, row: object) -> str:
    if isinstance(row, RegisterEntry):
        return f"รายการทะเบียน {row.id} ({row.book} {row.series} {row.number}/{row.year})"
    label = (getattr(row, "doc_no", None) or getattr(row, "name", None) or getattr(row, "account", None)
             or getattr(row, "message_id", None) or "")  # fmt: skip
    return f"{ENTITY_NAMES.get(entity, entity)} {getattr(row, 'id', '')} {label}".replace("  ", " ").rstrip()


def _register_gaps(session: Session) -> list[str]:
    """Registers kept here whose numbers do not run 1…n within a year and series.

    An entry transcribed from a receipt stamp (``source="stamp"``) holds the number that
    office wrote; in our own register it is one of ours and counts. A register holding only
    transcribed stamps is another office's book, seen through the letters it sent on, so its
    gaps are expected and it is left out.
    """
    from collections import defaultdict

    numbers: dict[tuple[int, str, str, int], list[int]] = defaultdict(list)
    kept_here: set[tuple[int, str, str, int]] = set()
    entries = register_numbers(session).c  # every entry, those hidden from this login included
    for agency_id, book, series, year, number, source in session.execute(
        select(entries.agency_id, entries.book, entries.series, entries.year, entries.number, entries.source)
    ):
        key = (agency_id, book, series, year)
        numbers[key].append(number)
        if source != "stamp":
            kept_here.add(key)
    numbers = {key: found for key, found in numbers.items() if key in kept_here}
    problems = []
    for (agency_id, book, series, year), found in sorted(numbers.items()):
        found.sort()
        if found != list(range(1, len(found) + 1)):
            first = next((i + 1 for i, n in enumerate(found) if n != i + 1), len(found))
            problems.append(
                f"ทะเบียน {book} {series} ปี {year} ของหน่วยงาน {agency_id}: เลขไม่เรียง 1…{len(found)} "
                f"(ผิดที่เลข {first}: พบ {found[first - 1] if first <= len(found) else '-'})"
            )
    return problems


def list_records(
    session: Session, *, action: str | None = None, actor: str | None = None, limit: int = 500
) -> list[AuditRecord]:
    """Ledger records, newest first, optionally of one action or one actor (auditors browse these).

    ``action`` is a key or a Thai name, or part of one (see :func:`action_keys`).
    """
    query = select(AuditRecord)
    if action:
        query = query.where(AuditRecord.action.in_(action_keys(action)))  # type: ignore[attr-defined]
    if actor:
        query = query.where(contains(AuditRecord.actor, actor))
    return list(session.exec(query.order_by(AuditRecord.seq.desc()).limit(limit)))  # type: ignore[union-attr]

"""Importing bundles of OCR'd letters: store, link, and turn receipt stamps into receipts.

A stamp becomes an entry of the receiving register of the office that stamped it: the office
named in the stamp, or, when it names none, the office that issued the letter enclosing this
one (which received it in order to forward it). Unknown offices are created for review.
Importing the same file again adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path

from sqlmodel import Session, select

from saraban.db.tables import Agency, Letter, RegisterEntry, RoutingEvent
from saraban.intake import Progress
from saraban.parsing import FileProblem, ParsedLetter, ReceiptStamp, parse_paths
from saraban.services.context import Actor, Context
from saraban.services.directory import office_names
from saraban.services.ledger import record_event
from saraban.services.letters_store import agency_for, store_letter
from saraban.services.linking import link_letter
from saraban.services.registers import record_receipt
from saraban.thai.dates import be_year


@dataclass
class ImportedLetter:
    """One letter of an import and what happened to it."""

    source: str
    index: int
    doc_no: str | None
    letter_id: int
    new: bool
    parent: str | None
    link: str | None
    receipts: list[dict[str, object]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass
class ImportReport:
    """Everything an import did, and the files it could not read."""

    letters: list[ImportedLetter] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    agencies_for_review: list[str] = field(default_factory=list)


def import_paths(ctx: Context, paths: Iterable[str | Path], progress: Progress | None = None) -> ImportReport:
    """Parse files and directories and store their letters, links and receipts, file by file.

    Each file is stored in its own transaction as soon as it is read: a bad file is one line
    in ``problems`` and the next file goes on; a kill keeps every file stored before it, and
    running the import again stores the rest (a stored letter is found again, not repeated).
    """
    report = ImportReport()
    actor = ctx.require_writer()
    flagged_query = select(Agency.id).where(Agency.needs_review.is_(True))  # type: ignore[attr-defined]
    with ctx.reading() as session:
        names = office_names(session)
        before = set(session.exec(flagged_query))
    for path, result in parse_paths(paths, progress=progress, names=names):
        if isinstance(result, FileProblem):
            report.problems.append(result.message)
            continue
        try:
            with ctx.writing() as session:
                report.letters.extend(import_bundle(session, actor, str(path), result))
        except Exception as exc:
            # Rolled back: nothing of this file is half-stored. A value the database refuses
            # (a number longer than its column) is this file's problem, not the batch's.
            detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            report.problems.append(f"{path}: บันทึกไม่ได้ ({detail})")
    with ctx.reading() as session:
        flagged = session.exec(select(Agency).where(Agency.needs_review.is_(True)))  # type: ignore[attr-defined]
        report.agencies_for_review = [a.name for a in flagged if a.id not in before]
    return report


def import_bundle(session: Session, actor: Actor, source: str, parsed: list[ParsedLetter]) -> list[ImportedLetter]:
    """Store the letters of one file, link them, and register their stamps."""
    stored: list[tuple[Letter, bool]] = [store_letter(session, p, source) for p in parsed]
    for (letter, _new), p in zip(stored, parsed, strict=True):
        if p.written_on is not None and letter.parent_id is None:
            host = stored[p.written_on][0]
            letter.parent_id, letter.link_method, letter.link_score = host.id, "written-on", 1.0
            session.add(letter)
        link_letter(session, letter)
    results = []
    for position, ((letter, new), p) in enumerate(zip(stored, parsed, strict=True)):
        assert letter.id is not None
        item = ImportedLetter(source, p.index, letter.doc_no, letter.id, new, None, letter.link_method)
        if letter.parent_id:
            parent = session.get(Letter, letter.parent_id)
            item.parent = parent.doc_no if parent else None
        for stamp in p.receipt_stamps:
            receiver = _receiver(session, stamp, letter, stored, position)
            if receiver is None:
                item.warnings.append(f"ตรารับเลข {stamp.number}: ไม่ทราบหน่วยงานที่รับ จึงไม่ได้ลงทะเบียน")
                continue
            receipt = _register_stamp(session, actor, letter, receiver, stamp)
            if isinstance(receipt, str):
                item.warnings.append(receipt)
            elif receipt is not None:
                item.receipts.append(receipt)
        results.append(item)
    return results


def _receiver(
    session: Session, stamp: ReceiptStamp, letter: Letter, stored: list[tuple[Letter, bool]], position: int
) -> Agency | None:
    if stamp.agency:
        return agency_for(session, name=stamp.agency)
    enclosing = [other for other, _ in stored if other.parent_id == letter.id and other.kind != "other"]
    if not enclosing and position > 0:
        # In a bundle the forwarding letter lies on top of the copy it encloses.
        enclosing = [stored[position - 1][0]]
    for other in enclosing:
        if other.sender_agency_id:
            return session.get(Agency, other.sender_agency_id)
    return None


NO_DATE = "ตรารับไม่ระบุวันที่ (ใช้วันที่ของหนังสือ)"
NO_TIME = "ตรารับไม่ระบุเวลา"


def _stamp_remark(stamp: ReceiptStamp) -> str | None:
    if stamp.date is None:
        return NO_DATE
    return None if stamp.time else NO_TIME


def _register_stamp(
    session: Session, actor: Actor, letter: Letter, agency: Agency, stamp: ReceiptStamp
) -> dict[str, object] | str | None:
    assert letter.id is not None and agency.id is not None
    day = stamp.date or letter.letter_date
    if day is None:
        return f"ตรารับเลข {stamp.number}: ไม่มีวันที่รับและวันที่หนังสือ จึงไม่ได้ลงทะเบียน"
    hour, minute = (int(x) for x in stamp.time.split(":")) if stamp.time else (0, 0)
    when = datetime.combine(day, time(hour, minute))
    number = int(stamp.number) if stamp.number and stamp.number.isdigit() else None
    existing = session.exec(
        select(RegisterEntry).where(
            RegisterEntry.letter_id == letter.id,
            RegisterEntry.agency_id == agency.id,
            RegisterEntry.book == "receive",
        )
    ).all()
    if any(e.number == number for e in existing) or (number is None and existing):
        return None  # imported before
    if number is None:
        event = RoutingEvent(
            letter_id=letter.id,
            event="received",
            agency_id=agency.id,
            at=when,
            note="ตรารับไม่มีเลขรับ",
            created_by=actor.name,
            created_role=actor.role,
        )
        record_event(session, actor, event)
        return {"agency": agency.name, "number": None, "date": day.isoformat(), "time": stamp.time}
    year = be_year(day)
    taken = session.exec(
        select(RegisterEntry.id).where(
            RegisterEntry.agency_id == agency.id,
            RegisterEntry.book == "receive",
            RegisterEntry.series == "general",
            RegisterEntry.year == year,
            RegisterEntry.number == number,
        )
    ).first()
    if taken is not None:
        return f"ตรารับเลข {number}/{year} ของ {agency.name} ใช้กับหนังสือฉบับอื่นแล้ว จึงไม่ได้ลงทะเบียนซ้ำ"
    entry = RegisterEntry(
        agency_id=agency.id,
        book="receive",
        series="general",
        year=year,
        number=number,
        letter_id=letter.id,
        entry_at=when,
        doc_no=letter.doc_no,
        letter_date=letter.letter_date,
        from_text=letter.sender_text,
        to_text=letter.salutation,
        subject=letter.subject,
        source="stamp",
        remark=_stamp_remark(stamp),
        created_by=actor.name,
        created_role=actor.role,
    )
    record_receipt(session, actor, entry)
    return {"agency": agency.name, "number": number, "date": day.isoformat(), "time": stamp.time}

"""Keeping and destroying letters (หมวด ๓ of the correspondence regulation).

Every letter has a retention class (ถาวร, 10 ปี by default, 5 ปี, 1 ปี, per another law, or
under the secrecy rules) and a file code (รหัสแฟ้ม). Within 60 days after a year ends the
office lists the letters whose retention has ended (บัญชีหนังสือขอทำลาย, แบบที่ ๒๕); a committee
decides; only then are they destroyed. Destruction removes a letter's files and body text
and keeps its register rows, numbers and the ledger, whose record of the destruction holds
the SHA-256 of what was destroyed: an auditor still proves what existed, what was destroyed,
when, and on whose approval. A held letter (อายัด) is kept off every list.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from saraban.db.tables import DestructionList, InboxMessage, Letter, RegisterEntry
from saraban.errors import InvalidInput, NotFound, PermissionDenied
from saraban.services.context import Context
from saraban.services.directory import resolve_agency
from saraban.services.filestore import discard
from saraban.services.ledger import append
from saraban.services.ledger_watch import digest
from saraban.services.letters_store import get_letter
from saraban.services.own_books import require_own_books
from saraban.services.secrecy import SECRET_LABEL, hidden_from, require_clearance
from saraban.services.spreadsheet import SafeWriter
from saraban.thai.dates import be_year, format_thai_date, now_bangkok

CLASSES = {"ถาวร": None, "10": 10, "5": 5, "1": 1, "กฎหมายอื่น": None, "ลับ": None}
"""Class → years kept; ``None``: never on a yearly list (kept for ever, or by another rule)."""


@dataclass
class DueLetter:
    letter_id: int
    doc_no: str | None
    letter_date: str | None
    subject: str | None
    file_code: str | None
    retention: str
    registered_year: int
    ends: int
    listed: int | None
    """The open destruction list it is on, if any."""

    def to_json(self) -> dict[str, object]:
        return dict(self.__dict__)


def _letter(session: Session, ref: str) -> Letter:
    """A letter by number, or by ``#id`` for a letter without one."""
    if ref.startswith("#") and ref[1:].isdigit():
        letter = session.get(Letter, int(ref[1:]))
        if letter is None:
            raise NotFound(f"ไม่มีหนังสือ {ref}")
        return letter
    return get_letter(session, ref)


def retention_of(letter: Letter, default: str) -> str:
    if letter.retention:
        return letter.retention
    return "ลับ" if letter.secrecy else default


def due(ctx: Context, year_be: int, at: str | None = None) -> list[DueLetter]:
    """Letters of the office whose retention ends by the end of ``year_be`` (held and destroyed
    ones left out); a letter's years count from the year it entered the office's register."""
    office = at or ctx.settings.office
    if not office:
        raise InvalidInput("ระบุหน่วยงาน (--at) หรือตั้ง office")
    with ctx.reading() as session:
        agency = resolve_agency(session, office)
        open_lists = session.exec(select(DestructionList).where(
            DestructionList.agency_id == agency.id, DestructionList.destroyed_at.is_(None)))  # type: ignore[union-attr]  # fmt: skip
        listed = {letter_id: lst.id for lst in open_lists for letter_id in lst.letter_ids}
        first_year: dict[int, int] = {}
        for entry in session.exec(select(RegisterEntry).where(RegisterEntry.agency_id == agency.id)):
            first_year[entry.letter_id] = min(first_year.get(entry.letter_id, entry.year), entry.year)
        found = []
        for letter_id, year in sorted(first_year.items()):
            letter = session.get(Letter, letter_id)
            if letter is None or letter.retention_hold or letter.destroyed_at:
                continue
            kind = retention_of(letter, ctx.settings.retention_default)
            years = CLASSES.get(kind)
            if years is None or year + years > year_be:
                continue
            dated = letter.letter_date.isoformat() if letter.letter_date else None
            # The list is read by the committee too: a secret letter is listed by number and date.
            subject = SECRET_LABEL if hidden_from(letter.secrecy, ctx.actor.clearance) else letter.subject
            found.append(DueLetter(letter_id, letter.doc_no, dated, subject, letter.file_code, kind, year,
                                   year + years, listed.get(letter_id)))  # fmt: skip
        return found


def set_retention(ctx: Context, ref: str, *, retention: str | None, file_code: str | None, reason: str) -> Letter:
    """Change a letter's retention class or file code, with the reason, in the ledger."""
    if retention is not None and retention not in CLASSES:
        raise InvalidInput(f"ชั้นการเก็บ '{retention}' ไม่ถูกต้อง; ใช้ {', '.join(CLASSES)}")
    if not reason.strip():
        raise InvalidInput("ระบุเหตุผล (--reason)")
    actor = ctx.require_writer()
    with ctx.writing() as session:
        letter = _letter(session, ref)
        # A secret letter's class decides when it may be destroyed: only the cleared change it.
        require_clearance(actor, letter, "เปลี่ยนชั้นการเก็บหนังสือ")
        before = {"retention": letter.retention, "file_code": letter.file_code}
        if retention is not None:
            letter.retention = retention
        if file_code is not None:
            letter.file_code = file_code.strip() or None
        session.add(letter)
        # The reason is free text about the letter: the ledger keeps its digest, as it does a subject's.
        change = {"before": before, "retention": letter.retention, "file_code": letter.file_code,
                  "reason": digest(reason)}  # fmt: skip
        append(session, actor, "retention", "letter", letter.id or 0, change)
        return letter


def hold(ctx: Context, ref: str, reason: str) -> Letter:
    """อายัด: keep a letter off every destruction list (and off an open one it is on)."""
    if not reason.strip():
        raise InvalidInput("ระบุเหตุผลที่อายัด (--reason)")
    actor = ctx.require_writer()
    with ctx.writing() as session:
        letter = _letter(session, ref)
        require_clearance(actor, letter, "อายัดหนังสือ")
        letter.retention_hold = reason.strip()
        session.add(letter)
        for lst in session.exec(select(DestructionList).where(DestructionList.destroyed_at.is_(None))):  # type: ignore[union-attr]
            if letter.id in lst.letter_ids:
                lst.letter_ids = [i for i in lst.letter_ids if i != letter.id]
                session.add(lst)
        append(session, actor, "retention-hold", "letter", letter.id or 0, {"reason": digest(letter.retention_hold)})
        return letter


def make_list(
    ctx: Context, year_be: int, *, at: str | None = None, docx: Path | None = None, csv_path: Path | None = None,
    today: date | None = None,
) -> DestructionList:
    """Draw up the year's บัญชีหนังสือขอทำลาย of the letters due and not yet listed.

    The regulation has the list drawn up within 60 days after the calendar year ends, of the
    letters whose keeping ended in it: a list for a year that has not ended is refused (it
    would put on it letters whose time has not run out).
    """
    from saraban.letters.destruction import ListRow, write_destruction_list

    actor = ctx.require_writer()
    with ctx.reading() as session:
        require_own_books(session, actor, resolve_agency(session, at or ctx.settings.office or "").id,
                          "จัดทำบัญชีหนังสือขอทำลาย")  # fmt: skip
    current = be_year(today or now_bangkok().date())
    if year_be >= current:
        raise InvalidInput(
            f"ปี {year_be} ยังไม่สิ้นสุด: บัญชีหนังสือขอทำลายจัดทำหลังสิ้นปีปฏิทินของหนังสือที่ครบอายุการเก็บในปีนั้น"
            f" (ปีล่าสุดที่ทำได้ {current - 1})"
        )
    rows = [d for d in due(ctx, year_be, at) if d.listed is None]
    if not rows:
        raise InvalidInput(f"ไม่มีหนังสือที่ครบกำหนดทำลายภายในปี {year_be} ที่ยังไม่ได้ลงบัญชี")
    for path in (docx, csv_path):
        if path is not None and path.exists():
            raise InvalidInput(f"{path} มีอยู่แล้ว; ไม่เขียนทับ")
    with ctx.writing() as session:
        agency = resolve_agency(session, at or ctx.settings.office or "")
        listing = DestructionList(agency_id=agency.id, year=year_be, letter_ids=[r.letter_id for r in rows],  # type: ignore[arg-type]
                                  created_by=actor.name)  # fmt: skip
        session.add(listing)
        session.flush()
        append(session, actor, "retention-list", "destruction_list", listing.id or 0,
               {"year": year_be, "letters": listing.letter_ids})  # fmt: skip
        name = agency.name
    table = [
        ListRow(r.doc_no or "-", format_thai_date(_day(r.letter_date), digits="arabic") if r.letter_date else "-",
                r.subject or "-", r.file_code or "", f"เก็บ {r.retention} ปี" if r.retention.isdigit() else r.retention)
        for r in rows
    ]  # fmt: skip
    if docx is not None:
        write_destruction_list(docx, agency=name, year_be=year_be, rows=table, font=ctx.settings.font_name,
                               size=ctx.settings.font_size, digits=ctx.settings.digits)  # fmt: skip
    if csv_path is not None:
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = SafeWriter(handle)
            writer.writerow(["ลำดับที่", "ที่", "ลงวันที่", "เรื่อง", "รหัสแฟ้ม", "การพิจารณา", "หมายเหตุ"])
            for n, row in enumerate(table, start=1):
                writer.writerow([n, row.doc_no, row.date_text, row.subject, row.file_code, "", row.remark])
    return listing


def _day(iso: str) -> date:
    return date.fromisoformat(iso)


def destroy(ctx: Context, list_id: int, approval: str) -> list[int]:
    """Destroy the letters of an approved list: their files and body text go, their rows stay."""
    if not approval.strip():
        raise InvalidInput("ต้องมีมติหรือคำอนุมัติของคณะกรรมการ (--approval)")
    actor = ctx.require_writer()
    with ctx.writing() as session:
        listing = session.get(DestructionList, list_id)
        if listing is None:
            raise NotFound(f"ไม่มีบัญชีหนังสือขอทำลายหมายเลข {list_id}")
        require_own_books(session, actor, listing.agency_id, "ทำลายหนังสือตามบัญชี")
        if listing.destroyed_at is not None:
            raise InvalidInput(f"บัญชีหมายเลข {list_id} ทำลายไปแล้วเมื่อ {format_thai_date(listing.destroyed_at.date())}")
        if listing.created_by == actor.name:
            raise PermissionDenied(
                f"'{actor.name}' จัดทำบัญชีหมายเลข {list_id} เอง: การอนุมัติทำลายต้องบันทึกโดยผู้อื่น"
                " (ตามมติของคณะกรรมการทำลายหนังสือ)"
            )
        for letter_id in listing.letter_ids:
            secret = session.get(Letter, letter_id)
            if secret is not None and not secret.destroyed_at:
                require_clearance(actor, secret, f"ทำลายหนังสือตามบัญชีหมายเลข {list_id}")
        now = now_bangkok().replace(microsecond=0)
        destroyed, proofs = [], {}
        for letter_id in listing.letter_ids:
            letter = session.get(Letter, letter_id)
            if letter is None or letter.retention_hold or letter.destroyed_at:
                continue
            proofs[str(letter_id)] = hashlib.sha256((letter.source_text or "").encode()).hexdigest()
            letter.source_text, letter.destroyed_at = None, now
            session.add(letter)
            for message in session.exec(select(InboxMessage).where(InboxMessage.letter_id == letter_id)):
                message.raw, message.attachments = b"", []
                session.add(message)
            destroyed.append(letter_id)
        session.flush()
        removed = _discard_copies(ctx, session, destroyed)
        listing.approval, listing.approved_by, listing.destroyed_at = approval.strip(), actor.name, now
        session.add(listing)
        record = {"approval": listing.approval, "letters": destroyed, "text_sha256": proofs, "at": now.isoformat(),
                  "files": removed}  # fmt: skip
        append(session, actor, "retention-destroy", "destruction_list", list_id, record)
        return destroyed


def _discard_copies(ctx: Context, session: Session, destroyed: list[int]) -> list[str]:
    """Delete saraban's own copies of the destroyed letters' files (:mod:`saraban.services.filestore`),
    each once no letter still kept was read from the same file. A path outside the store (where
    the clerk had the file) is never touched. Returns the SHA-256 of each copy deleted."""
    removed = []
    for letter_id in destroyed:
        letter = session.get(Letter, letter_id)
        if letter is None or not letter.source_sha256 or letter.source_sha256 in removed:
            continue
        sharing = session.exec(select(Letter.id).where(Letter.source_sha256 == letter.source_sha256,
                                                       Letter.destroyed_at.is_(None)))  # type: ignore[union-attr]  # fmt: skip
        if sharing.first() is None and discard(ctx.engine, letter.source_sha256, letter.source_path) is not None:
            removed.append(letter.source_sha256)
    return removed

"""A register as people read it: the page of the paper book, search, and the CSV for Excel.

Secret letters are shown to uncleared users as the regulation allows: that the entry exists,
its number and its date (see :mod:`saraban.services.secrecy`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import and_, or_
from sqlmodel import Session, select

from saraban.db.like import contains
from saraban.db.tables import Amendment, Letter, RegisterEntry
from saraban.errors import InvalidInput
from saraban.services.context import Context
from saraban.services.directory import resolve_agency
from saraban.services.secrecy import hidden_from
from saraban.thai.dates import format_thai_date
from saraban.thai.digits import to_arabic
from saraban.thai.text import search_key

BOOKS = ("receive", "send")
HIDDEN = "(ลับ — ไม่มีสิทธิ์เห็นรายละเอียด)"


@dataclass
class RegisterRow:
    """A line of a register as the paper book shows it."""

    number: int
    series: str
    year: int
    date: date
    time: str
    doc_no: str | None
    letter_date: date | None
    from_: str | None
    to: str | None
    subject: str | None
    action: str | None
    remark: str | None
    void: bool
    void_reason: str | None
    urgency: str | None
    secrecy: str | None
    deadline: date | None
    letter_id: int
    hidden: bool = False
    amended: bool = False
    """Corrected after it was registered (``saraban history`` lists what and why)."""

    @property
    def label(self) -> str:
        """The number as written in the book (``ว 12`` in the circular series)."""
        return f"ว {self.number}" if self.series == "circular" else str(self.number)

    def to_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "series": self.series,
            "year": self.year,
            "date": self.date.isoformat(),
            "time": self.time,
            "doc_no": self.doc_no,
            "letter_date": self.letter_date.isoformat() if self.letter_date else None,
            "from": self.from_,
            "to": self.to,
            "subject": self.subject,
            "action": self.action,
            "remark": self.remark,
            "void": self.void,
            "void_reason": self.void_reason,
            "urgency": self.urgency,
            "secrecy": self.secrecy,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "amended": self.amended,
        }


def register_rows(
    ctx: Context,
    agency: str,
    *,
    year: int | None = None,
    book: str = "receive",
    search: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[RegisterRow]:
    """A page of a register, newest first; secret letters are shown only to cleared users."""
    if book not in BOOKS:
        raise InvalidInput(f"ทะเบียน '{book}' ไม่ถูกต้อง; ใช้ receive หรือ send")
    with ctx.reading() as session:
        office = resolve_agency(session, agency)
        query = (
            select(RegisterEntry, Letter)
            .join(Letter, Letter.id == RegisterEntry.letter_id)  # type: ignore[arg-type]
            .where(RegisterEntry.agency_id == office.id, RegisterEntry.book == book)
        )
        if year:
            query = query.where(RegisterEntry.year == year)
        if date_from:
            query = query.where(RegisterEntry.entry_at >= datetime.combine(date_from, datetime.min.time()))
        if date_to:
            query = query.where(RegisterEntry.entry_at <= datetime.combine(date_to, datetime.max.time()))
        if search:
            query = query.where(_search_clause(search, ctx.actor.clearance))
        query = query.order_by(RegisterEntry.entry_at.desc(), RegisterEntry.number.desc())  # type: ignore[attr-defined]
        if limit:
            query = query.offset(offset).limit(limit)
        rows = list(session.exec(query))
        amended = _amended(session, [entry.id for entry, _ in rows if entry.id is not None])
    clearance = ctx.actor.clearance
    return [_row(entry, letter, clearance, entry.id in amended) for entry, letter in rows]


def _amended(session: Session, entry_ids: list[int]) -> set[int]:
    """Which of these entries were corrected after registration."""
    if not entry_ids:
        return set()
    query = select(Amendment.entry_id).where(Amendment.entry_id.in_(entry_ids)).distinct()  # type: ignore[union-attr]
    return {entry_id for entry_id in session.exec(query) if entry_id is not None}


def _search_clause(search: str, clearance: int):  # type: ignore[no-untyped-def]
    """Match number, letter number, subject or sender; Thai and Arabic digits match each other.

    The text of a letter hidden from the user is never searched: otherwise a word typed into
    the box would tell them whether it is in a secret subject (one row or none). Its register
    number, which they may see, still matches.
    """
    from saraban.services.secrecy import visible_clause

    text = to_arabic(search.strip())
    texts = or_(
        contains(Letter.number_key, search_key(text)),
        contains(RegisterEntry.subject, text),
        contains(RegisterEntry.from_text, text),
    )
    clauses = [and_(visible_clause(clearance), texts)]
    if text.isdigit():
        clauses.append(RegisterEntry.number == int(text))
    return or_(*clauses)


def remark_of(entry: RegisterEntry, amended: bool = False) -> str | None:
    """หมายเหตุ as the book shows it: the clerk's remark, a back entry's reason, and whether
    the entry was corrected (as a paper book initials a correction)."""
    parts = [entry.remark] if entry.remark else []
    if entry.back_entry_reason:
        parts.append(f"ลงรับย้อนหลัง: {entry.back_entry_reason}")
    if amended:
        parts.append("มีการแก้ไข")
    return "; ".join(parts) or None


def _row(entry: RegisterEntry, letter: Letter, clearance: int, amended: bool = False) -> RegisterRow:
    hidden = hidden_from(letter.secrecy, clearance)
    return RegisterRow(
        number=entry.number,
        series=entry.series,
        year=entry.year,
        date=entry.entry_at.date(),
        time=entry.entry_at.strftime("%H:%M"),
        doc_no=None if hidden else entry.doc_no,
        letter_date=None if hidden else entry.letter_date,
        from_=None if hidden else entry.from_text,
        to=None if hidden else entry.to_text,
        subject=HIDDEN if hidden else entry.subject,
        action=None if hidden else entry.action,
        remark=remark_of(entry, amended),
        void=entry.void,
        void_reason=entry.void_reason,
        urgency=None if hidden else letter.urgency,
        secrecy=letter.secrecy,
        deadline=None if hidden else letter.deadline,
        letter_id=entry.letter_id,
        hidden=hidden,
        amended=amended,
    )


CSV_COLUMNS = {
    "receive": ("เลขทะเบียนรับ", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง", "การปฏิบัติ", "หมายเหตุ", "วันที่รับ", "เวลา"),
    "send": ("เลขทะเบียนส่ง", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง", "การปฏิบัติ", "หมายเหตุ", "วันที่ส่ง", "เวลา"),
}


def write_csv(rows: list[RegisterRow], path: Path, book: str = "receive") -> Path:
    """Write a register as CSV in UTF-8 with BOM (so Excel shows Thai), columns of the paper book."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS[book])
        for row in sorted(rows, key=lambda r: (r.year, r.series, r.number)):
            remark = row.remark or ""
            if row.void:
                remark = f"ยกเลิก: {row.void_reason}" + (f"; {remark}" if remark else "")
            writer.writerow(
                [
                    row.label,
                    row.doc_no or "",
                    format_thai_date(row.letter_date, digits="arabic", abbreviated=True) if row.letter_date else "",
                    row.from_ or "",
                    row.to or "",
                    row.subject or "",
                    row.action or "",
                    remark,
                    format_thai_date(row.date, digits="arabic", abbreviated=True),
                    row.time,
                ]
            )
    return path

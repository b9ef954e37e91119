"""A register as people read it: the page of the paper book, search, and the CSV for Excel.

Secret letters are shown to uncleared users as the regulation allows: that the entry exists,
its number and its date (see :mod:`saraban.services.secrecy`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import and_, false, literal, or_, union_all
from sqlmodel import Session, select

from saraban.db.like import contains
from saraban.db.row_secrecy import hidden_entries, register_index
from saraban.db.tables import Amendment, Letter, RegisterEntry, RoutingEvent
from saraban.errors import InvalidInput
from saraban.services.context import Context
from saraban.services.directory import resolve_agency
from saraban.services.secrecy import hidden_from
from saraban.services.spreadsheet import SafeWriter
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


def books_version(ctx: Context) -> int:
    """How far the books have been written: the newest ledger record's number. Every receipt,
    issue, void and correction writes one, so a screen showing a register page can tell it is
    out of date — another clerk took a number — without reading the page again."""
    from sqlalchemy import func

    from saraban.db.tables import AuditRecord

    with ctx.reading() as session:
        return int(session.exec(select(func.max(AuditRecord.seq))).one() or 0)  # type: ignore[arg-type]


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
    offset = max(0, offset)
    with ctx.reading() as session:
        office = resolve_agency(session, agency)
        window = (office.id, book, year, date_from, date_to)
        query = select(RegisterEntry, Letter).join(Letter, Letter.id == RegisterEntry.letter_id)  # type: ignore[arg-type]
        if search:
            query = query.where(_search_clause(search, ctx.actor.clearance))
        query = _within(query, RegisterEntry.__table__.c, *window)  # type: ignore[attr-defined]
        stubs = hidden_entries(session)
        if stubs is not None:  # PostgreSQL hides secret entries from this login: add them as stubs
            if search:  # of a hidden entry only the number may match (as on every database)
                typed = to_arabic(search.strip())
                stubs = stubs.where(register_index.c.number == int(typed) if typed.isdigit() else false())
            rows = _with_stubs(ctx, session, query, _within(stubs, register_index.c, *window), limit, offset)
        else:
            if limit:
                query = query.offset(offset).limit(limit)
            rows = _rows(ctx, session, list(session.exec(query)))
        return _acted(session, office.id, rows) if book == "receive" else rows  # type: ignore[arg-type]


def _acted(session: Session, office_id: int, rows: list[RegisterRow]) -> list[RegisterRow]:
    """Each received letter's การปฏิบัติ, where the clerk wrote none, from what the office did
    with it: its endorsements (เกษียน) and the letters it sent on ("ส่ง 8 แห่ง ตาม ว 2 ลว. 7 ธ.ค. 69")."""
    wanted = {r.letter_id for r in rows if r.letter_id and not r.hidden and not r.action}
    if not wanted:
        return rows
    done: dict[int, list[str]] = {}
    endorsed = session.exec(
        select(RoutingEvent).where(RoutingEvent.letter_id.in_(wanted), RoutingEvent.agency_id == office_id,  # type: ignore[attr-defined]
                                   RoutingEvent.event == "endorsed").order_by(RoutingEvent.at)  # type: ignore[arg-type]
    )  # fmt: skip
    for event in endorsed:
        done.setdefault(event.letter_id, []).append(f"เกษียน {event.note}" if event.note else "เกษียน")
    sent = session.exec(
        select(Letter.parent_id, RegisterEntry)
        .join(RegisterEntry, RegisterEntry.letter_id == Letter.id)  # type: ignore[arg-type]
        .where(Letter.parent_id.in_(wanted), RegisterEntry.agency_id == office_id,  # type: ignore[union-attr]
               RegisterEntry.book == "send", RegisterEntry.void == False)  # noqa: E712
        .order_by(RegisterEntry.entry_at)  # type: ignore[arg-type]
    )  # fmt: skip
    for parent_id, entry in sent:
        when = format_thai_date(entry.letter_date or entry.entry_at.date(), digits="arabic", abbreviated=True)
        done.setdefault(parent_id, []).append(f"{entry.action or 'ส่งต่อ'} ตาม {entry.doc_no} ลว. {when}")
    return [replace(r, action="; ".join(done[r.letter_id])) if r.letter_id in done and not r.hidden and not r.action
            else r for r in rows]  # fmt: skip


def _within(  # type: ignore[no-untyped-def]
    query, c, agency_id: int, book: str, year: int | None, date_from: date | None, date_to: date | None
):
    """``query`` narrowed to one office's book, a year and dates, in the book's order (newest
    first); ``c`` are the columns of ``register_entry`` or of ``register_index``."""
    query = query.where(c.agency_id == agency_id, c.book == book)
    if year:
        query = query.where(c.year == year)
    if date_from:
        query = query.where(c.entry_at >= datetime.combine(date_from, datetime.min.time()))
    if date_to:
        query = query.where(c.entry_at <= datetime.combine(date_to, datetime.max.time()))
    return query.order_by(c.entry_at.desc(), c.number.desc())


def _rows(ctx: Context, session: Session, rows: list[tuple[RegisterEntry, Letter]]) -> list[RegisterRow]:
    amended = _amended(session, [entry.id for entry, _ in rows if entry.id is not None])
    clearance = ctx.actor.clearance
    return [_row(entry, letter, clearance, entry.id in amended) for entry, letter in rows]


def _with_stubs(ctx: Context, session: Session, query, stubs, limit: int | None, offset: int) -> list[RegisterRow]:  # type: ignore[no-untyped-def]
    """The page when the server hides some entries: the visible rows merged, in the book's
    order, with the hidden ones' number, date and mark (all this login may know of them).

    The page is chosen in SQL over both (ids, times and numbers only), then its rows are read,
    so a deep page costs what a first page does.
    """
    c = register_index.c
    seen = query.with_only_columns(RegisterEntry.id, RegisterEntry.entry_at, RegisterEntry.number,  # type: ignore[arg-type]
                                   literal(False).label("hidden")).order_by(None)  # fmt: skip
    unseen = stubs.with_only_columns(c.id, c.entry_at, c.number, literal(True).label("hidden")).order_by(None)
    both = union_all(seen, unseen).subquery()
    page = select(both.c.id, both.c.hidden).order_by(both.c.entry_at.desc(), both.c.number.desc())
    if limit:
        page = page.offset(offset).limit(limit)
    keys = [(int(entry_id), bool(hidden)) for entry_id, hidden in session.execute(page)]
    wanted = [entry_id for entry_id, hidden in keys if not hidden]
    found = select(RegisterEntry, Letter).join(Letter, Letter.id == RegisterEntry.letter_id)  # type: ignore[arg-type]
    pairs = {entry.id: (entry, letter) for entry, letter in session.exec(found.where(RegisterEntry.id.in_(wanted)))}  # type: ignore[union-attr]
    shown = _rows(ctx, session, [pairs[entry_id] for entry_id in wanted])
    rows: dict[tuple[int, bool], RegisterRow] = {(i, False): row for i, row in zip(wanted, shown, strict=True)}
    hidden_ids = [entry_id for entry_id, hidden in keys if hidden]
    for stub in session.execute(select(register_index).where(c.id.in_(hidden_ids))):
        rows[(stub.id, True)] = _hidden_row(stub)
    return [rows[key] for key in keys]


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


def _hidden_row(entry: RegisterEntry, secrecy: str | None = None) -> RegisterRow:
    """A secret entry for someone without the clearance: it exists, its number, date and mark."""
    return RegisterRow(
        number=entry.number,
        series=entry.series,
        year=entry.year,
        date=entry.entry_at.date(),
        time=entry.entry_at.strftime("%H:%M"),
        doc_no=None,
        letter_date=None,
        from_=None,
        to=None,
        subject=HIDDEN,
        action=None,
        remark=None,
        void=entry.void,
        void_reason=None,
        urgency=None,
        secrecy=secrecy if secrecy is not None else getattr(entry, "secrecy", None),
        deadline=None,
        letter_id=entry.letter_id,
        hidden=True,
    )


def _row(entry: RegisterEntry, letter: Letter, clearance: int, amended: bool = False) -> RegisterRow:
    row = _hidden_row(entry, letter.secrecy)
    if hidden_from(letter.secrecy, clearance):
        return row
    return replace(
        row,
        doc_no=entry.doc_no,
        letter_date=entry.letter_date,
        from_=entry.from_text,
        to=entry.to_text,
        subject=entry.subject,
        action=entry.action,
        remark=remark_of(entry, amended),
        void_reason=entry.void_reason,
        urgency=letter.urgency,
        deadline=letter.deadline,
        hidden=False,
        amended=amended,
    )


CSV_COLUMNS = {
    "receive": ("เลขทะเบียนรับ", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง", "การปฏิบัติ", "หมายเหตุ", "วันที่รับ", "เวลา"),
    "send": ("เลขทะเบียนส่ง", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง", "การปฏิบัติ", "หมายเหตุ", "วันที่ส่ง", "เวลา"),
}


def write_csv(rows: list[RegisterRow], path: Path, book: str = "receive") -> Path:
    """Write a register as CSV in UTF-8 with BOM (so Excel shows Thai), columns of the paper book."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = SafeWriter(handle)
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

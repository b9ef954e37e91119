"""Receiving and sending registers (แบบที่ 13 / 14), numbered as the paper books are.

Numbers run 1, 2, 3 … through each register year, per agency, per book and per series (the
ว series of circulars is separate). A number is taken inside the ledger lock, so it is never
repeated and never skipped, whatever the number of clerks; a cancelled entry stays, void.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from saraban.db.row_secrecy import hidden_entries, register_index, register_numbers
from saraban.db.tables import Agency, Letter, RegisterEntry, RoutingEvent
from saraban.errors import DuplicateLetter, InvalidInput, NotFound, PermissionDenied
from saraban.parsing.record import ParsedLetter
from saraban.services.context import Actor, Context
from saraban.services.directory import resolve_agency
from saraban.services.ledger import record_entry, record_event
from saraban.services.letters_store import find_letter, store_letter
from saraban.services.own_books import require_own_books
from saraban.services.secrecy import require_clearance
from saraban.thai.dates import be_year, format_thai_date, now_bangkok, register_year_be


@dataclass
class Receipt:
    """What a clerk writes on the receipt stamp."""

    number: int
    year: int
    date: date
    time: str
    doc_no: str | None
    letter_id: int
    entry_id: int
    agency: str

    def to_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "year": self.year,
            "date": self.date.isoformat(),
            "time": self.time,
            "doc_no": self.doc_no,
        }


def next_number(session: Session, agency_id: int, book: str, series: str, year: int) -> int:
    """The next number of a register; call only inside ``Context.writing`` (the lock).

    The count of the register's entries, plus one: entries are never deleted (a mistake is
    voided and its number burned), so in an untouched register this is the largest number
    plus one. A row whose number was changed outside saraban therefore cannot push
    numbering forward, and a deleted row makes the next number collide with an existing
    one: the unique key refuses it and ``audit verify`` names the deletion. Entries
    transcribed from this office's own receipt stamp (``source="stamp"``, a letter received
    on paper before it was imported) hold numbers of this register and count like any other.
    """
    # Counted in the index every login reads whole: an uncleared clerk's count includes the
    # secret entries that PostgreSQL hides from them.
    entries = register_numbers(session)
    count = session.execute(
        select(func.count())
        .select_from(entries)
        .where(
            entries.c.agency_id == agency_id,
            entries.c.book == book,
            entries.c.series == series,
            entries.c.year == year,
        )
    ).scalar_one()
    return int(count or 0) + 1


def receipt_of(session: Session, letter_id: int, agency_id: int) -> RegisterEntry | None:
    """The first (not void) receipt of a letter at an agency."""
    return session.exec(
        select(RegisterEntry)
        .where(
            RegisterEntry.letter_id == letter_id,
            RegisterEntry.agency_id == agency_id,
            RegisterEntry.book == "receive",
            RegisterEntry.void.is_(False),  # type: ignore[attr-defined]
        )
        .order_by(RegisterEntry.id)
    ).first()


def _describe_receipt(entry: RegisterEntry) -> str:
    when = entry.entry_at
    return (
        f"เลขรับ {entry.number}/{entry.year} วันที่ {format_thai_date(when.date(), digits='arabic', abbreviated=True)}"
        f" เวลา {when:%H.%M} น."
    )


def already_received(letter: Letter, agency: Agency, first: RegisterEntry) -> DuplicateLetter:
    """The refusal of a second receipt, showing the first one."""
    return DuplicateLetter(f"หนังสือที่ {letter.doc_no or '(ไม่มีเลข)'} รับไว้แล้วที่ {agency.name}: {_describe_receipt(first)}")


def register_receipt(
    session: Session,
    actor: Actor,
    letter: Letter,
    agency: Agency,
    when: datetime,
    *,
    reset: str = "calendar",
    sender_agency_id: int | None = None,
    remark: str | None = None,
    back_entry: str | None = None,
) -> RegisterEntry:
    """Number a received letter in the agency's receiving register (inside the lock).

    Raises:
        DuplicateLetter: Already received there.
        OutOfOrder: ``when`` is before the register's last receipt and there is no
            ``back_entry`` reason (see :mod:`saraban.services.receipt_time`).
        InvalidInput: ``when`` is in the future, or before the letter's own date.
    """
    from saraban.services.receipt_time import check_receipt_time

    assert letter.id is not None and agency.id is not None
    first = receipt_of(session, letter.id, agency.id)
    if first is not None:
        raise already_received(letter, agency, first)
    when = when.replace(second=0, microsecond=0)
    year = register_year_be(when.date(), reset)
    reason = check_receipt_time(session, agency.id, year, when, back_entry=back_entry, letter_date=letter.letter_date)
    entry = RegisterEntry(
        agency_id=agency.id,
        book="receive",
        series="general",
        year=year,
        number=next_number(session, agency.id, "receive", "general", year),
        letter_id=letter.id,
        entry_at=when,
        doc_no=letter.doc_no,
        letter_date=letter.letter_date,
        from_text=letter.sender_text,
        to_text=letter.salutation,
        subject=letter.subject,
        remark=remark,
        back_entry_reason=reason,
        created_by=actor.name,
        created_role=actor.role,
    )
    record_receipt(session, actor, entry)
    return entry


def record_receipt(session: Session, actor: Actor, entry: RegisterEntry) -> None:
    """Ledger a receiving-register entry and the routing event "received" that goes with it."""
    record_entry(session, actor, entry)
    assert entry.id is not None
    record_event(
        session,
        actor,
        RoutingEvent(
            letter_id=entry.letter_id,
            event="received",
            agency_id=entry.agency_id,
            at=entry.entry_at,
            register_entry_id=entry.id,
            created_by=actor.name,
            created_role=actor.role,
        ),
    )


def receipt_for(entry: RegisterEntry, agency: Agency) -> Receipt:
    assert entry.id is not None
    return Receipt(
        entry.number,
        entry.year,
        entry.entry_at.date(),
        entry.entry_at.strftime("%H:%M"),
        entry.doc_no,
        entry.letter_id,
        entry.id,
        agency.name,
    )


def receive(
    ctx: Context,
    parsed: ParsedLetter,
    at: str,
    when: datetime | None = None,
    source: str | None = None,
    *,
    back_entry: str | None = None,
    same_as: str | None = None,
    another: bool = False,
) -> Receipt:
    """Register a parsed letter as received at an agency (now, unless ``when``).

    A letter that may be one this office registered lately, arriving again as another file
    (:mod:`saraban.services.near_copies`), is not numbered until the clerk says which it is:
    ``same_as`` the first receipt (``12/2569``: the copy goes on that letter's history and
    its number is returned) or ``another`` letter.

    A letter date read as later than the receipt is a misreading (a letter cannot be dated
    after it arrived): it is left empty with a warning for the clerk, never stored. A letter
    already stored takes what the clerk confirmed where its entry here was voided, and fills
    its empty fields otherwise (see :func:`saraban.services.amendment.confirm_reading`).

    Raises:
        DuplicateLetter: The letter was already received there; the message shows the first
            receipt, and no number is taken.
        PermissionDenied: The acting user may not register letters.
        PossibleCopy: It may be a letter received here lately; nothing is written.
    """
    from saraban.services.near_copies import PossibleCopy, link_copy, near_copies

    actor = ctx.require_writer()
    when = when or now_bangkok()
    if same_as is not None and another:
        raise InvalidInput("เลือกได้อย่างเดียว: ฉบับเดียวกับเลขรับเดิม (--same-as) หรือหนังสืออีกฉบับ (--another)")
    if same_as is not None:
        with ctx.writing() as session:
            agency = resolve_agency(session, at)
            require_own_books(session, actor, agency.id, "ลงรับ")
            return receipt_for(link_copy(session, actor, agency, same_as, parsed, when, source), agency)
    require_subject(parsed)
    parsed = without_later_date(parsed, when)
    with ctx.reading() as session:
        agency = resolve_agency(session, at)
        require_own_books(session, actor, agency.id, "ลงรับ")
        existing = find_letter(session, parsed)
        if existing is not None and existing.id is not None and agency.id is not None:
            first = receipt_of(session, existing.id, agency.id)
            if first is not None:
                raise already_received(existing, agency, first)
        if not another and agency.id is not None:
            candidates = near_copies(session, parsed, agency.id, when, actor.clearance)
            if candidates:
                raise PossibleCopy(candidates)
    with ctx.writing() as session:
        agency = session.get(Agency, agency.id)
        assert agency is not None
        letter, created = store_letter(session, parsed, source, agency)
        if created:
            from saraban.services.linking import link_letter

            link_letter(session, letter)
        else:
            from saraban.services.amendment import confirm_reading

            assert agency.id is not None
            confirm_reading(session, actor, letter, parsed, agency.id)
        entry = register_receipt(
            session, actor, letter, agency, when, reset=ctx.settings.numbering_reset, back_entry=back_entry
        )
        return receipt_for(entry, agency)


def require_subject(parsed: ParsedLetter) -> None:
    """Refuse to register a letter without เรื่อง: the register line would say nothing.

    Raises:
        InvalidInput: Asking the clerk to type it (``--subject`` on the command line).
    """
    if not (parsed.subject or "").strip():
        what = "หนังสือประทับตราไม่มีบรรทัดเรื่อง" if parsed.kind == "stamped" else "หนังสือไม่มีเรื่อง (อ่านไม่พบ)"
        raise InvalidInput(f"{what}: กรอกเรื่องก่อนลงรับ (--subject)")


def without_later_date(parsed: ParsedLetter, when: datetime) -> ParsedLetter:
    """The letter without a date that falls after its receipt, which can only be misread."""
    if parsed.date is None or parsed.date <= when.date():
        return parsed
    shown = format_thai_date(parsed.date, digits="arabic", abbreviated=True)
    warning = f"วันที่ของหนังสือ {shown} อยู่หลังวันรับ จึงไม่บันทึก: ตรวจและกรอกเอง"
    provenance = {k: v for k, v in parsed.provenance.items() if k != "date"}  # no value, no source
    return replace(parsed, date=None, warnings=[*parsed.warnings, warning], provenance=provenance)


def acknowledge(
    ctx: Context, doc_no: str, at: str, when: datetime | None = None, *, back_entry: str | None = None
) -> Receipt:
    """A recipient records receipt of a letter already in saraban (``saraban ack``)."""
    from saraban.services.letters_store import get_letter

    actor = ctx.require_writer()
    with ctx.writing() as session:
        letter = get_letter(session, doc_no)
        agency = resolve_agency(session, at)
        require_own_books(session, actor, agency.id, "ลงรับ")
        entry = register_receipt(
            session,
            actor,
            letter,
            agency,
            when or now_bangkok(),
            reset=ctx.settings.numbering_reset,
            back_entry=back_entry,
        )
        return receipt_for(entry, agency)


def void(
    ctx: Context,
    agency: str,
    number: int,
    reason: str,
    *,
    year: int | None = None,
    book: str = "receive",
    series: str = "general",
) -> RegisterEntry:
    """Cancel a register entry: it stays in the register, marked void with its reason.

    Raises:
        InvalidInput: No reason was given, or the entry is already void.
        NotFound: No such entry.
    """
    if not reason.strip():
        raise InvalidInput("ต้องระบุเหตุผลการยกเลิก (--reason)")
    actor = ctx.require_writer()
    year = year or be_year(now_bangkok().date())
    with ctx.writing() as session:
        entry = find_entry(session, agency, number, year=year, book=book, series=series)
        require_own_books(session, actor, entry.agency_id, "ยกเลิกเลข")
        # Voiding shows and changes a secret entry: the clearance its letter needs.
        require_clearance(actor, session.get(Letter, entry.letter_id), f"ยกเลิกเลข {number}/{year}")
        if entry.void:
            raise InvalidInput(f"เลข {number}/{year} ถูกยกเลิกไปแล้ว: {entry.void_reason}")
        entry.void = True
        entry.void_reason = reason.strip()
        session.add(entry)  # the ledger records the void (ledger_watch)
        session.flush()
        return entry


def find_entry(
    session: Session, agency: str, number: int, *, year: int, book: str = "receive", series: str = "general"
) -> RegisterEntry:
    """The entry with this number in an office's register.

    Raises:
        NotFound: Naming the register searched.
    """
    office = resolve_agency(session, agency)
    entry = session.exec(
        select(RegisterEntry).where(
            RegisterEntry.agency_id == office.id,
            RegisterEntry.book == book,
            RegisterEntry.series == series,
            RegisterEntry.year == year,
            RegisterEntry.number == number,
        )
    ).first()
    if entry is None:
        hidden = hidden_entries(session)
        if hidden is not None:
            c = register_index.c
            row = session.execute(hidden.where(c.agency_id == office.id, c.book == book, c.series == series,
                                               c.year == year, c.number == number)).first()  # fmt: skip
            if row is not None:  # there, but the server hides it: say so, as SQLite's checks do
                raise PermissionDenied(
                    f"เลข {number}/{year} เป็นหนังสือชั้น{row.secrecy}: ต้องได้รับสิทธิ์ชั้นความลับ{row.secrecy}ขึ้นไป"
                )
        raise NotFound(f"ไม่พบเลข {number}/{year} ในทะเบียน{_book_name(book)}ของ {office.name}")
    return entry


def _book_name(book: str) -> str:
    return "หนังสือรับ" if book == "receive" else "หนังสือส่ง"


__all__ = [
    "Receipt",
    "acknowledge",
    "find_entry",
    "next_number",
    "receipt_for",
    "receive",
    "record_receipt",
    "register_receipt",
    "require_subject",
    "void",
    "without_later_date",
]

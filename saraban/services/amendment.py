"""Amendment: correcting what was registered, visibly.

A register is evidence, so a correction never overwrites in silence: the entry shows the
current value, an :class:`~saraban.db.tables.Amendment` row keeps what it said before, who
changed it, when and why, and the ledger covers both. A correction of what was *read*
(เรื่อง, ที่, ลงวันที่, จาก, ถึง) corrects the letter too, so trace and search find it by its
right name; การปฏิบัติ and หมายเหตุ belong to this office's entry alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from saraban.db.tables import Agency, Amendment, Letter, RegisterEntry
from saraban.errors import InvalidInput, NotFound
from saraban.parsing.docno import read_number
from saraban.parsing.record import ParsedLetter
from saraban.services.context import Actor, Context
from saraban.services.directory import find_by_name, normalise_code, resolve_agency
from saraban.services.ledger_names import BOOK_COLUMNS
from saraban.services.letters_store import agency_for, fingerprint
from saraban.services.own_books import require_own_books
from saraban.services.registers import find_entry
from saraban.services.secrecy import hidden_from, require_clearance
from saraban.thai.dates import be_year, format_thai_date, now_bangkok, parse_thai_date
from saraban.thai.digits import to_arabic
from saraban.thai.text import search_key

FIELDS = BOOK_COLUMNS
"""The register's columns a clerk may correct, as the paper book heads them."""
LETTER_COLUMN = {
    "subject": "subject",
    "doc_no": "doc_no",
    "letter_date": "letter_date",
    "from_text": "sender_text",
    "to_text": "salutation",
}
"""Where each correction of the reading also lands on the letter."""
_READ_AS = {"letter_date": "date", "sender_text": "sender_agency", "salutation": "salutation_to"}
"""A letter column's name as a reading (and its provenance) calls the field."""


@dataclass
class AmendmentView:
    """One correction as the letter screen lists it; hidden values are ``None``."""

    at: datetime
    by: str
    field: str
    label: str
    old: str | None
    new: str | None
    reason: str | None
    entry: str | None
    """``"เลขรับ 326/2569 (อำเภอ…)"``, or ``None`` for a correction made on a re-receipt."""

    def to_json(self) -> dict[str, object]:
        return {
            "at": self.at.isoformat(timespec="minutes"),
            "by": self.by,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "reason": self.reason,
            "entry": self.entry,
        }


def amend(
    ctx: Context,
    agency: str,
    number: int | str,
    changes: Mapping[str, str | None],
    reason: str,
    *,
    year: int | None = None,
    book: str = "receive",
    series: str = "general",
) -> list[Amendment]:
    """Correct fields of a registered entry (``saraban amend``).

    Args:
        ctx: Who acts.
        agency: The office whose register it is.
        number: The entry's register number, or the number (ที่) of the letter it received.
        changes: Register column → the value as the clerk typed it (see :data:`FIELDS`);
            an empty text clears a field (never เรื่อง).
        reason: Why (kept with each change).
        year: Register year (BE); default this year.
        book: ``receive`` or ``send``.
        series: ``general`` or ``circular``.

    Returns:
        The amendments recorded, one per field that changed.

    Raises:
        InvalidInput: No reason, an unknown field, an unreadable value, nothing changed, or
            the entry is void (receive the letter again instead).
        PermissionDenied: The user may not write, or is not cleared for the letter.
    """
    actor = ctx.require_writer()
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput("ต้องระบุเหตุผลการแก้ไข (--reason)")
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise InvalidInput(f"แก้ไขช่อง {', '.join(unknown)} ไม่ได้; แก้ได้: {', '.join(FIELDS)}")
    with ctx.writing() as session:
        if isinstance(number, str) and not to_arabic(number).strip().isdigit():
            entry = _receipt_of_letter(session, agency, number, actor.clearance)
        else:
            year = year or be_year(now_bangkok().date())
            entry = find_entry(session, agency, int(to_arabic(str(number))), year=year, book=book, series=series)
        return amend_entry(session, actor, entry, changes, reason)


def _receipt_of_letter(session: Session, agency: str, doc_no: str, clearance: int) -> RegisterEntry:
    """The office's (not void) receipt of the letter with this number."""
    from saraban.services.letters_store import get_letter
    from saraban.services.registers import receipt_of

    letter = get_letter(session, doc_no, clearance)
    office = resolve_agency(session, agency)
    assert letter.id is not None and office.id is not None
    entry = receipt_of(session, letter.id, office.id)
    if entry is None:
        raise NotFound(f"{office.name} ไม่มีเลขรับของหนังสือที่ {letter.doc_no or doc_no} (หรือยกเลิกไปแล้ว)")
    return entry


def amend_entry(
    session: Session, actor: Actor, entry: RegisterEntry, changes: Mapping[str, str | None], reason: str
) -> list[Amendment]:
    """Apply corrections to one entry inside the write lock (see :func:`amend`)."""
    if entry.void:
        raise InvalidInput(
            f"เลข {entry.number}/{entry.year} ถูกยกเลิกแล้ว ({entry.void_reason}): ลงรับใหม่ด้วยค่าที่ถูกต้องแทนการแก้ไข"
        )
    require_own_books(session, actor, entry.agency_id, "แก้ไขรายการ")
    letter = session.get(Letter, entry.letter_id)
    assert letter is not None and entry.id is not None
    require_clearance(actor, letter, "แก้ไขรายการ")
    at = now_bangkok().replace(second=0, microsecond=0)
    made: list[Amendment] = []
    for name, typed in changes.items():
        new = _value(name, typed, entry)
        old = getattr(entry, name)
        if new == old:
            continue
        setattr(entry, name, new)
        made.append(_amendment(actor, letter, entry.id, name, old, new, reason, at))
        if name in LETTER_COLUMN:
            _correct_letter(session, letter, LETTER_COLUMN[name], new)
    if not made:
        raise InvalidInput("ค่าที่กรอกตรงกับที่ลงทะเบียนไว้แล้ว: ไม่มีการแก้ไข")
    _refingerprint(session, letter)
    session.add(entry)
    session.add(letter)
    session.add_all(made)
    session.flush()
    return made


def confirm_reading(session: Session, actor: Actor, letter: Letter, parsed: ParsedLetter, agency_id: int) -> None:
    """Take what the clerk confirmed into a letter already stored, before it is received again.

    After a mistaken entry was voided at this office, its corrected reading replaces the
    letter's (the void says the first reading was wrong). Otherwise the stored reading stands
    (another office registered it) and only its empty fields are filled. Each change is an
    amendment, so the letter's history shows it.
    """
    assert letter.id is not None
    voided = session.exec(
        select(RegisterEntry)
        .where(
            RegisterEntry.letter_id == letter.id,
            RegisterEntry.agency_id == agency_id,
            RegisterEntry.book == "receive",
            RegisterEntry.void.is_(True),  # type: ignore[attr-defined]
        )
        .order_by(RegisterEntry.id.desc())  # type: ignore[union-attr]
    ).first()
    confirmed = {"subject": parsed.subject, "from_text": parsed.sender_agency, "to_text": parsed.salutation_to}
    if voided is not None:
        reason = f"ลงรับใหม่แทนเลข {voided.number}/{voided.year} ที่ยกเลิก ({voided.void_reason})"
    else:
        reason = "เติมช่องที่ว่างจากการลงรับ"
    at = now_bangkok().replace(second=0, microsecond=0)
    made = []
    for name, value in confirmed.items():
        column = LETTER_COLUMN[name]
        old = getattr(letter, column)
        if not value or value == old or (old and voided is None):
            continue
        made.append(_amendment(actor, letter, None, name, old, value, reason, at))
        _correct_letter(session, letter, column, value, read_code=parsed.code_prefix or "",
                        read_from=parsed.provenance.get(_READ_AS.get(column, column)))
    if made:
        _refingerprint(session, letter)
        session.add(letter)
        session.add_all(made)
        session.flush()


def amendments_of(ctx: Context, letter_id: int) -> list[AmendmentView]:
    """A letter's corrections, oldest first; their values are hidden from the uncleared."""
    with ctx.reading() as session:
        letter = session.get(Letter, letter_id)
        if letter is None:
            return []
        hidden = hidden_from(letter.secrecy, ctx.actor.clearance)
        rows = session.exec(
            select(Amendment, RegisterEntry, Agency)
            .outerjoin(RegisterEntry, RegisterEntry.id == Amendment.entry_id)  # type: ignore[arg-type]
            .outerjoin(Agency, Agency.id == RegisterEntry.agency_id)  # type: ignore[arg-type]
            .where(Amendment.letter_id == letter_id)
            .order_by(Amendment.id)  # type: ignore[arg-type]
        )
        return [
            AmendmentView(
                at=row.at,
                by=row.created_by,
                field=row.field_name,
                label=FIELDS.get(row.field_name, row.field_name),
                old=None if hidden else shown(row.field_name, row.old_value),
                new=None if hidden else shown(row.field_name, row.new_value),
                reason=None if hidden else row.reason,
                entry=_entry_label(entry, office) if entry is not None else None,
            )
            for row, entry, office in rows
        ]


def shown(name: str, value: str | None) -> str | None:
    """A stored value as people read it (a date in BE)."""
    if value and name == "letter_date":
        return format_thai_date(date.fromisoformat(value), digits="arabic", abbreviated=True)
    return value


def _entry_label(entry: RegisterEntry, office: Agency | None) -> str:
    book = "เลขรับ" if entry.book == "receive" else "เลขส่ง"
    number = f"ว {entry.number}" if entry.series == "circular" else str(entry.number)
    return f"{book} {number}/{entry.year}" + (f" ({office.name})" if office else "")


def _amendment(
    actor: Actor,
    letter: Letter,
    entry_id: int | None,
    name: str,
    old: object,
    new: object,
    reason: str,
    at: datetime,
) -> Amendment:
    assert letter.id is not None
    return Amendment(
        letter_id=letter.id,
        entry_id=entry_id,
        field_name=name,
        old_value=_stored(old),
        new_value=_stored(new),
        reason=reason,
        at=at,
        created_by=actor.name,
        created_role=actor.role,
    )


def _stored(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def _value(name: str, typed: str | None, entry: RegisterEntry) -> object:
    """A typed correction as the register stores it.

    Raises:
        InvalidInput: The value cannot be what the field holds.
    """
    text = " ".join((typed or "").split())
    if name == "subject":
        if not text:
            raise InvalidInput("เรื่องว่างไม่ได้: กรอกเรื่องของหนังสือ")
        return text
    if not text:
        return None
    if name == "doc_no":
        number = read_number(to_arabic(text).removeprefix("ที่").strip())
        if not number.complete or number.value is None:
            raise InvalidInput(f"เลขที่หนังสือ '{text}' ไม่ครบ: พิมพ์ทั้งรหัสและเลข เช่น นน 0023.5/ว 1104")
        return number.value
    if name == "letter_date":
        try:
            when = parse_thai_date(text)
        except ValueError as exc:
            raise InvalidInput(f"ลงวันที่: {exc}") from exc
        if when > entry.entry_at.date():
            raise InvalidInput(f"ลงวันที่ {format_thai_date(when, digits='arabic')} อยู่หลังวันที่ลงทะเบียน")
        return when
    return text


def _correct_letter(
    session: Session, letter: Letter, column: str, value: object, *, read_code: str | None = None,
    read_from: str | None = None,
) -> None:
    """Set one column of the letter, with what depends on it (number key, sender office).

    ``read_code`` is the letter code of a confirmed reading (a re-receipt): its sender is
    found or added for review as when a letter is first stored. A sender typed as a
    correction is linked only to an office the directory knows by that name; otherwise it
    stays text, never a wrong office. The field's provenance becomes ``clerk``, or for a
    confirmed reading ``read_from`` (where that reading took it).
    """
    setattr(letter, column, value)
    field = _READ_AS.get(column, column)
    provenance = {k: v for k, v in (letter.provenance or {}).items() if k != field}
    if value not in (None, ""):
        provenance[field] = "clerk" if read_code is None else (read_from or "clerk")
    letter.provenance = provenance or None  # a new dict: the JSON column sees the change
    if column == "doc_no":
        doc_no = value if isinstance(value, str) else None
        prefix, _, running = (doc_no or "").partition("/")
        letter.number_key = search_key(doc_no) if doc_no else None
        letter.code_prefix = normalise_code(prefix) if doc_no else None
        letter.running_no = running.replace("ว", "").strip() or None
        letter.circular = running.startswith("ว") if doc_no else None
    elif column == "sender_text":
        name = value if isinstance(value, str) else None
        if not name:
            office = None
        elif read_code is not None:
            office = agency_for(session, code=read_code, name=name)
        else:
            office = find_by_name(session, name)
        letter.sender_agency_id = office.id if office is not None else None


def _refingerprint(session: Session, letter: Letter) -> None:
    """Recompute the letter's identity; refuse a correction that makes it another stored letter."""
    key = fingerprint(letter.doc_no, letter.letter_date, letter.subject, letter.sender_text)
    if key == letter.fingerprint:
        return
    other = session.exec(select(Letter).where(Letter.fingerprint == key, Letter.id != letter.id)).first()
    if other is not None:
        raise InvalidInput(
            f"หลังแก้ไข หนังสือนี้ตรงกับหนังสือที่มีอยู่แล้ว #{other.id} ({other.doc_no or 'ไม่มีเลข'}): ยกเลิกรายการนี้แล้วลงรับหนังสือนั้นแทน"
        )
    letter.fingerprint = key

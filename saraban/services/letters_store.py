"""Storing letters: identity (so one letter is stored once), sender lookup, and finding by number."""

from __future__ import annotations

import hashlib
import re
from datetime import date

from sqlmodel import Session, select

from saraban.db.like import ends_with
from saraban.db.row_secrecy import hidden_copy, hidden_receipt
from saraban.db.tables import Agency, Citation, Letter
from saraban.errors import Ambiguous, DuplicateLetter, NotFound, PermissionDenied
from saraban.parsing.record import ParsedLetter
from saraban.services.directory import find_by_code_prefix, find_by_name, normalise_code
from saraban.services.filestore import keep
from saraban.thai.dates import format_thai_date
from saraban.thai.text import search_key


def fingerprint(doc_no: str | None, letter_date: date | None, subject: str | None, sender: str | None) -> str:
    """The identity of a letter: its complete number and date, else its content.

    Two copies of one circular (received by two paths, or imported twice) share it.
    """
    if doc_no and re.search(r"/\s*(?:ว\s*)?\d+$", doc_no):
        basis = f"no|{search_key(doc_no)}|{letter_date.isoformat() if letter_date else ''}"
    else:
        basis = f"tx|{search_key(subject or '')}|{search_key(sender or '')}|{letter_date or ''}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def guess_level(name: str) -> str:
    """The directory level an unknown office's name suggests."""
    if re.search(r"เทศบาล|องค์การบริหารส่วน|อบต\.|อบจ\.", name):
        return "local"
    if "อำเภอ" in name:
        return "district"
    if "จังหวัด" in name:
        return "province"
    if name.startswith("กระทรวง"):
        return "ministry"
    if name.startswith("กรม"):
        return "department"
    if name.startswith(("กอง", "สำนัก", "ศูนย์", "กลุ่ม")):
        return "division"
    return "other"


def agency_for(
    session: Session, *, code: str | None = None, name: str | None = None, create: bool = True
) -> Agency | None:
    """The agency named by a letter code and/or an office name; unknown ones are created for review.

    A name that is not in the directory, with a code whose longest known prefix belongs to
    another office (``อต 0023.14`` under ``อต 0023``), is a new office under that one.
    """
    agency = find_by_name(session, name) if name else None
    if agency is None and name and " " in name:
        # A longer printed name ("กระทรวงมหาดไทย สำนักงานปลัดกระทรวง …") may end with a known unit.
        agency = find_by_name(session, name.split(" ")[-1])
    if agency is not None:
        return agency
    normalised = normalise_code(code) if code else None
    by_code = find_by_code_prefix(session, normalised) if normalised else None
    if by_code is not None and (not name or by_code.code == normalised):
        return by_code
    if not create or not (name or code):
        return by_code
    taken = normalised and _code_taken(session, normalised)
    if normalised and not taken and name and guess_level(name) == "other":
        # A "sender" that reads like no office ("ส31 กุมภาพันธ์ ๒๕๖๗", an OCR slip) must not become
        # the owner of a real office's code: the code gets a placeholder for an administrator
        # to name, and the letter keeps what it printed.
        name = None
    agency = Agency(
        name=name or f"หน่วยงานรหัส {normalised}",
        code=None if taken else normalised,
        level=guess_level(name or ""),
        parent_id=by_code.id if by_code else None,
        province=by_code.province if by_code else None,
        needs_review=True,
    )
    session.add(agency)
    session.flush()
    return agency


def _code_taken(session: Session, code: str) -> bool:
    """Whether ``code`` is an office's already: the directory's, or printed on letters filed
    under an office the directory lists without a code (a town's ``นน 73501``). A near name
    ("สำนักงานเทศบาลตำบล…" beside "เทศบาลตำบล…") added for review must not take it, or later
    letters bearing it would be filed under the copy."""
    if session.exec(select(Agency.id).where(Agency.code == code)).first():
        return True
    filed = select(Letter.id).where(Letter.code_prefix == code, Letter.sender_agency_id.is_not(None))  # type: ignore[union-attr]
    return session.exec(filed).first() is not None


def find_letter(session: Session, parsed: ParsedLetter) -> Letter | None:
    """The stored letter that is the same letter as ``parsed``, if any."""
    key = fingerprint(parsed.doc_no, parsed.date, parsed.subject, parsed.sender_agency)
    return session.exec(select(Letter).where(Letter.fingerprint == key)).first()


def refuse_hidden_copy(session: Session, parsed: ParsedLetter, agency: Agency | None = None) -> None:
    """Refuse a letter that is stored already but hidden from this login (PostgreSQL, a secret
    letter above their clearance): storing it again would make two letters of one.

    Raises:
        DuplicateLetter: It was received at ``agency`` already: its receipt number and time.
        PermissionDenied: Otherwise; a cleared colleague registers it.
    """
    hidden = hidden_copy(session, search_key(parsed.doc_no) if parsed.doc_no else None, parsed.date)
    if hidden is None:
        return
    first = hidden_receipt(session, hidden, agency.id) if agency is not None and agency.id is not None else None
    if first is not None:
        raise DuplicateLetter(
            f"หนังสือลับฉบับนี้รับไว้แล้วที่ {agency.name if agency else ''}: เลขรับ {first.number}/{first.year}"
            f" วันที่ {format_thai_date(first.entry_at.date(), digits='arabic', abbreviated=True)}"
            f" เวลา {first.entry_at:%H.%M} น."
        )
    raise PermissionDenied(
        f"หนังสือที่ {parsed.doc_no} เป็นหนังสือลับที่อยู่ในระบบแล้ว: ผู้มีสิทธิ์ชั้นความลับเป็นผู้ลงรับหรือนำเข้า"
    )


def store_letter(
    session: Session, parsed: ParsedLetter, source_path: str | None = None, agency: Agency | None = None
) -> tuple[Letter, bool]:
    """Store a parsed letter unless it is already stored. Returns the letter and whether it is new.

    Args:
        agency: The office receiving it, if any: a copy hidden from this login that was
            received there already is refused with that receipt (:func:`refuse_hidden_copy`).
    """
    existing = find_letter(session, parsed)
    bind = session.get_bind()
    engine = getattr(bind, "engine", bind)
    copy = keep(engine, source_path, parsed.source_sha256)  # saraban's own copy, whoever owns the path
    if existing is not None:
        if copy is not None and existing.source_sha256 == parsed.source_sha256 and not existing.source_kept:
            existing.source_kept = True
            session.add(existing)
        return existing, False
    refuse_hidden_copy(session, parsed, agency)
    sender = agency_for(session, code=parsed.code_prefix, name=parsed.sender_agency)
    running = (
        parsed.doc_no.split("/", 1)[1].replace("ว", "").strip() if parsed.doc_no and "/" in parsed.doc_no else None
    )
    letter = Letter(
        kind=parsed.kind,
        doc_no=parsed.doc_no,
        code_prefix=normalise_code(parsed.code_prefix) if parsed.code_prefix else None,
        running_no=running or None,
        circular=parsed.circular,
        letter_date=parsed.date,
        subject=parsed.subject,
        salutation=parsed.salutation_to,
        sender_text=parsed.sender_agency,
        sender_agency_id=sender.id if sender else None,
        urgency=parsed.urgency,
        secrecy=parsed.secrecy,
        attachments=list(parsed.attachments),
        references=[{"doc_no": r.doc_no, "date": r.date.isoformat() if r.date else None} for r in parsed.references],
        signer_name=parsed.signer_name,
        signer_position=parsed.signer_position,
        deadline=parsed.deadline,
        source_text=parsed.text,
        source_path=source_path,
        source_sha256=parsed.source_sha256,
        source_kind=parsed.source_kind,
        source_kept=True if copy is not None else None,
        confidence=dict(parsed.confidence) or None,
        provenance=dict(parsed.provenance) or None,
        fingerprint=fingerprint(parsed.doc_no, parsed.date, parsed.subject, parsed.sender_agency),
        warnings=list(parsed.warnings),
    )
    add_letter(session, letter)
    return letter, True


def add_letter(session: Session, letter: Letter) -> Letter:
    """Insert a letter with its number key and its citations."""
    letter.number_key = search_key(letter.doc_no) if letter.doc_no else None
    session.add(letter)
    session.flush()
    assert letter.id is not None
    for ref in letter.references or []:
        if ref.get("doc_no"):
            session.add(
                Citation(
                    letter_id=letter.id,
                    ref_key=search_key(ref["doc_no"]),
                    ref_doc_no=ref["doc_no"],
                    ref_date=date.fromisoformat(ref["date"]) if ref.get("date") else None,
                )
            )
    return letter


def letters_by_number(session: Session, doc_no: str) -> list[Letter]:
    """Letters whose number matches, whatever digits or spacing were typed (``ว5551`` = ``ว ๕๕๕๑``).

    A full number matches exactly; a partial one (``ว 5551``, ``0023.3/ว5551``) matches the
    numbers that end with it.
    """
    key = search_key(doc_no)
    exact = list(session.exec(select(Letter).where(Letter.number_key == key).order_by(Letter.id)))
    if exact or not key:
        return exact
    ending = f"/{key}" if "/" not in key else key
    return list(session.exec(select(Letter).where(ends_with(Letter.number_key, ending)).order_by(Letter.id)))


def get_letter(session: Session, doc_no: str, clearance: int = 0) -> Letter:
    """The one letter with this number.

    Args:
        session: An open session.
        doc_no: The number as typed, or ``#id``.
        clearance: The asking user's clearance: an ambiguity lists a secret letter above it
            by id and date only (default: show no secret subject).

    Raises:
        NotFound: No letter has it.
        Ambiguous: Several letters (different dates) share it; the message lists them.
    """
    from saraban.services.secrecy import describe_for

    if doc_no.startswith("#") and doc_no[1:].isdigit():
        letter = session.get(Letter, int(doc_no[1:]))
        if letter:
            return letter
    found = letters_by_number(session, doc_no)
    if not found:
        raise NotFound(f"ไม่พบหนังสือที่ {doc_no}")
    if len(found) > 1:
        raise Ambiguous(
            "เลขที่หนังสือ",
            doc_no,
            [describe_for(x, clearance) for x in found],
        )
    return found[0]

"""The same letter arriving twice as different files: the e-mailed PDF, then the paper's scan.

The second file reads differently (its number and date blank where they were written by
hand, its subject OCR'd), so it is not found as the same letter, and without a question it
takes a second เลขรับ. Receiving therefore looks, among this office's recent receipts, for
one the new reading matches on its subject and on something else (sender, date, signer, or
a number that differs only where the reading is unsure) and asks the clerk: the same letter
(the copy is linked to the first entry, no number is taken) or another one.

Two letters whose numbers were both read for sure and differ are different letters, however
alike their subjects: an office sends the same subject to the same place many times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from sqlmodel import Session, select

from saraban.db.tables import Agency, Letter, RegisterEntry, RoutingEvent
from saraban.errors import InvalidInput, NotFound, PermissionDenied, SarabanError
from saraban.parsing import ParsedLetter
from saraban.services.context import Actor
from saraban.services.ledger import record_event
from saraban.services.secrecy import hidden_from
from saraban.thai.dates import format_thai_date
from saraban.thai.digits import to_arabic
from saraban.thai.text import search_key, skeleton

WINDOW = timedelta(days=60)
"""How far back a copy is looked for: paper follows e-mail by hours or days, not months."""
SAME_TEXT = 85
"""RapidFuzz ratio (on text without its marks, which OCR drops) for a subject, sender or signer."""


@dataclass
class Candidate:
    """A receipt the new letter may be a copy of, as the clerk is shown it."""

    entry_id: int
    number: int
    year: int
    at: datetime
    reasons: list[str]
    subject: str | None
    """``None`` when the letter is secret above the clerk's clearance."""

    @property
    def label(self) -> str:
        """``เลขรับ 12/2569 (7 ธ.ค. 69 09.30 น.) เรื่อง …: เรื่องเดียวกัน, ผู้ส่งเดียวกัน``."""
        when = f"{format_thai_date(self.at.date(), digits='arabic', abbreviated=True)} {self.at:%H.%M} น."
        about = f" เรื่อง {self.subject}" if self.subject else " (หนังสือลับ)"
        return f"เลขรับ {self.number}/{self.year} ({when}){about}: {', '.join(self.reasons)}"


class PossibleCopy(SarabanError):
    """The letter may be one this office already registered; the clerk says which it is."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.candidates = candidates
        shown = "; ".join(c.label for c in candidates[:3])
        first = candidates[0]
        super().__init__(
            f"อาจเป็นหนังสือที่ลงรับไว้แล้ว: {shown} — ถ้าเป็นฉบับเดียวกันให้ผูกกับรายการเดิม"
            f" (--same-as {first.number}/{first.year}) ถ้าเป็นอีกฉบับให้ลงรับใหม่ (--another)"
        )


def near_copies(session: Session, parsed: ParsedLetter, agency_id: int, when: datetime,
                clearance: int) -> list[Candidate]:  # fmt: skip
    """This office's receipts of the last :data:`WINDOW` that ``parsed`` may be a copy of,
    the likeliest first."""
    if not parsed.subject:
        return []  # the subject must agree (see _reasons): nothing to compare
    window = (
        RegisterEntry.agency_id == agency_id,
        RegisterEntry.book == "receive",
        RegisterEntry.void.is_(False),  # type: ignore[attr-defined]
        RegisterEntry.entry_at >= when - WINDOW,
        RegisterEntry.entry_at <= when + timedelta(days=1),
    )
    # A busy office holds thousands of receipts in the window: read only the columns compared
    # (whole letters, with their JSON and OCR text, made each receipt slower than the last),
    # and the subject first.
    rows = [
        row
        for row in session.exec(
            select(  # type: ignore[call-overload]
                RegisterEntry.id, RegisterEntry.number, RegisterEntry.year, RegisterEntry.entry_at,
                Letter.subject, Letter.secrecy, Letter.number_key, Letter.sender_agency_id, Letter.sender_text,
                Letter.letter_date, Letter.signer_name,
            )
            .join(Letter, Letter.id == RegisterEntry.letter_id)  # type: ignore[arg-type]
            .where(*window)
        ).all()
        if not hidden_from(row.secrecy, clearance) and _alike(parsed.subject, row.subject)
    ]  # fmt: skip
    wanted = {row.sender_agency_id for row in rows if row.sender_agency_id}
    senders = {a.id: a.name for a in session.exec(select(Agency).where(Agency.id.in_(wanted)))} if wanted else {}  # type: ignore[union-attr]
    found = []
    for row in rows:
        reasons = _reasons(parsed, row, senders.get(row.sender_agency_id))
        if reasons:
            found.append(Candidate(row.id, row.number, row.year, row.entry_at, reasons, row.subject))
    return sorted(found, key=lambda c: (-len(c.reasons), -c.at.timestamp()))


def _reasons(parsed: ParsedLetter, letter: Any, sender_name: str | None) -> list[str]:
    """Why ``parsed`` may be ``letter`` (a stored letter's compared columns; empty: it is not)."""
    read = parsed.doc_no or _suggested_number(parsed)
    whole = _whole(parsed.doc_no)
    if whole and _whole(letter.number_key) and search_key(parsed.doc_no or "") != letter.number_key:
        return []  # both numbers whole, sure and different: two letters
    reasons = []
    same_number = bool(read and letter.number_key and _close_numbers(search_key(read), letter.number_key))
    if same_number:
        reasons.append("เลขที่หนังสือเดียวกัน" if whole else "เลขที่ใกล้เคียง (อ่านไม่ครบหรือไม่ชัด)")
    if _alike(parsed.subject, letter.subject):
        reasons.insert(0, "เรื่องเดียวกัน")
    if _alike(parsed.sender_agency, sender_name) or _alike(parsed.sender_agency, letter.sender_text):
        reasons.append("ผู้ส่งเดียวกัน")
    if parsed.date and parsed.date == letter.letter_date:
        reasons.append("ลงวันที่เดียวกัน")
    if _alike(parsed.signer_name, letter.signer_name):
        reasons.append("ผู้ลงนามเดียวกัน")
    # The subject must agree: an office sends several letters on one day under close numbers.
    return reasons if "เรื่องเดียวกัน" in reasons and len(reasons) >= 2 else []


def _whole(number: str | None) -> bool:
    """Whether a number was read with its running figures (not only its printed part)."""
    return bool(number and re.search(r"/\D*\d", to_arabic(number)))


def _suggested_number(parsed: ParsedLetter) -> str | None:
    offer = parsed.suggestions.get("doc_no")
    return str(offer["value"]) if isinstance(offer, dict) and offer.get("value") else None


def _close_numbers(read: str, stored: str) -> bool:
    """The same number, one that differs in a single figure (where OCR is unsure), or its
    printed part when the running number was written by hand and not read."""
    if read == stored or (not read[-1:].isdigit() and stored.startswith(read)):
        return True
    if not stored[-1:].isdigit() and read.startswith(stored):
        return True  # the first copy was the one whose running number was not read
    return len(read) == len(stored) and sum(a != b for a, b in zip(read, stored, strict=True)) == 1


def _alike(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return fuzz.ratio(skeleton(" ".join(a.split())), skeleton(" ".join(b.split()))) >= SAME_TEXT


def link_copy(session: Session, actor: Actor, agency: Agency, first: str, parsed: ParsedLetter, when: datetime,
              source: str | None) -> RegisterEntry:  # fmt: skip
    """Record that a copy of the letter entered as ``first`` (``12/2569``) arrived, on that
    letter's history, and take no number: the clerk writes the first เลขรับ on the copy.

    Raises:
        InvalidInput: ``first`` is not ``number/year``.
        NotFound: This office has no such receipt (or it was voided).
        PermissionDenied: The letter is secret above the clerk's clearance.
    """
    number, _, year = first.strip().partition("/")
    if not (number.isdigit() and year.isdigit()):
        raise InvalidInput(f"--same-as '{first}': ระบุเลขรับเดิมเป็น เลข/ปี เช่น 12/2569")
    entry = session.exec(
        select(RegisterEntry).where(
            RegisterEntry.agency_id == agency.id,
            RegisterEntry.book == "receive",
            RegisterEntry.number == int(number),
            RegisterEntry.year == int(year),
            RegisterEntry.void.is_(False),  # type: ignore[attr-defined]
        )
    ).first()
    letter = session.get(Letter, entry.letter_id) if entry is not None else None
    if entry is None or letter is None:
        raise NotFound(f"ไม่พบเลขรับ {first} ของ {agency.name} (หรือถูกยกเลิกแล้ว)")
    if hidden_from(letter.secrecy, actor.clearance):
        raise PermissionDenied(f"เลขรับ {first} เป็นหนังสือลับ: ผู้ใช้ {actor.name} ไม่มีสิทธิ์ผูกสำเนากับหนังสือนี้")
    if _whole(parsed.doc_no) and _whole(letter.number_key) and search_key(parsed.doc_no or "") != letter.number_key:
        raise InvalidInput(f"เลขรับ {first} คือหนังสือที่ {letter.doc_no}: ไม่ใช่ {parsed.doc_no} (ตรวจเลขรับเดิมอีกครั้ง)")
    name = Path(source).name if source else "ข้อความที่วาง"
    digest = f", SHA-256 {parsed.source_sha256[:16]}…" if parsed.source_sha256 else ""
    record_event(session, actor, RoutingEvent(
        letter_id=letter.id, event="copy", agency_id=agency.id, at=when, register_entry_id=entry.id,
        note=f"ได้รับอีกฉบับของหนังสือเลขรับ {entry.number}/{entry.year} ({name}{digest})",
        created_by=actor.name, created_role=actor.role,
    ))  # fmt: skip
    return entry

"""One letter with everything around it: references, parent and children, receipts, routing
events and endorsements (what the Letter screen shows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import select

from saraban.db.row_secrecy import hidden_mark
from saraban.db.tables import Agency, Letter, RegisterEntry, RoutingEvent
from saraban.errors import NotFound
from saraban.services.amendment import FIELDS, AmendmentView, amendments_of
from saraban.services.context import Context
from saraban.services.secrecy import hidden_from
from saraban.thai.dates import format_thai_date
from saraban.thai.text import search_key


@dataclass
class LinkedLetter:
    letter_id: int | None
    doc_no: str | None
    date: date | None
    note: str = ""


@dataclass
class EventView:
    event: str
    agency: str
    to: str | None
    at: datetime
    note: str | None
    by: str


@dataclass
class ReceiptView:
    agency: str
    number: int
    year: int
    at: datetime
    void: bool
    agency_id: int | None = None
    values: dict[str, str] = field(default_factory=dict)
    """The entry's correctable fields as the register holds them (empty when hidden), to
    start an amendment from."""


@dataclass
class LetterDetail:
    """A letter as the Letter screen shows it; secret fields are empty for uncleared users."""

    id: int
    kind: str
    doc_no: str | None
    date: date | None
    subject: str | None
    salutation: str | None
    sender: str | None
    urgency: str | None
    secrecy: str | None
    deadline: date | None
    signer_name: str | None
    signer_position: str | None
    attachments: list[str] = field(default_factory=list)
    references: list[LinkedLetter] = field(default_factory=list)
    parent: LinkedLetter | None = None
    children: list[LinkedLetter] = field(default_factory=list)
    receipts: list[ReceiptView] = field(default_factory=list)
    events: list[EventView] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source_text: str | None = None
    hidden: bool = False
    amendments: list[AmendmentView] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)
    """Where each field's value came from (see :func:`provenance_note`)."""

    @property
    def endorsements(self) -> list[EventView]:
        return [e for e in self.events if e.event == "endorsed"]


def letter_detail(ctx: Context, letter_id: int) -> LetterDetail:
    """Everything about one letter."""
    with ctx.reading() as session:
        letter = session.get(Letter, letter_id)
        if letter is None:
            hidden = hidden_mark(session, letter_id)  # PostgreSQL hides it from this login
            if hidden is None:
                raise NotFound(f"ไม่พบหนังสือ #{letter_id}")
            return LetterDetail(id=letter_id, kind="", doc_no=None, date=None, subject=None, salutation=None,
                                sender=None, urgency=None, secrecy=hidden[0], deadline=None, signer_name=None,
                                signer_position=None, hidden=True)  # fmt: skip
        entries = list(session.exec(select(RegisterEntry).where(RegisterEntry.letter_id == letter_id)))
        events = list(session.exec(select(RoutingEvent).where(RoutingEvent.letter_id == letter_id)))
        child_letters = list(session.exec(select(Letter).where(Letter.parent_id == letter_id).order_by(Letter.id)))
        wanted = {letter.sender_agency_id, *(c.sender_agency_id for c in child_letters)}
        wanted |= {e.agency_id for e in entries} | {e.agency_id for e in events} | {e.to_agency_id for e in events}
        wanted.discard(None)
        names = {a.id: a.name for a in session.exec(select(Agency).where(Agency.id.in_(wanted)))}  # type: ignore[union-attr]
        hidden = hidden_from(letter.secrecy, ctx.actor.clearance)
        detail = LetterDetail(
            id=letter_id,
            kind=letter.kind,
            doc_no=letter.doc_no,
            date=letter.letter_date,
            subject=None if hidden else letter.subject,
            salutation=None if hidden else letter.salutation,
            sender=None if hidden else (names.get(letter.sender_agency_id) or letter.sender_text),
            urgency=letter.urgency,
            secrecy=letter.secrecy,
            deadline=None if hidden else letter.deadline,
            signer_name=None if hidden else letter.signer_name,
            signer_position=None if hidden else letter.signer_position,
            attachments=[] if hidden else list(letter.attachments or []),
            warnings=list(letter.warnings or []),
            source_text=None if hidden else letter.source_text,
            hidden=hidden,
            provenance=dict(letter.provenance or {}),
        )
        if not hidden:
            for ref in letter.references or []:
                found = session.exec(
                    select(Letter).where(Letter.number_key == search_key(ref.get("doc_no") or ""))
                ).first()
                detail.references.append(
                    LinkedLetter(
                        found.id if found else None,
                        ref.get("doc_no"),
                        date.fromisoformat(ref["date"]) if ref.get("date") else None,
                    )
                )
        if letter.parent_id:
            parent = session.get(Letter, letter.parent_id)
            if parent:
                detail.parent = LinkedLetter(parent.id, parent.doc_no, parent.letter_date, link_note(letter))
        for child in child_letters:
            detail.children.append(
                LinkedLetter(child.id, child.doc_no, child.letter_date, names.get(child.sender_agency_id, ""))
            )
        for entry in sorted(entries, key=lambda e: e.entry_at):
            if entry.book == "receive":
                detail.receipts.append(
                    ReceiptView(
                        names.get(entry.agency_id, "?"),
                        entry.number,
                        entry.year,
                        entry.entry_at,
                        entry.void,
                        entry.agency_id,
                        {} if hidden else _values(entry),
                    )
                )
        for event in sorted(events, key=lambda e: e.at):
            detail.events.append(
                EventView(
                    event.event,
                    names.get(event.agency_id, "?"),
                    names.get(event.to_agency_id) if event.to_agency_id else None,
                    event.at,
                    None if hidden else event.note,
                    event.created_by,
                )
            )
    detail.amendments = amendments_of(ctx, letter_id)
    return detail


def _values(entry: RegisterEntry) -> dict[str, str]:
    values = {name: getattr(entry, name) for name in FIELDS}
    if entry.letter_date:
        values["letter_date"] = format_thai_date(entry.letter_date, digits="arabic", abbreviated=True)
    return {name: value or "" for name, value in values.items()}


PROVENANCE_NAMES = {
    "typed": "ไฟล์ข้อความ",
    "text-layer": "ข้อความในไฟล์ PDF",
    "ocr": "OCR",
    "ocr+digit-reader": "OCR และตัวอ่านตัวเลข",
    "clerk": "เจ้าหน้าที่พิมพ์",
}
"""How a person is told where a value came from."""
_FIELD_NAMES = {
    "doc_no": "ที่", "date": "ลงวันที่", "subject": "เรื่อง", "sender_agency": "จาก", "salutation_to": "เรียน",
    "urgency": "ความเร่งด่วน", "secrecy": "ชั้นความลับ", "signer_name": "ผู้ลงนาม", "signer_position": "ตำแหน่ง",
    "deadline": "กำหนดส่ง", "attachments": "สิ่งที่ส่งมาด้วย", "references": "อ้างถึง", "kind": "ชนิด",
}  # fmt: skip


def provenance_note(provenance: dict[str, str]) -> str:
    """One line saying where the register's key values came from, e.g. ``ที่: OCR และตัวอ่าน
    ตัวเลข · ลงวันที่: เจ้าหน้าที่พิมพ์`` (empty when nothing was recorded, as for letters
    stored before saraban kept it). An auditor weighs a number a clerk typed differently
    from one a machine read."""
    parts = [
        f"{label}: {PROVENANCE_NAMES.get(provenance[key], provenance[key])}"
        for key, label in _FIELD_NAMES.items()
        if key in provenance
    ]
    return " · ".join(parts)


LINK_NAMES = {
    "exact": "เลขที่และวันที่ตรงกัน",
    "fuzzy": "ใกล้เคียง",
    "issued": "ส่งต่อโดยสำนักงานนี้",
    "manual": "เจ้าหน้าที่ผูกไว้",
}
"""How a letter was linked to the one it forwards or cites, as a person is told it."""


def link_note(letter: Letter) -> str:
    """``ใกล้เคียง 72%`` / ``เลขที่และวันที่ตรงกัน``: why the Letter screen says this is its parent."""
    name = LINK_NAMES.get(letter.link_method or "", letter.link_method or "")
    if letter.link_method == "fuzzy" and letter.link_score is not None:
        return f"{name} {letter.link_score:.0%}"
    return name

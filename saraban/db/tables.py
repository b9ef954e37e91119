"""The tables of a saraban database.

Register entries and routing events are append-only: every one is also written to the
hash-chained ``audit_record`` ledger, and ``saraban audit verify`` checks both against each
other. Times are Thailand wall-clock times (UTC+7, no tzinfo), as paper registers record them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, DateTime, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from saraban.thai.dates import now_bangkok

LEVELS = ("ministry", "department", "division", "province", "district", "local", "other")
LEVEL_NAMES = {
    "ministry": "กระทรวง",
    "department": "กรม",
    "division": "กอง/สำนัก",
    "province": "จังหวัด",
    "district": "อำเภอ",
    "local": "อปท.",
    "other": "อื่น ๆ",
}
"""How people name each level (the stored key stays English, as in JSON)."""
ROLES = ("admin", "clerk", "secretary", "auditor")
SECRECY_LEVELS = {None: 0, "ลับ": 1, "ลับมาก": 2, "ลับที่สุด": 3}
# On PostgreSQL a secret letter's rows are hidden by row-level security from a login without
# the clearance (migration 0010), and INSERT … RETURNING of a row the writer may not read is
# refused. So these tables take their new ids from the sequence first (SQLAlchemy does that
# when RETURNING is off): an uncleared clerk can still register a secret letter handed over.
_NO_RETURNING = {"implicit_returning": False}


class Agency(SQLModel, table=True):
    """An office in the directory: ministry → department → division, province → district → local body."""

    __tablename__ = "agency"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, max_length=300)
    short_name: str | None = Field(default=None, index=True, max_length=80)
    code: str | None = Field(default=None, index=True, max_length=40)
    """Letter code, e.g. ``"อต 0023.14"``; letters the office issues are numbered ``code/…``."""
    level: str = Field(default="other", index=True, max_length=20)
    parent_id: int | None = Field(default=None, foreign_key="agency.id", index=True)
    province: str | None = Field(default=None, index=True, max_length=4)
    """Two-letter province code (กท for Bangkok) for offices in a province."""
    dla_code: str | None = Field(default=None, unique=True, max_length=10)
    """Seven-digit รหัส อปท. of a local body (DLA open data)."""
    body_type: str | None = Field(default=None, max_length=40)
    aliases: str | None = Field(default=None, sa_column=Column(Text))
    """Other names that mean this office, separated by ``|`` (e.g. ศาลากลางจังหวัด…)."""
    needs_review: bool = Field(default=False, index=True)
    """Created automatically during an import; a person should check it."""
    email: str | None = Field(default=None, index=True, max_length=200)
    """The office's central mailbox (``saraban@…`` since the 2564 amendment)."""
    created_at: datetime = Field(default_factory=now_bangkok, sa_type=DateTime())


class User(SQLModel, table=True):
    """A person who works with saraban, with a role and a secrecy clearance."""

    __tablename__ = "app_user"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=120)
    role: str = Field(default="clerk", max_length=20)
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    clearance: int = Field(default=0)
    """0: none, 1: ลับ, 2: ลับมาก, 3: ลับที่สุด."""
    login: str | None = Field(default=None, index=True, unique=True, max_length=120)
    """The operating-system login this person uses (see :mod:`saraban.services.identity`)."""
    password_hash: str | None = Field(default=None, max_length=200)
    """scrypt hash, for offices where clerks share one login (``login = "password"``)."""
    created_at: datetime = Field(default_factory=now_bangkok, sa_type=DateTime())


class Letter(SQLModel, table=True):
    """One official letter, whoever issued it; received copies share one row."""

    __tablename__ = "letter"
    __table_args__ = _NO_RETURNING
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default="external", max_length=20)
    doc_no: str | None = Field(default=None, index=True, max_length=80)
    number_key: str | None = Field(default=None, index=True, max_length=80)
    """The number as typed searches see it: Arabic digits, no spaces or dots (``ว5551``)."""
    code_prefix: str | None = Field(default=None, index=True, max_length=60)
    running_no: str | None = Field(default=None, max_length=20)
    circular: bool | None = Field(default=None)
    letter_date: date | None = Field(default=None, index=True)
    subject: str | None = Field(default=None, sa_column=Column(Text))
    salutation: str | None = Field(default=None, sa_column=Column(Text))
    sender_text: str | None = Field(default=None, max_length=300)
    sender_agency_id: int | None = Field(default=None, foreign_key="agency.id", index=True)
    recipients: list = Field(default_factory=list, sa_column=Column(JSON))
    """Distribution list: ``[{"agency_id": …, "name": …}]``."""
    urgency: str | None = Field(default=None, max_length=20)
    secrecy: str | None = Field(default=None, max_length=20)
    attachments: list = Field(default_factory=list, sa_column=Column(JSON))
    references: list = Field(default_factory=list, sa_column=Column(JSON))
    signer_name: str | None = Field(default=None, max_length=200)
    signer_position: str | None = Field(default=None, max_length=300)
    deadline: date | None = Field(default=None, index=True)
    source_text: str | None = Field(default=None, sa_column=Column(Text))
    source_path: str | None = Field(default=None, max_length=500)
    source_sha256: str | None = Field(default=None, index=True, max_length=64)
    """SHA-256 of the file the letter was read from (the scan, PDF or text the clerk had)."""
    source_kind: str | None = Field(default=None, max_length=20)
    """How its text was read: ``text``, ``docx``, ``pdf-text``, ``pdf-ocr``, ``pdf-mixed``, ``image-ocr``."""
    source_kept: bool | None = None
    """saraban keeps its own copy of the source file, named by ``source_sha256`` (0012)."""
    confidence: dict | None = Field(default=None, sa_column=Column(JSON))
    """The reading's confidence per field (0–1), as the clerk saw it when confirming."""
    provenance: dict | None = Field(default=None, sa_column=Column(JSON))
    """Where each field's value came from: ``typed``, ``text-layer``, ``ocr``,
    ``ocr+digit-reader`` or ``clerk`` (0014; see :attr:`saraban.parsing.record.ParsedLetter.provenance`)."""
    retention: str | None = Field(default=None, max_length=20)
    """Retention class (หมวด 3): ``ถาวร``, ``10``, ``5``, ``1`` (years), ``กฎหมายอื่น``, ``ลับ``; default by settings."""
    file_code: str | None = Field(default=None, max_length=60)
    """รหัสแฟ้ม: the office's filing code."""
    retention_hold: str | None = Field(default=None, sa_column=Column(Text))
    """Why the letter is held (อายัด) off every destruction list; ``None`` when not held."""
    destroyed_at: datetime | None = Field(default=None, sa_type=DateTime())
    """When its files and body text were destroyed after an approved list (the row stays)."""
    fingerprint: str = Field(index=True, max_length=64)
    """Identity of the letter for duplicate detection (number and date, or content)."""
    parent_id: int | None = Field(default=None, foreign_key="letter.id", index=True)
    """The letter this one forwards or cites."""
    link_method: str | None = Field(default=None, max_length=20)
    """How the parent link was made: ``exact``, ``fuzzy``, ``issued`` or ``manual``."""
    link_score: float | None = Field(default=None)
    link_confirmed: bool = Field(default=False)
    warnings: list = Field(default_factory=list, sa_column=Column(JSON))
    created_at: datetime = Field(default_factory=now_bangkok, sa_type=DateTime())


class Citation(SQLModel, table=True):
    """A letter cited by another (อ้างถึง, or enclosed as a copy), for linking either way round."""

    __tablename__ = "citation"
    id: int | None = Field(default=None, primary_key=True)
    letter_id: int = Field(foreign_key="letter.id", index=True)
    ref_key: str = Field(index=True, max_length=80)
    ref_doc_no: str = Field(max_length=80)
    ref_date: date | None = Field(default=None)


class RegisterEntry(SQLModel, table=True):
    """A line of a receiving (แบบที่ 13) or sending (แบบที่ 14) register."""

    __tablename__ = "register_entry"
    __table_args__ = (
        UniqueConstraint("agency_id", "book", "series", "year", "number", name="uq_register_number"),
        # The register screen pages newest first within a year, or within a date range.
        Index("ix_register_page_year", "agency_id", "book", "year", "entry_at", "number"),
        Index("ix_register_page_dates", "agency_id", "book", "entry_at"),
        _NO_RETURNING,
    )
    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    book: str = Field(max_length=10)
    """``receive`` or ``send``."""
    series: str = Field(default="general", max_length=10)
    """``general``, or ``circular`` for the ว series of the sending register."""
    year: int = Field(index=True)
    """Register year in Buddhist Era."""
    number: int
    letter_id: int = Field(foreign_key="letter.id", index=True)
    entry_at: datetime = Field(index=True, sa_type=DateTime())
    doc_no: str | None = Field(default=None, max_length=80)
    letter_date: date | None = Field(default=None)
    from_text: str | None = Field(default=None, max_length=300)
    to_text: str | None = Field(default=None, sa_column=Column(Text))
    subject: str | None = Field(default=None, sa_column=Column(Text))
    action: str | None = Field(default=None, sa_column=Column(Text))
    """การปฏิบัติ: to whom it went and when."""
    remark: str | None = Field(default=None, sa_column=Column(Text))
    source: str = Field(default="saraban", max_length=10)
    """``saraban`` (numbered here) or ``stamp`` (read from a receipt stamp on an import)."""
    void: bool = Field(default=False)
    void_reason: str | None = Field(default=None, sa_column=Column(Text))
    back_entry_reason: str | None = Field(default=None, sa_column=Column(Text))
    """Why this receipt was entered with a time earlier than the register's last one
    (ลงรับย้อนหลัง); numbers otherwise follow time."""
    created_by: str = Field(max_length=120)
    created_role: str = Field(max_length=20)


class Amendment(SQLModel, table=True):
    """A correction of what was registered: the field, what it said, what it says now, and why.

    The register shows the current value; this is its history (the letter screen lists it,
    and the ledger covers each row, so a correction is never silent).
    """

    __tablename__ = "amendment"
    __table_args__ = _NO_RETURNING
    id: int | None = Field(default=None, primary_key=True)
    letter_id: int = Field(foreign_key="letter.id", index=True)
    entry_id: int | None = Field(default=None, foreign_key="register_entry.id", index=True)
    """The register entry corrected; ``None`` for a correction of the letter alone (a re-receipt)."""
    field_name: str = Field(max_length=30)
    """The register's column: ``subject``, ``doc_no``, ``letter_date``, ``from_text``, …"""
    old_value: str | None = Field(default=None, sa_column=Column(Text))
    new_value: str | None = Field(default=None, sa_column=Column(Text))
    reason: str = Field(sa_column=Column(Text, nullable=False))
    at: datetime = Field(sa_type=DateTime())
    created_by: str = Field(max_length=120)
    created_role: str = Field(max_length=20)


class RoutingEvent(SQLModel, table=True):
    """A step in a letter's journey: sent, received, endorsed (เกษียน)."""

    __tablename__ = "routing_event"
    __table_args__ = _NO_RETURNING
    id: int | None = Field(default=None, primary_key=True)
    letter_id: int = Field(foreign_key="letter.id", index=True)
    event: str = Field(max_length=20)
    """``sent``, ``received`` or ``endorsed``."""
    agency_id: int = Field(foreign_key="agency.id", index=True)
    """The office that acted (sender, receiver, endorser)."""
    to_agency_id: int | None = Field(default=None, foreign_key="agency.id", index=True)
    at: datetime = Field(index=True, sa_type=DateTime())
    register_entry_id: int | None = Field(default=None, foreign_key="register_entry.id")
    note: str | None = Field(default=None, sa_column=Column(Text))
    created_by: str = Field(max_length=120)
    created_role: str = Field(max_length=20)


class InboxMessage(SQLModel, table=True):
    """An e-mail in the office's inbox, kept byte for byte, with what was read from it."""

    __tablename__ = "inbox_message"
    __table_args__ = _NO_RETURNING
    id: int | None = Field(default=None, primary_key=True)
    message_id: str | None = Field(default=None, unique=True, max_length=500)
    raw_sha256: str = Field(unique=True, max_length=64)
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    sender_address: str | None = Field(default=None, max_length=300)
    sender_agency_id: int | None = Field(default=None, foreign_key="agency.id")
    subject: str | None = Field(default=None, sa_column=Column(Text))
    mail_date: datetime | None = Field(default=None, sa_type=DateTime())
    """The e-mail's Date header (Thailand time)."""
    arrived_at: datetime = Field(sa_type=DateTime())
    """When it reached the mailbox (IMAP INTERNALDATE) or was imported."""
    origin: str = Field(default="import", max_length=20)
    """``import`` (a file) or ``imap``."""
    attachments: list = Field(default_factory=list, sa_column=Column(JSON))
    """``[{"filename", "sha256", "size", "kind", "letters": [parse --json], "problem"}]``."""
    problems: list = Field(default_factory=list, sa_column=Column(JSON))
    status: str = Field(default="waiting", index=True, max_length=20)
    """``waiting``, ``accepted`` or ``rejected``."""
    reason: str | None = Field(default=None, sa_column=Column(Text))
    letter_id: int | None = Field(default=None, foreign_key="letter.id")
    register_entry_id: int | None = Field(default=None, foreign_key="register_entry.id")
    created_at: datetime = Field(default_factory=now_bangkok, sa_type=DateTime())


class MailCursor(SQLModel, table=True):
    """How far ``mail fetch`` has read one IMAP mailbox (UIDs are valid within a UIDVALIDITY)."""

    __tablename__ = "mail_cursor"
    account: str = Field(primary_key=True, max_length=300)
    uidvalidity: int = Field(default=0)
    last_uid: int = Field(default=0)


class Dispatch(SQLModel, table=True):
    """A letter sent to one recipient by e-mail (or not sent, and why)."""

    __tablename__ = "dispatch"
    __table_args__ = (UniqueConstraint("letter_id", "agency_id", "method", name="uq_dispatch"),)
    id: int | None = Field(default=None, primary_key=True)
    letter_id: int = Field(foreign_key="letter.id", index=True)
    agency_id: int = Field(foreign_key="agency.id")
    method: str = Field(default="email", max_length=20)
    address: str | None = Field(default=None, max_length=300)
    file: str | None = Field(default=None, max_length=500)
    """The PDF sent."""
    message_id: str | None = Field(default=None, max_length=500)
    status: str = Field(default="pending", max_length=20)
    """``pending`` (the number is taken, the mail not yet confirmed sent), ``sent`` or ``no-address``."""
    sent_at: datetime | None = Field(default=None, sa_type=DateTime())


class DestructionList(SQLModel, table=True):
    """บัญชีหนังสือขอทำลาย (แบบที่ 25) of one year, and the committee's decision on it."""

    __tablename__ = "destruction_list"
    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id")
    year: int
    letter_ids: list = Field(default_factory=list, sa_column=Column(JSON))
    created_at: datetime = Field(default_factory=now_bangkok, sa_type=DateTime())
    created_by: str = Field(max_length=120)
    approval: str | None = Field(default=None, sa_column=Column(Text))
    approved_by: str | None = Field(default=None, max_length=120)
    destroyed_at: datetime | None = Field(default=None, sa_type=DateTime())


class AuditRecord(SQLModel, table=True):
    """The append-only ledger: each record's hash commits to the record before it."""

    __tablename__ = "audit_record"
    seq: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=DateTime())
    actor: str = Field(max_length=120)
    role: str = Field(max_length=20)
    action: str = Field(max_length=20)
    entity: str = Field(max_length=30)
    entity_id: int = Field(index=True)
    payload: str = Field(sa_column=Column(Text, nullable=False))
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class ChainHead(SQLModel, table=True):
    """One row: the hash of the last ledger record. Writers lock it, which serialises them."""

    __tablename__ = "chain_head"
    id: int = Field(default=1, primary_key=True)
    last_seq: int = Field(default=0)
    last_hash: str = Field(default="0" * 64, max_length=64)

"""One e-mail read into what the inbox keeps: who sent it, when, and its attachments.

Senders' mail programs get Thai wrong in predictable ways: a subject in TIS-620 with no
charset declared, a declared charset that is not the real one, attachment names in raw
bytes. Every header is decoded by the standard library first and, where that fails, as
TIS-620 (cp874), the other encoding Thai text comes in. A ZIP of letters is opened with
bounds on members, size and compression ratio, so a ZIP bomb is refused in one line.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import PurePath

from saraban.thai.dates import BANGKOK

MAX_MESSAGE = 40 * 2**20
"""Bytes one message may have (a 25 MB attachment limit is usual; base64 adds a third)."""
MAX_ATTACHMENT = 25 * 2**20
ZIP_MEMBERS = 50
ZIP_TOTAL = 100 * 2**20
ZIP_RATIO = 100
READABLE = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".docx", ".txt"}


@dataclass
class Attachment:
    """A file carried by a message (taken out of a ZIP when it came in one)."""

    filename: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def suffix(self) -> str:
        return PurePath(self.filename).suffix.lower()


@dataclass
class MailMessage:
    """What the inbox keeps of one e-mail."""

    raw: bytes
    message_id: str | None
    sender: str | None
    subject: str | None
    date: datetime | None
    attachments: list[Attachment] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    @property
    def key(self) -> str:
        """Its identity for exactly-once storage: the Message-ID, else the raw bytes' hash."""
        return self.message_id or f"sha256:{self.sha256}"


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value)
    if "\ufffd" in text or (re.search(r"[\x80-\xff]", text) and not re.search(r"[ก-๙]", text)):
        # Undeclared 8-bit bytes come back as surrogates or mojibake; TIS-620 is the likely one.
        try:
            text = text.encode("latin-1", errors="surrogateescape").decode("cp874")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return " ".join(text.split()) or None


def _raw_header(raw: bytes, name: str) -> str | None:
    """A header straight from the bytes, decoded as UTF-8 or TIS-620 (for undeclared charsets)."""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    match = re.search(rb"(?im)^" + name.encode() + rb":[ \t]*(.*(?:\r?\n[ \t].*)*)", head)
    if not match or b"=?" in match[1]:
        return None
    value = match[1]
    for encoding in ("utf-8", "cp874"):
        try:
            return " ".join(value.decode(encoding).split()) or None
        except UnicodeDecodeError:
            continue
    return None


def _date(message: EmailMessage) -> datetime | None:
    try:
        value = parsedate_to_datetime(str(message["Date"])) if message["Date"] else None
    except (TypeError, ValueError, IndexError):
        return None
    if value is None:
        return None
    if value.tzinfo is None:
        # "-0000" (and an obsolete date with no zone): the time is UTC, its origin's zone
        # unknown (RFC 5322 §3.3). Taking it as Bangkok time put the receipt 7 hours early.
        value = value.replace(tzinfo=UTC)
    return value.astimezone(BANGKOK).replace(tzinfo=None, microsecond=0)


def _unzip(name: str, data: bytes, problems: list[str]) -> list[Attachment]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except zipfile.BadZipFile:
        problems.append(f"{name}: ไฟล์ ZIP เสียหาย")
        return []
    total = sum(i.file_size for i in infos)
    if len(infos) > ZIP_MEMBERS or total > ZIP_TOTAL or total > ZIP_RATIO * max(1, len(data)):
        problems.append(f"{name}: ZIP ขยายแล้วใหญ่เกินขีดจำกัด ({len(infos)} ไฟล์ {total // 2**20} MB) ไม่เปิดอ่าน")
        return []
    found = []
    for info in infos:
        inner = PurePath(info.filename).name
        if PurePath(inner).suffix.lower() not in READABLE:
            continue
        with archive.open(info) as handle:
            content = handle.read(MAX_ATTACHMENT + 1)
        if len(content) > MAX_ATTACHMENT:
            problems.append(f"{name}/{inner}: ใหญ่เกิน {MAX_ATTACHMENT // 2**20} MB")
            continue
        found.append(Attachment(inner, content))
    return found


def read_message(raw: bytes) -> MailMessage:
    """Read one message; what cannot be used goes into ``problems``, never an exception."""
    problems: list[str] = []
    if len(raw) > MAX_MESSAGE:
        return MailMessage(raw, None, None, None, None, [], [f"อีเมลใหญ่ {len(raw) // 2**20} MB เกินขีดจำกัด"])
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    for defect in message.defects[:3]:
        problems.append(f"MIME ผิดรูปแบบ: {type(defect).__name__}")
    try:
        addresses = getaddresses([str(message.get("From", ""))])
        sender = next((a.lower() for _n, a in addresses if "@" in a), None)
    except (TypeError, ValueError, IndexError):
        sender = None
    message_id = (str(message["Message-ID"]).strip() or None) if message["Message-ID"] else None
    try:
        subject = _raw_header(raw, "Subject") or _text(message["Subject"])
    except (TypeError, ValueError, LookupError):
        subject = _raw_header(raw, "Subject")
    mail = MailMessage(raw, message_id, sender, subject, _date(message), [], problems)
    for part in message.walk():
        if part.is_multipart():
            continue
        name = _filename(part)
        if name is None:
            continue
        try:
            data = part.get_payload(decode=True) or b""
        except (ValueError, TypeError, LookupError) as exc:
            problems.append(f"{name}: อ่านไฟล์แนบไม่ได้ ({exc})")
            continue
        if len(data) > MAX_ATTACHMENT:
            problems.append(f"{name}: ไฟล์แนบใหญ่ {len(data) // 2**20} MB เกินขีดจำกัด {MAX_ATTACHMENT // 2**20} MB")
            continue
        if PurePath(name).suffix.lower() == ".zip":
            mail.attachments += _unzip(name, data, problems)
        elif PurePath(name).suffix.lower() in READABLE:
            mail.attachments.append(Attachment(name, data))
    if not mail.attachments:
        problems.append("ไม่มีไฟล์แนบที่อ่านได้ (PDF ภาพ DOCX หรือข้อความ)")
    return mail


def _filename(part: EmailMessage) -> str | None:
    try:
        name = part.get_filename()
    except (TypeError, ValueError, LookupError):
        name = None
    if name is None:
        return None
    name = _text(name) or "attachment"
    # A name is only a label: no folders, nothing hidden.
    return PurePath(name.replace("\\", "/")).name.lstrip(".") or "attachment"

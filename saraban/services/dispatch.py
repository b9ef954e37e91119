"""Sending issued letters by e-mail, each recipient its own message, exactly what is owed.

A dispatch row per (letter, recipient) is written before anything is sent: ``pending``, or
``no-address`` for a recipient the directory has no mailbox for (listed, never skipped
silently). Each message is then sent and its row marked ``sent`` with the time, in the
ledger too. A kill at any moment leaves rows pending, and running the send again sends only
those. Every message's Message-ID is made from the letter and the recipient, so the one
message that may go out twice — sent just before a kill, not yet marked — carries the same
Message-ID, which the receiving inbox (saraban's or any other) takes once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

from sqlmodel import Session, select

from saraban.db.tables import Agency, Dispatch, Letter
from saraban.errors import InvalidInput
from saraban.services.context import Context
from saraban.services.ledger import append
from saraban.services.letters_store import get_letter
from saraban.services.secrecy import require_clearance
from saraban.thai.dates import now_bangkok
from saraban.thai.digits import render_digits


@dataclass
class DispatchReport:
    """What a send did: sent now, sent before, and recipients with no address."""

    sent: list[dict[str, object]] = field(default_factory=list)
    already: int = 0
    no_address: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"sent": self.sent, "already_sent": self.already, "no_address": self.no_address}


def message_id_for(letter: Letter, agency: Agency, domain: str) -> str:
    digest = hashlib.sha256(f"{letter.id}:{letter.doc_no}:{agency.id}".encode()).hexdigest()[:24]
    return f"<saraban.{digest}@{domain}>"


def plan(session: Session, letter: Letter) -> list[Dispatch]:
    """The dispatch rows of a letter, one per recipient, created where missing."""
    assert letter.id is not None
    rows = {d.agency_id: d for d in session.exec(select(Dispatch).where(Dispatch.letter_id == letter.id))}
    for recipient in letter.recipients or []:
        agency = session.get(Agency, recipient.get("agency_id"))
        if agency is None or agency.id in rows:
            continue
        row = Dispatch(letter_id=letter.id, agency_id=agency.id, address=agency.email,  # type: ignore[arg-type]
                       status="pending" if agency.email else "no-address")  # fmt: skip
        session.add(row)
        rows[agency.id] = row  # type: ignore[index]
    session.flush()
    return list(rows.values())


def _pdf(letter: Letter, font: str, digits: str = "thai") -> Path:
    """The letter's PDF beside its DOCX, made now if the forward did not make it."""
    if not letter.source_path:
        raise InvalidInput(f"หนังสือ {letter.doc_no} ไม่มีไฟล์ที่ saraban เขียนไว้ จึงส่งทางอีเมลไม่ได้")
    docx = Path(letter.source_path)
    pdf = docx.with_suffix(".pdf")
    if not pdf.exists():
        from saraban.letters.render import to_pdf

        if not docx.exists():
            raise InvalidInput(f"ไม่พบไฟล์ {docx} ของหนังสือ {letter.doc_no}")
        pdf = to_pdf(docx, font, digits)
    return pdf


def _message(ctx: Context, letter: Letter, agency: Agency, pdf: Path) -> EmailMessage:
    sender = ctx.settings.mail_from or ""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = agency.email or ""
    number = render_digits(letter.doc_no or "", ctx.settings.digits)
    message["Subject"] = f"ที่ {number} เรื่อง {letter.subject or ''}".strip()
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = message_id_for(letter, agency, sender.rsplit("@", 1)[-1] or "saraban.local")
    message.set_content(
        f"เรียน {agency.name}\n\nส่งหนังสือ ที่ {number} เรื่อง {letter.subject or ''} มาพร้อมนี้ (ไฟล์แนบ PDF)\n\n"
        f"{letter.sender_text or ''}\n"
    )
    message.add_attachment(pdf.read_bytes(), maintype="application", subtype="pdf", filename=pdf.name)
    return message


def send_letters(
    ctx: Context, doc_nos: list[str], progress: Callable[[int, int, str], None] | None = None
) -> DispatchReport:
    """Send each named letter to every recipient it has not yet been sent to."""
    from saraban.mail.smtp import Outbox

    actor = ctx.require_writer()
    report = DispatchReport()
    todo: list[tuple[int, int]] = []
    with ctx.writing() as session:
        for doc_no in doc_nos:
            letter = get_letter(session, doc_no, actor.clearance)
            require_clearance(actor, letter, "ส่งหนังสือทางอีเมล")
            for row in plan(session, letter):
                agency = session.get(Agency, row.agency_id)
                if row.status == "sent":
                    report.already += 1
                elif row.status == "no-address" and agency is not None and agency.email:
                    row.status, row.address = "pending", agency.email  # an address was added since
                    session.add(row)
                    todo.append((letter.id, row.id))  # type: ignore[arg-type]
                elif row.status == "no-address":
                    report.no_address.append(agency.name if agency else str(row.agency_id))
                else:
                    todo.append((letter.id, row.id))  # type: ignore[arg-type]
    if not todo:
        return report
    with Outbox(ctx.settings) as outbox:
        for done, (letter_id, row_id) in enumerate(todo, start=1):
            with ctx.reading() as session:
                letter, row = session.get(Letter, letter_id), session.get(Dispatch, row_id)
                assert letter is not None and row is not None
                agency = session.get(Agency, row.agency_id)
                assert agency is not None
            pdf = _pdf(letter, ctx.settings.font_name, ctx.settings.digits)
            message = _message(ctx, letter, agency, pdf)
            outbox.send(message)
            with ctx.writing() as session:
                row = session.get(Dispatch, row_id)
                assert row is not None
                row.status, row.sent_at = "sent", now_bangkok().replace(microsecond=0)
                row.message_id, row.file, row.address = str(message["Message-ID"]), str(pdf), agency.email
                session.add(row)
                append(session, actor, "mail-out", "dispatch", row_id,
                       {"letter": letter.doc_no, "to": agency.email, "message_id": row.message_id,
                        "at": row.sent_at.isoformat()})  # fmt: skip
            report.sent.append({"doc_no": letter.doc_no, "to": agency.name, "address": agency.email,
                                "message_id": row.message_id})  # fmt: skip
            if progress:
                progress(done, len(todo), f"ส่ง {done}/{len(todo)}")
    return report

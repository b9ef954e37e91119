"""The inbox of letters that arrived by e-mail (หนังสือเข้าทางอีเมล), and the clerk's decision.

Each e-mail becomes one inbox entry, exactly once (its Message-ID, else the SHA-256 of its
bytes), kept byte for byte with every readable attachment read through the same pipeline
as ``receive``. Reading happens before the short write transaction, so a kill at any moment
leaves a message either kept whole or not at all; ``mail fetch`` marks a message seen on the
server only after it is committed, and remembers the last UID per UIDVALIDITY.
"""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, or_, select

from saraban.db.row_secrecy import inbox_keys
from saraban.db.tables import Agency, InboxMessage, MailCursor
from saraban.errors import InvalidInput, MissingTool, NotFound, UnreadableFile
from saraban.intake import Progress
from saraban.mail.messages import MailMessage, read_message
from saraban.mail.sources import raw_messages
from saraban.parsing import OfficeNames, ParsedLetter, parse_file
from saraban.services.context import Context
from saraban.services.directory import office_names, resolve_agency
from saraban.services.ledger import append
from saraban.services.letters_store import store_letter
from saraban.services.own_books import require_own_books
from saraban.services.registers import Receipt, receipt_for, register_receipt, require_subject, without_later_date
from saraban.services.secrecy import SECRET_LABEL, hidden_from, mail_mark, require_clearance
from saraban.thai.dates import format_thai_datetime, now_bangkok


@dataclass
class MailReport:
    """What an import or a fetch did."""

    added: list[int] = field(default_factory=list)
    duplicates: int = 0
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"added": self.added, "duplicates": self.duplicates, "problems": self.problems}


def _sender_agency(session: Session, address: str | None) -> Agency | None:
    if not address:
        return None
    return session.exec(select(Agency).where(Agency.email == address.lower())).first()


def read_attachments(mail: MailMessage, names: OfficeNames, sender: Agency | None) -> list[dict[str, object]]:
    """Every attachment through the reading pipeline; a bad one gets its problem, not an error."""
    found: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="saraban-mail-") as tmp:
        for n, attachment in enumerate(mail.attachments):
            path = Path(tmp) / f"{n:02d}{attachment.suffix}"
            path.write_bytes(attachment.data)
            item: dict[str, object] = {"filename": attachment.filename, "sha256": attachment.sha256,
                                       "size": len(attachment.data), "letters": [], "problem": None}  # fmt: skip
            try:
                letters = parse_file(path, source=attachment.filename, names=names)
            except (UnreadableFile, MissingTool) as exc:
                item["problem"] = str(exc).replace(str(path), attachment.filename)
                mail.problems.append(str(item["problem"]))
                letters = []
            for letter in letters:
                _credit_sender(letter, sender, mail.sender)
            item["letters"] = [dict(letter.to_json(), text=letter.text) for letter in letters]
            item["kind"] = letters[0].source_kind if letters else None
            found.append(item)
    return found


def _credit_sender(letter: ParsedLetter, sender: Agency | None, address: str | None) -> None:
    """A known saraban@ address names the sending office; an unknown one is said to be so."""
    if sender is None:
        letter.warnings.append(f"ที่อยู่อีเมลผู้ส่ง {address or '(ไม่มี)'} ไม่อยู่ในทะเบียนหน่วยงาน")
        return
    if not letter.sender_agency or letter.confidence.get("sender_agency", 0) < 0.9:
        letter.sender_agency = sender.name
    letter.confidence["sender_agency"] = 0.98


def keep_message(
    ctx: Context, raw: bytes, *, origin: str, arrived: datetime | None = None, names: OfficeNames | None = None
) -> tuple[int | None, MailMessage]:
    """Keep one raw message in the inbox unless it is there already; returns its id (``None``
    for a duplicate) and the message as read."""
    mail = read_message(raw)
    with ctx.reading() as session:
        if _existing(session, mail) is not None:
            return None, mail
        sender = _sender_agency(session, mail.sender)
        names = names or office_names(session)
    attachments = read_attachments(mail, names, sender)
    row = InboxMessage(
        message_id=mail.message_id, raw_sha256=mail.sha256, raw=raw, sender_address=mail.sender,
        sender_agency_id=sender.id if sender else None, subject=mail.subject, mail_date=mail.date,
        arrived_at=(arrived or mail.date or now_bangkok()).replace(microsecond=0), origin=origin,
        attachments=attachments, problems=list(mail.problems),
    )  # fmt: skip
    try:
        with ctx.writing(require_writer=False) as session:
            if _existing(session, mail) is not None:
                return None, mail
            session.add(row)
            session.flush()
            assert row.id is not None
            append(session, ctx.actor, "mail-in", "inbox_message", row.id,
                   {"message_id": mail.message_id, "sha256": mail.sha256, "from": mail.sender})  # fmt: skip
    except IntegrityError:
        return None, mail  # another clerk kept it at the same moment
    return row.id, mail


def _existing(session: Session, mail: MailMessage) -> int | None:
    # Looked up in the index every login reads whole: a message PostgreSQL hides from this
    # clerk (a secret letter) is still there, and fetching it again must not add it twice.
    kept = inbox_keys(session).c
    clauses = [kept.raw_sha256 == mail.sha256]
    if mail.message_id:
        clauses.append(kept.message_id == mail.message_id)
    return session.execute(sa_select(kept.id).where(or_(*clauses)).limit(1)).scalar()


def import_mail(ctx: Context, paths: Iterable[str | Path], progress: Progress | None = None) -> MailReport:
    """Import ``.eml`` files, mbox files and Maildir folders into the inbox."""
    ctx.require_writer()
    report = MailReport()
    with ctx.reading() as session:
        names = office_names(session)
    for where, raw in raw_messages(paths):
        if isinstance(raw, str):
            report.problems.append(raw)
            continue
        kept, mail = keep_message(ctx, raw, origin="import", names=names)
        _account(report, where, kept, mail)
        if progress:
            progress(len(report.added) + report.duplicates, 0, where)
    return report


def _account(report: MailReport, where: str, kept: int | None, mail: MailMessage) -> None:
    if kept is None:
        report.duplicates += 1
        return
    report.added.append(kept)
    report.problems += [f"{where}: {p}" for p in mail.problems]


def fetch_mail(ctx: Context, progress: Callable[[int, int, str], None] | None = None) -> MailReport:
    """Read new messages from the office's IMAP mailbox into the inbox, exactly once."""
    from saraban.mail.imap import Mailbox

    ctx.require_writer()
    report = MailReport()
    with ctx.reading() as session:
        names = office_names(session)
    with Mailbox(ctx.settings) as box:
        with ctx.writing(require_writer=False) as session:
            cursor = session.get(MailCursor, box.account) or MailCursor(account=box.account)
            if cursor.uidvalidity != box.uidvalidity:
                # The server renumbered the mailbox: read it all again; Message-IDs stop duplicates.
                cursor.uidvalidity, cursor.last_uid = box.uidvalidity, 0
            session.add(cursor)
            last = cursor.last_uid
        uids = box.uids_after(last)
        for done, uid in enumerate(uids, start=1):
            fetched = box.fetch(uid)
            kept, mail = keep_message(ctx, fetched.raw, origin="imap", arrived=fetched.arrived, names=names)
            with ctx.writing(require_writer=False) as session:
                cursor = session.get(MailCursor, box.account)
                assert cursor is not None
                cursor.last_uid = max(cursor.last_uid, uid)
                session.add(cursor)
            box.mark_seen(uid)  # only after the message and the cursor are committed
            _account(report, f"UID {uid}", kept, mail)
            if progress:
                progress(done, len(uids), f"อีเมล {done}/{len(uids)}")
    return report


def list_inbox(ctx: Context, status: str | None = "waiting") -> list[InboxMessage]:
    """Inbox entries, oldest first (``status`` ``None`` for all)."""
    with ctx.reading() as session:
        query = select(InboxMessage).order_by(InboxMessage.arrived_at, InboxMessage.id)  # type: ignore[arg-type]
        if status:
            query = query.where(InboxMessage.status == status)
        return [_as_seen(message, ctx.actor.clearance) for message in session.exec(query)]


def _as_seen(message: InboxMessage, clearance: int) -> InboxMessage:
    """The message as this person may see it: a secret letter above their clearance shows only
    that it came, when, from which address, and its mark (a copy: the stored row is untouched)."""
    mark = mail_mark(message.attachments)
    if not hidden_from(mark, clearance):
        return message
    return InboxMessage(
        id=message.id, message_id=message.message_id, raw_sha256=message.raw_sha256, raw=b"",
        sender_address=message.sender_address, sender_agency_id=message.sender_agency_id,
        subject=f"{SECRET_LABEL} ชั้น{mark}", mail_date=message.mail_date, arrived_at=message.arrived_at,
        origin=message.origin, attachments=[], status=message.status, letter_id=message.letter_id,
        problems=[f"หนังสือชั้น{mark}: ผู้มีสิทธิ์ชั้นความลับ{mark}ขึ้นไปเป็นผู้ลงรับ"],
        register_entry_id=message.register_entry_id, created_at=message.created_at,
    )  # fmt: skip


def inbox_letters(message: InboxMessage) -> list[ParsedLetter]:
    """The letters read from a message's attachments, in order."""
    return [ParsedLetter.from_json(data) for item in message.attachments for data in item.get("letters", [])]


def waiting_letter(ctx: Context, message_id: int, index: int = 0) -> ParsedLetter | None:
    """The ``index``-th letter of a waiting e-mail as this person may read it, to check before
    accepting (its sender, its number); ``None`` where :func:`accept` has something to refuse."""
    with ctx.reading() as session:
        message = session.get(InboxMessage, message_id)
        if message is None or message.status != "waiting":
            return None
        letters = inbox_letters(_as_seen(message, ctx.actor.clearance))
    return letters[index] if 0 <= index < len(letters) else None


def _marked(message: InboxMessage, key: str) -> dict[int, Any]:
    """The letters of an e-mail that carry ``key``: their place in it → its value."""
    letters = (data for item in message.attachments for data in item.get("letters", []))
    return {position: data[key] for position, data in enumerate(letters) if data.get(key)}


def accepted_letters(message: InboxMessage) -> dict[int, int]:
    """The letters of an e-mail already registered: their place in it → the register entry."""
    found = {position: int(entry) for position, entry in _marked(message, "register_entry").items()}
    if not found and message.status == "accepted" and message.register_entry_id:
        found[0] = message.register_entry_id  # accepted before letters were marked one by one
    return found


def rejected_letters(message: InboxMessage) -> dict[int, str]:
    """The letters of an e-mail refused one by one: their place in it → the reason."""
    return {position: str(reason) for position, reason in _marked(message, "rejected").items()}


def letter_states(message: InboxMessage) -> list[str]:
    """Each letter of an e-mail, in order: ``waiting``, ``accepted`` or ``rejected``."""
    accepted, rejected = accepted_letters(message), rejected_letters(message)
    count = sum(len(item.get("letters", [])) for item in message.attachments)
    # An e-mail refused whole before letters were marked one by one: its letters were refused.
    rest = "rejected" if message.status == "rejected" else "waiting"
    return ["accepted" if i in accepted else "rejected" if i in rejected else rest for i in range(count)]


def shown_letter(message: InboxMessage) -> tuple[int, ParsedLetter | None, str]:
    """The letter an inbox line shows and opens: the first still waiting (after the first of
    two is registered the line showed it again, and Enter opened it to be refused), its
    place, and which of how many it is when there are several."""
    letters, states = inbox_letters(message), letter_states(message)
    waiting = [i for i, state in enumerate(states) if state == "waiting" and i < len(letters)]
    index = waiting[0] if waiting else 0
    which = f" (ฉบับที่ {index + 1} จาก {len(letters)}, รอ {len(waiting)})" if len(letters) > 1 else ""
    return index, (letters[index] if letters else None), which


def shown_subject(message: InboxMessage, first: ParsedLetter | None, which: str) -> str:
    """What an inbox line says the e-mail is about, from :func:`shown_letter`'s letter and
    place: which of its letters, then that letter's subject (the e-mail's own where no letter
    was read). The place comes first: after a long subject, cut to the column, "(ฉบับที่ 1
    จาก 2, รอ 1)" was never seen."""
    subject = (first.subject if first else message.subject) or "-"
    return f"{which.strip()} {subject}" if which else subject


def _mark_letters(message: InboxMessage, indexes: Iterable[int], key: str, value: object) -> None:
    """Set ``key`` on these letters of the message (a new value, so the change is saved)."""
    attachments, wanted = copy.deepcopy(message.attachments), set(indexes)
    letters = (data for item in attachments for data in item.get("letters", []))
    for position, data in enumerate(letters):
        if position in wanted:
            data[key] = value
    message.attachments = attachments


def _refuse_settled(states: list[str], index: int, message_id: int) -> None:
    """A letter of an e-mail already registered or refused is not taken again."""
    if 0 <= index < len(states) and states[index] != "waiting":
        done = "ลงรับแล้ว" if states[index] == "accepted" else "บันทึกไม่รับไว้แล้ว"
        raise InvalidInput(f"หนังสือฉบับที่ {index + 1} ของอีเมลหมายเลข {message_id} {done}")


def _settle(message: InboxMessage) -> None:
    """An e-mail stops waiting when each of its letters is accepted or refused."""
    states = letter_states(message)
    if states and "waiting" not in states:
        message.status = "accepted" if "accepted" in states else "rejected"


def accept(
    ctx: Context, message_id: int, at: str | None = None, index: int = 0, letter: ParsedLetter | None = None
) -> Receipt:
    """Register an inbox entry's letter in the receiving register; the receipt time is now,
    the e-mail's arrival is kept beside it in the entry's remark.

    Args:
        letter: The letter as the clerk corrected it (default: as read).
    """
    actor = ctx.require_writer()
    office = at or ctx.settings.office
    if not office:
        raise InvalidInput("ระบุหน่วยงานที่ลงรับ (--at) หรือตั้ง office")
    with ctx.writing() as session:
        message = session.get(InboxMessage, message_id)
        if message is None:
            raise NotFound(f"ไม่มีอีเมลหมายเลข {message_id} ในกล่องรับ")
        if message.status != "waiting":
            done = "ลงรับแล้ว" if message.status == "accepted" else "ถูกปฏิเสธแล้ว"
            raise InvalidInput(f"อีเมลหมายเลข {message_id} {done}")
        require_clearance(actor, mail_mark(message.attachments), f"ลงรับอีเมลหมายเลข {message_id}")
        letters = inbox_letters(message)
        if letters and not 0 <= index < len(letters):
            raise InvalidInput(f"อีเมลมีหนังสือ {len(letters)} ฉบับ (--index 0–{len(letters) - 1})")
        _refuse_settled(letter_states(message), index, message_id)
        if letter is None:
            if not letters:
                raise InvalidInput(f"อีเมลหมายเลข {message_id} ไม่มีหนังสือที่อ่านได้ ลงรับด้วย receive จากไฟล์แทน")
            letter = letters[index]
        agency = resolve_agency(session, office)
        require_own_books(session, actor, agency.id, "ลงรับ")
        require_subject(letter)
        now = now_bangkok()
        letter = without_later_date(letter, now)
        stored, _new = store_letter(session, letter, f"email:{message.message_id or message.raw_sha256}", agency)
        remark = f"รับทางอีเมลจาก {message.sender_address or '-'} เมื่อ {format_thai_datetime(message.arrived_at)}"
        entry = register_receipt(session, actor, stored, agency, now,
                                 reset=ctx.settings.numbering_reset, remark=remark)  # fmt: skip
        _mark_letters(message, [index], "register_entry", entry.id or 0)
        # Each letter of an e-mail is registered or refused on its own: it waits until every one is.
        _settle(message)
        if not letters:  # a letter the clerk gave for an e-mail saraban read none from
            message.status = "accepted"
        if message.letter_id is None:
            message.letter_id, message.register_entry_id = stored.id, entry.id
        session.add(message)
        append(session, actor, "mail-accept", "inbox_message", message_id, {"register_entry": entry.id})
        return receipt_for(entry, agency)


def reject(ctx: Context, message_id: int, reason: str, index: int | None = None) -> InboxMessage:
    """Mark an inbox entry, or one letter of it (``index``), not received, with a reason; the
    message itself is kept. Refusing the whole e-mail refuses only its letters still waiting."""
    if not reason.strip():
        raise InvalidInput("ระบุเหตุผลที่ไม่รับ (--reason)")
    actor = ctx.require_writer()
    with ctx.writing() as session:
        message = session.get(InboxMessage, message_id)
        if message is None:
            raise NotFound(f"ไม่มีอีเมลหมายเลข {message_id} ในกล่องรับ")
        if message.status != "waiting":
            raise InvalidInput(f"อีเมลหมายเลข {message_id} ไม่ได้รอการพิจารณาแล้ว ({message.status})")
        require_clearance(actor, mail_mark(message.attachments), f"ไม่รับอีเมลหมายเลข {message_id}")
        states = letter_states(message)
        if index is not None and not 0 <= index < len(states):
            raise InvalidInput(f"อีเมลมีหนังสือ {len(states)} ฉบับ" + (f" (--index 0–{len(states) - 1})" if states else ""))
        if index is not None:
            _refuse_settled(states, index, message_id)
        waiting = [i for i, state in enumerate(states) if state == "waiting"] if index is None else [index]
        _mark_letters(message, waiting, "rejected", reason.strip())
        _settle(message)
        if not states:  # nothing read from it: refusing it refuses the e-mail
            message.status = "rejected"
        if index is None or message.status == "rejected":
            message.reason = reason.strip()
        session.add(message)
        append(session, actor, "mail-reject", "inbox_message", message_id,
               {"reason": reason.strip(), **({"index": index} if index is not None else {})})  # fmt: skip
        return message

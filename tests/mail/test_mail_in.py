"""Letters that arrive by e-mail: a real Dovecot, real .eml, mbox and Maildir files."""

from __future__ import annotations

import io
import mailbox
import os
import random
import signal
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from sqlmodel import select

from saraban.db.tables import InboxMessage, RegisterEntry
from saraban.demo.builder import letter_text
from saraban.errors import InvalidInput
from saraban.services.context import open_context
from saraban.services.inbox import accept, fetch_mail, import_mail, inbox_letters, list_inbox, reject
from saraban.settings import Settings

SENDER = "saraban@nan.example.go.th"


def mail_with(attachments: list[tuple[str, bytes]], *, subject: str = "หนังสือจังหวัดน่าน", sender: str = SENDER,
              message_id: str | None = None) -> bytes:  # fmt: skip
    message = EmailMessage()
    message["From"] = f"สารบรรณจังหวัดน่าน <{sender}>"
    message["To"] = "saraban@thawangpha.example.go.th"
    message["Subject"] = subject
    message["Date"] = "Tue, 18 Nov 2025 09:12:00 +0700"
    message["Message-ID"] = message_id or make_msgid(domain="nan.example.go.th")
    message.set_content("ส่งหนังสือตามไฟล์แนบ")
    for name, data in attachments:
        kind = ("application", "pdf") if name.endswith(".pdf") else ("text", "plain")
        message.add_attachment(data, maintype=kind[0], subtype=kind[1], filename=name)
    return message.as_bytes()


def text_letters(count: int, seed: int = 5) -> list[bytes]:
    rng = random.Random(seed)
    return [
        mail_with([(f"letter{n}.txt", letter_text(rng, date(2025, 10, 1) + timedelta(days=n), 700 + n)[0].encode())])
        for n in range(count)
    ]


def context_for(db_url: str, **settings: object):  # type: ignore[no-untyped-def]
    ctx = open_context(db_url, user="somchai", settings=Settings(office="นน 0023", **settings))  # type: ignore[arg-type]
    _ = ctx.actor
    with ctx.writing() as session:
        from saraban.services.directory import edit_agency

        edit_agency(session, "นน 0023", email=SENDER)
    return ctx


def test_fetch_reads_a_scanned_letter_once_and_accept_registers_it(
    db_url: str, dovecot, letter_files, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SARABAN_IMAP_PASSWORD", dovecot.PASSWORD)
    ctx = context_for(db_url, **dovecot.settings(security="starttls"))
    # The mailbox is shared by the session's tests: start from what is there now.
    fetch_mail(ctx)
    message_id = make_msgid(domain="nan.example.go.th")
    dovecot.append(mail_with([("หนังสือ.pdf", letter_files["scanned"].read_bytes())], message_id=message_id))
    first = fetch_mail(ctx)
    assert len(first.added) == 1
    second = fetch_mail(ctx)
    assert second.added == [] and second.duplicates == 0
    [waiting] = [m for m in list_inbox(ctx) if m.message_id == message_id]
    assert waiting.origin == "imap" and waiting.sender_agency_id is not None
    assert waiting.attachments[0]["kind"] == "pdf-ocr" and len(waiting.attachments[0]["sha256"]) == 64
    [letter] = inbox_letters(waiting)
    assert "ป่าคา" in (letter.salutation_to or "")
    assert letter.confidence["sender_agency"] >= 0.9 and "doc_no" in letter.confidence
    receipt = accept(ctx, waiting.id)
    assert receipt.number == 1
    with ctx.reading() as session:
        entry = session.get(RegisterEntry, receipt.entry_id)
        assert entry is not None and "อีเมล" in (entry.remark or "") and SENDER in entry.remark
        kept = session.get(InboxMessage, waiting.id)
        assert kept is not None and kept.status == "accepted" and kept.raw.startswith(b"")
    from saraban.services.ledger import verify

    with ctx.reading() as session:
        assert verify(session).problems == []


def test_import_of_eml_mbox_and_maildir_gives_the_same_inbox_as_fetching(
    tmp_path: Path, dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages = text_letters(50)
    box = mailbox.mbox(str(tmp_path / "export.mbox"))
    for raw in messages:
        box.add(raw)
    box.flush()
    maildir = mailbox.Maildir(str(tmp_path / "Maildir"), create=True)
    for raw in messages:
        maildir.add(raw)
    (tmp_path / "one.eml").write_bytes(messages[0])

    def entries(ctx) -> set[tuple[object, ...]]:  # type: ignore[no-untyped-def]
        # A secret letter among them shows the clerk (no clearance) only its mark: no letters.
        return {(m.message_id, m.subject, tuple((letter.doc_no, letter.subject) for letter in inbox_letters(m)))
                for m in list_inbox(ctx)}  # fmt: skip

    from_mbox = context_for(f"sqlite:///{tmp_path / 'a.sqlite'}")
    report = import_mail(from_mbox, [tmp_path / "export.mbox", tmp_path / "one.eml"])
    assert len(report.added) == 50 and report.duplicates == 1
    assert import_mail(from_mbox, [tmp_path / "export.mbox"]).added == []
    from_maildir = context_for(f"sqlite:///{tmp_path / 'b.sqlite'}")
    assert len(import_mail(from_maildir, [tmp_path / "Maildir"]).added) == 50

    monkeypatch.setenv("SARABAN_IMAP_PASSWORD", dovecot.PASSWORD)
    fetched = context_for(f"sqlite:///{tmp_path / 'c.sqlite'}", **dovecot.settings())
    ours = {m.split(b"Message-ID: ")[1].split(b"\n")[0].strip().decode() for m in messages}
    for raw in messages:
        dovecot.append(raw)
    fetch_mail(fetched)
    by_imap = {e for e in entries(fetched) if e[0] in ours}
    assert entries(from_mbox) == entries(from_maildir) == by_imap
    assert len(by_imap) == 50


def test_a_fetch_killed_half_way_loses_nothing_and_duplicates_nothing(
    tmp_path: Path, dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "kill.sqlite"
    settings = dovecot.settings()
    env = dict(os.environ, SARABAN_HOME=str(tmp_path / "home"), SARABAN_DATABASE_URL=f"sqlite:///{db}",
               SARABAN_USER="somchai", SARABAN_IMAP_PASSWORD=dovecot.PASSWORD, SARABAN_OFFICE="นน 0023",
               **{f"SARABAN_{k.upper()}": str(v) for k, v in settings.items()})  # fmt: skip
    subprocess.run([sys.executable, "-m", "saraban", "mail", "fetch"], env=env, check=True, capture_output=True,
                   timeout=300)  # fmt: skip  (the shared mailbox's earlier messages)
    ctx = open_context(f"sqlite:///{db}", user="somchai")
    before = len(list_inbox(ctx, None))
    for raw in text_letters(20, seed=11):
        dovecot.append(raw)
    worker = subprocess.Popen([sys.executable, "-m", "saraban", "mail", "fetch"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    # Kill it as soon as it reports its third message: mid-fetch, by its own progress output.
    assert worker.stderr is not None
    for line in worker.stderr:
        if "อีเมล 3/20" in line:
            worker.send_signal(signal.SIGKILL)
            break
    worker.wait(timeout=120)
    middle = len(list_inbox(ctx, None)) - before
    assert 0 < middle < 20
    subprocess.run([sys.executable, "-m", "saraban", "mail", "fetch"], env=env, check=True, capture_output=True,
                   timeout=300)  # fmt: skip
    with ctx.reading() as session:
        rows = list(session.exec(select(InboxMessage)))
    assert len(rows) - before == 20
    assert len({r.message_id for r in rows}) == len(rows)


def test_bad_mail_gets_one_line_each_and_stops_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import saraban.mail.messages as messages

    monkeypatch.setattr(messages, "MAX_ATTACHMENT", 2 * 2**20)
    good = text_letters(1, seed=3)[0]
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("letter.txt", b"0" * (120 * 2**20))
    tis620 = (b"From: saraban@far.example.go.th\r\nSubject: " + "หนังสือขอความร่วมมือ".encode("cp874")
              + b"\r\nMessage-ID: <tis@far>\r\nContent-Type: text/plain\r\n\r\nno attachment\r\n")  # fmt: skip
    files = {
        "a_no_attachment.eml": mail_with([]),
        "b_too_big.eml": mail_with([("big.pdf", b"%PDF-1.4 " + b"x" * (3 * 2**20))]),
        "c_malformed.eml": b"From: x@y\r\nContent-Type: multipart/mixed; boundary=\"zz\"\r\n\r\n--zz\r\nContent-Type: "
                           b"application/pdf; name=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n%%%notbase64",
        "d_tis620.eml": tis620,
        "e_bomb.eml": mail_with([("letters.zip", bomb.getvalue())]),
        "f_not_a_pdf.eml": mail_with([("scan.pdf", "ไม่ใช่ PDF".encode())]),
        "g_good.eml": good,
    }  # fmt: skip
    for name, raw in files.items():
        (tmp_path / name).write_bytes(raw)
    ctx = context_for(f"sqlite:///{tmp_path / 'bad.sqlite'}")
    report = import_mail(ctx, [tmp_path / n for n in sorted(files)])
    assert len(report.added) == 7  # every message is kept, byte for byte, with its problems
    text = "\n".join(report.problems)
    assert "ไม่มีไฟล์แนบที่อ่านได้" in text and "เกินขีดจำกัด" in text and "ZIP" in text and "ไม่ใช่ไฟล์ PDF" in text
    assert all("\n" not in p for p in report.problems)
    subjects = {m.subject for m in list_inbox(ctx)}
    assert "หนังสือขอความร่วมมือ" in subjects
    good_entry = [m for m in list_inbox(ctx) if inbox_letters(m)]
    assert len(good_entry) == 1
    rejected = reject(ctx, report.added[0], "ไม่มีหนังสือแนบ")
    assert rejected.status == "rejected"
    assert {m.id for m in list_inbox(ctx)} == set(report.added[1:])


def test_each_letter_of_an_email_is_accepted_on_its_own(tmp_path: Path) -> None:
    # Before: accepting the first of two letters marked the e-mail accepted; the second never
    # reached the register and --index 1 answered "ลงรับแล้ว".
    ctx = context_for(f"sqlite:///{tmp_path / 'two.sqlite'}")
    rng = random.Random(3)
    first, second = (letter_text(rng, date(2025, 10, 1) + timedelta(days=n), 900 + n)[0].encode() for n in range(2))
    (tmp_path / "two.eml").write_bytes(mail_with([("one.txt", first), ("two.txt", second)]))
    [message_id] = import_mail(ctx, [tmp_path / "two.eml"]).added
    one = accept(ctx, message_id, "นน 0023", index=0)
    [waiting] = [m for m in list_inbox(ctx) if m.id == message_id]
    assert waiting.status == "waiting"  # one letter is still to be registered
    from saraban.services.inbox import shown_letter

    index, shown, which = shown_letter(waiting)  # the inbox shows and opens the one still waiting
    assert index == 1 and shown is not None and shown.doc_no == inbox_letters(waiting)[1].doc_no
    assert which == " (ฉบับที่ 2 จาก 2, รอ 1)"
    from saraban.services.inbox import shown_subject

    # The place first: cut to an inbox column after a long subject, it was never seen.
    line = shown_subject(waiting, shown, which)
    assert line.startswith("(ฉบับที่ 2 จาก 2, รอ 1) ") and shown.subject in line
    with pytest.raises(InvalidInput, match="ลงรับแล้ว"):
        accept(ctx, message_id, "นน 0023", index=0)
    two = accept(ctx, message_id, "นน 0023", index=1)
    assert (one.number, two.number) == (1, 2)
    assert [m.id for m in list_inbox(ctx)] == []
    with ctx.reading() as s:
        assert s.get(InboxMessage, message_id).status == "accepted"  # type: ignore[union-attr]
        assert len(list(s.exec(select(RegisterEntry)))) == 2


def test_mail_accept_asks_before_a_near_name_becomes_a_new_office(tmp_path: Path) -> None:
    """#28 item 5: the command line's accept asks as receive does: a sender whose name is close
    to a listed office is refused in one line until --sender names it or --new-sender adds it."""
    from typer.testing import CliRunner

    from saraban.cli import app
    from saraban.db.tables import Agency
    from tests.services.helpers import letter_text as official

    url = f"sqlite:///{tmp_path / 'near.sqlite'}"
    ctx = context_for(url)
    with ctx.writing() as s:
        s.add(Agency(name="เทศบาลตำบลบ้านทดสอบ", level="local"))
    text = official("นน 73599/ว 8").replace("สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดน่าน", "สำนักงานเทศบาลตำบลบ้านทดสอบ")
    (tmp_path / "near.eml").write_bytes(mail_with([("near.txt", text.encode())]))
    [message_id] = import_mail(ctx, [tmp_path / "near.eml"]).added
    base = ["--db", url, "--user", "somchai", "mail", "accept", str(message_id), "--at", "นน 0023"]
    runner = CliRunner()
    asked = runner.invoke(app, base)
    assert asked.exit_code != 0 and "--new-sender" in asked.stderr and "เทศบาลตำบลบ้านทดสอบ" in asked.stderr
    with ctx.reading() as s:
        assert not s.exec(select(RegisterEntry)).all()
    taken = runner.invoke(app, [*base, "--sender", "เทศบาลตำบลบ้านทดสอบ"])
    assert taken.exit_code == 0, taken.output
    with ctx.reading() as s:
        assert not s.exec(select(Agency).where(Agency.needs_review.is_(True))).all()  # type: ignore[attr-defined]
        assert len(s.exec(select(RegisterEntry)).all()) == 1


def test_each_letter_of_an_email_is_rejected_on_its_own(tmp_path: Path) -> None:
    """#28 item 1: a letter of an e-mail could be accepted on its own but not refused: reject
    took the whole e-mail, also after its first letter was registered."""
    import json

    from typer.testing import CliRunner

    from saraban.cli import app

    url = f"sqlite:///{tmp_path / 'two.sqlite'}"
    ctx = context_for(url)
    rng = random.Random(4)
    first, second = (letter_text(rng, date(2025, 10, 1) + timedelta(days=n), 950 + n)[0].encode() for n in range(2))
    (tmp_path / "two.eml").write_bytes(mail_with([("one.txt", first), ("two.txt", second)]))
    [message_id] = import_mail(ctx, [tmp_path / "two.eml"]).added
    cli = ["--db", url, "--user", "somchai", "mail"]
    runner = CliRunner()
    refused = runner.invoke(app, [*cli, "reject", str(message_id), "--index", "1", "--reason", "ส่งผิดหน่วยงาน"])
    assert refused.exit_code == 0, refused.output
    listed = json.loads(runner.invoke(app, [*cli, "inbox", "--json"]).stdout)
    (waiting,) = [m for m in listed if m["id"] == message_id]
    assert [(x["index"], x["state"]) for x in waiting["letters"]] == [(0, "waiting"), (1, "rejected")]
    with pytest.raises(InvalidInput, match="ไม่รับ"):
        accept(ctx, message_id, "นน 0023", index=1)
    assert accept(ctx, message_id, "นน 0023", index=0).number == 1
    with ctx.reading() as s:
        assert s.get(InboxMessage, message_id).status == "accepted"  # type: ignore[union-attr]
        assert len(list(s.exec(select(RegisterEntry)))) == 1
    # the whole of an e-mail is still refused in one go
    (tmp_path / "three.eml").write_bytes(mail_with([("three.txt", first)], message_id="<three@nan.example.go.th>"))
    [other] = import_mail(ctx, [tmp_path / "three.eml"]).added
    assert reject(ctx, other, "ซ้ำ").status == "rejected"


def test_the_audit_log_names_an_email_as_the_inbox_shows_it(tmp_path: Path) -> None:
    """#28 item 14: an e-mail was named in the log only by its sender's address ("อีเมลเข้า จาก
    …"), so two e-mails from one office could not be told apart: it is named by when it came
    and, once registered, by the receipt numbers it was given."""
    from saraban.db.tables import AuditRecord
    from saraban.services.record_names import record_subjects

    ctx = context_for(f"sqlite:///{tmp_path / 'named.sqlite'}")
    rng = random.Random(4)
    first, second = (letter_text(rng, date(2025, 10, 1) + timedelta(days=n), 950 + n)[0].encode() for n in range(2))
    (tmp_path / "two.eml").write_bytes(mail_with([("one.txt", first), ("two.txt", second)]))
    [message_id] = import_mail(ctx, [tmp_path / "two.eml"]).added
    accept(ctx, message_id, "นน 0023", index=0)
    accept(ctx, message_id, "นน 0023", index=1)
    with ctx.reading() as s:
        records = list(s.exec(select(AuditRecord).where(AuditRecord.entity == "inbox_message")))
        names = set(record_subjects(s, records))
        year = {e.year for e in s.exec(select(RegisterEntry))}.pop()  # the year it was accepted in
    [name] = names
    assert name.startswith(f"อีเมลเข้า จาก {SENDER} ส่งเมื่อ 18 พ.ย. 2568 เวลา 09.12 น."), name
    assert name.endswith(f"เลขรับ 1/{year}, 2/{year}"), name

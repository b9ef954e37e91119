"""Tamper evidence, tested the way Certificate Transparency's verifiers are: a table of
deliberately broken logs, each made by a hostile database administrator with plain SQL
(and, for the worst one, saraban's own hashing code), and every one rejected and named.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select
from typer.testing import CliRunner

from saraban.cli import app
from saraban.errors import InvalidInput, Tampered
from saraban.services.checkpoint import extends, generate_key, make_checkpoint, read_checkpoint, write_checkpoint
from saraban.services.ledger import GENESIS, canonical, chain, record_hash, verify
from saraban.services.registers import receive, void
from tests.services.helpers import as_dba, parsed

WHEN = datetime(2024, 1, 3, 9, 30)


def _fill(ctx) -> None:
    for n in range(1, 5):
        receive(ctx, parsed(f"นน 0023.5/{n}"), "นน 0023", WHEN.replace(minute=30 + n))
    void(ctx, "นน 0023", 2, "ผิดฉบับ", year=2567)


def _verify(ctx):
    with ctx.reading() as s:
        return verify(s)


def _sql(ctx, *statements: str) -> None:
    with ctx.engine.begin() as conn:
        as_dba(conn)
        for statement in statements:
            conn.execute(text(statement))


def _rehash(ctx) -> None:
    """What an insider with saraban's code does after changing rows: rewrite every snapshot to
    match, recompute every hash in order and move the head, so the chain verifies again."""
    with ctx.engine.begin() as conn:
        as_dba(conn)
        rows = conn.execute(text("SELECT seq, at, actor, role, action, entity, entity_id, payload FROM audit_record "
                                 "ORDER BY seq")).all()  # fmt: skip
        current = {
            (e, i): dict(r._mapping)
            for table, e in (("register_entry", "register_entry"), ("letter", "letter"))
            for r in conn.execute(text(f"SELECT * FROM {table}"))
            for i in [r._mapping["id"]]
        }
        previous = GENESIS
        for row in rows:
            payload = json.loads(row.payload)
            key = (row.entity, row.entity_id)
            if "row" in payload and key in current:
                for column in ("subject", "number"):
                    if column in payload["row"]:
                        payload["row"][column] = current[key][column]
            # SQLite hands raw SQL a timestamp as text; saraban hashes the datetime.
            at = datetime.fromisoformat(row.at) if isinstance(row.at, str) else row.at
            record = type("R", (), dict(row._mapping, at=at, payload=canonical(payload)))
            digest = record_hash(previous, record)
            conn.execute(text("UPDATE audit_record SET payload = :p, prev_hash = :prev, hash = :h WHERE seq = :s"),
                         {"p": record.payload, "prev": previous, "h": digest, "s": row.seq})  # fmt: skip
            previous = digest
        conn.execute(text("UPDATE chain_head SET last_hash = :h"), {"h": previous})


# (name, how the log is broken, words the verifier must say)
BROKEN: list[tuple[str, Callable, str]] = [
    # What was changed is named as the book names it (#28 item 15: "(subject)" alone was English).
    ("entry subject", lambda c: _sql(c, "UPDATE register_entry SET subject = 'แก้ไข' WHERE number = 3"),
     "(เรื่อง [subject])"),
    ("entry action and remark", lambda c: _sql(c, "UPDATE register_entry SET action = 'แจ้งแล้ว', remark = 'x' "
                                                 "WHERE number = 1"), "action"),
    ("unvoided entry", lambda c: _sql(c, "UPDATE register_entry SET void = false, void_reason = NULL "
                                         "WHERE number = 2"), "void"),
    ("letter subject", lambda c: _sql(c, "UPDATE letter SET subject = 'เรื่องอื่น' WHERE doc_no = 'นน 0023.5/1'"),
     "หนังสือ"),
    ("letter secrecy", lambda c: _sql(c, "UPDATE letter SET secrecy = 'ลับมาก' WHERE doc_no = 'นน 0023.5/3'"),
     "ชั้นความลับ [secrecy]"),
    ("user role and clearance", lambda c: _sql(c, "UPDATE app_user SET role = 'admin', clearance = 3"),
     "ผู้ใช้"),
    ("agency name", lambda c: _sql(c, "UPDATE agency SET name = 'หน่วยงานปลอม' WHERE code = 'นน 0023'"),
     "หน่วยงาน"),
    ("letter deleted with its entry", lambda c: _sql(
        c, "DELETE FROM routing_event WHERE letter_id = (SELECT id FROM letter WHERE doc_no = 'นน 0023.5/4')",
        "DELETE FROM register_entry WHERE letter_id = (SELECT id FROM letter WHERE doc_no = 'นน 0023.5/4')",
        "DELETE FROM letter WHERE doc_no = 'นน 0023.5/4'"), "ถูกลบ"),
    ("row added outside saraban", lambda c: _sql(
        c, "INSERT INTO agency (name, level, needs_review, created_at) "
           "VALUES ('หน่วยงานแฝง', 'other', false, '2569-01-01 00:00:00')"),
     "ไม่อยู่ในบันทึก"),
    ("ledger record changed", lambda c: _sql(c, "UPDATE audit_record SET actor = 'someone else' WHERE seq = "
                                                "(SELECT MAX(seq) - 3 FROM audit_record)"), "ถูกแก้ไขเนื้อหา"),
    ("middle record deleted", lambda c: _sql(c, "DELETE FROM audit_record WHERE seq = "
                                                "(SELECT MAX(seq) - 5 FROM audit_record)"), "ไม่ต่อ"),
    ("records reordered", lambda c: _sql(
        c, "UPDATE audit_record SET seq = -1 WHERE seq = 1", "UPDATE audit_record SET seq = 1 WHERE seq = 2",
        "UPDATE audit_record SET seq = 2 WHERE seq = -1"), "ไม่ต่อ"),
    ("register number changed", lambda c: _sql(c, "UPDATE register_entry SET number = 9323 WHERE number = 4"),
     "number"),
]


@pytest.mark.parametrize("name,breaking,words", BROKEN, ids=[b[0] for b in BROKEN])
def test_every_broken_log_is_rejected_and_named(ctx, db_url, name, breaking, words) -> None:
    _fill(ctx)
    assert _verify(ctx).ok, _verify(ctx).problems
    breaking(ctx)
    report = _verify(ctx)
    assert not report.ok, name
    assert any(words in problem for problem in report.problems), report.problems
    result = CliRunner().invoke(app, ["--db", db_url, "--user", "somchai", "audit", "verify"])
    assert result.exit_code == 1 and "ตรวจไม่ผ่าน" in result.stderr and "audit failed" not in result.stderr


def test_untouched_log_verifies_and_says_what_it_checked(ctx, db_url) -> None:
    _fill(ctx)
    report = _verify(ctx)
    assert report.ok and report.entries == 4 and report.rows > 80  # the seeded directory is covered too
    result = CliRunner().invoke(app, ["--db", db_url, "--user", "somchai", "audit", "verify"])
    assert result.exit_code == 0 and report.head in result.stdout


def _checkpoint(ctx, tmp_path: Path) -> tuple[Path, str]:
    key = tmp_path / "audit.key"
    key_id = generate_key(key)
    with ctx.reading() as s:
        made = make_checkpoint(s, key)
    return write_checkpoint(made, tmp_path / "cp.json"), key_id


def test_cutting_records_off_the_end_is_caught_by_a_checkpoint(ctx, tmp_path: Path) -> None:
    _fill(ctx)
    checkpoint, key_id = _checkpoint(ctx, tmp_path)
    with ctx.engine.begin() as conn:
        as_dba(conn)
        keep = conn.execute(text("SELECT hash FROM audit_record ORDER BY seq DESC LIMIT 1 OFFSET 2")).scalar_one()
        conn.execute(text("DELETE FROM audit_record WHERE seq > (SELECT MAX(seq) - 2 FROM audit_record)"))
        conn.execute(text("UPDATE chain_head SET last_hash = :h"), {"h": keep})
    # The void's records went, so its row no longer matches; a checkpoint names the cut itself.
    with ctx.reading() as s:
        problems = extends(chain(s)[0], read_checkpoint(checkpoint, key_id))
    assert problems and "ตัดท้าย" in problems[0]


def test_rewriting_and_rehashing_the_whole_chain_is_caught_by_a_checkpoint(ctx, db_url, tmp_path: Path) -> None:
    _fill(ctx)
    checkpoint, key_id = _checkpoint(ctx, tmp_path)
    _sql(ctx, "UPDATE register_entry SET subject = 'แก้ไขทีหลัง' WHERE number = 3",
         "UPDATE letter SET subject = 'แก้ไขทีหลัง' WHERE doc_no = 'นน 0023.5/3'")  # fmt: skip
    _rehash(ctx)
    assert _verify(ctx).ok, "the insider's rewrite passes the chain check alone"
    runner = CliRunner()
    result = runner.invoke(app, ["--db", db_url, "--user", "somchai", "audit", "verify", "--checkpoint",
                                 str(checkpoint), "--key-id", key_id])  # fmt: skip
    assert result.exit_code == 1 and "เขียนใหม่" in result.stderr


def test_a_log_that_grew_honestly_extends_its_checkpoint(ctx, db_url, tmp_path: Path) -> None:
    _fill(ctx)
    checkpoint, key_id = _checkpoint(ctx, tmp_path)
    receive(ctx, parsed("นน 0023.5/9"), "นน 0023", WHEN.replace(hour=11))
    result = CliRunner().invoke(app, ["--db", db_url, "--user", "somchai", "audit", "verify", "--checkpoint",
                                      str(checkpoint), "--key-id", key_id])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "ต่อจากจุดตรวจ" in result.stdout


def test_a_forged_or_foreign_checkpoint_is_refused(ctx, tmp_path: Path) -> None:
    _fill(ctx)
    checkpoint, key_id = _checkpoint(ctx, tmp_path)
    data = json.loads(checkpoint.read_text(encoding="utf-8"))
    data["length"] = 1
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidInput, match="ลายมือชื่อไม่ถูกต้อง"):
        read_checkpoint(forged)
    other_key = tmp_path / "other.key"
    generate_key(other_key)
    with ctx.reading() as s:
        foreign = write_checkpoint(make_checkpoint(s, other_key), tmp_path / "foreign.json")
    with pytest.raises(InvalidInput, match="ไม่ใช่ " + key_id):
        read_checkpoint(foreign, key_id)
    # Before: with no key named, a checkpoint the insider signed with their own key passed.
    with pytest.raises(InvalidInput, match="ระบุกุญแจที่เชื่อถือ"):
        read_checkpoint(foreign)
    url = str(ctx.engine.url.render_as_string(hide_password=False))
    arguments = ["--db", url, "--user", "somchai", "audit", "verify", "--checkpoint", str(foreign)]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code != 0 and "ระบุกุญแจที่เชื่อถือ" in result.output
    with pytest.raises(InvalidInput, match="ไม่เขียนทับ"):
        generate_key(other_key)


def test_a_changed_number_neither_pushes_numbering_nor_hides(ctx) -> None:
    _fill(ctx)
    _sql(ctx, "UPDATE register_entry SET number = 9323 WHERE number = 4")
    receipt = receive(ctx, parsed("นน 0023.5/5"), "นน 0023", WHEN.replace(hour=10))
    assert receipt.number == 5, "numbers come from the count of entries, not from a mutable maximum"
    problems = _verify(ctx).problems
    assert any("number" in p for p in problems) and any("ไม่เรียง" in p for p in problems)


def test_a_deleted_entry_stops_numbering_instead_of_repeating_a_number(ctx) -> None:
    _fill(ctx)
    _sql(ctx, "DELETE FROM routing_event WHERE register_entry_id = (SELECT id FROM register_entry WHERE number = 1)",
         "DELETE FROM register_entry WHERE number = 1")  # fmt: skip
    with pytest.raises(Tampered, match="audit verify"):
        receive(ctx, parsed("นน 0023.5/6"), "นน 0023", WHEN.replace(hour=10))


def test_verify_streams_the_log_and_holds_no_record(ctx) -> None:
    """A national ledger has millions of records: verify reads them a few hundred at a time and
    keeps only their hashes and the latest snapshot of each row (#10)."""
    from saraban.db.tables import AuditRecord

    _fill(ctx)
    with ctx.reading() as s:
        seen: list[int] = []
        hashes, problems = chain(s, lambda record: seen.append(record.seq))
        assert not problems and len(hashes) == len(seen) == len(set(seen)) and seen == sorted(seen)
        report = verify(s)
        assert report.ok and report.records == len(report.chain) == len(hashes)
        assert all(isinstance(h, str) and len(h) == 64 for h in report.chain) and report.head == hashes[-1]
        assert not [o for o in s.identity_map.values() if isinstance(o, AuditRecord)]


def _fill_more(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Rows of the tables the ledger covers since 0013: an e-mail, a sent one, a mailbox's
    cursor and a destruction list."""
    from datetime import date
    from email.message import EmailMessage

    from saraban.db.tables import Dispatch, Letter, MailCursor
    from saraban.services.inbox import import_mail
    from saraban.services.retention import make_list, set_retention
    from tests.services.helpers import letter_text

    message = EmailMessage()
    message["From"] = "saraban@nan.example.go.th"
    message["Subject"] = "หนังสือจังหวัด"
    message["Date"] = "Tue, 18 Nov 2025 09:12:00 +0700"
    message["Message-ID"] = "<audit-1@nan.example.go.th>"
    message.set_content("ส่งหนังสือตามไฟล์แนบ")
    message.add_attachment(letter_text("นน 0023.5/ว 90").encode(), maintype="text", subtype="plain",
                           filename="letter.txt")  # fmt: skip
    (tmp_path / "one.eml").write_bytes(message.as_bytes())
    import_mail(ctx, [tmp_path / "one.eml"])
    with ctx.writing() as s:
        letter = s.exec(select(Letter).where(Letter.doc_no == "นน 0023.5/1")).one()
        s.add(Dispatch(letter_id=letter.id, agency_id=letter.sender_agency_id or 1, address="a@b.go.th",
                       status="sent"))  # fmt: skip
        s.add(MailCursor(account="saraban@office", uidvalidity=7, last_uid=40))
    set_retention(ctx, "นน 0023.5/3", retention="1", file_code=None, reason="หนังสือทั่วไป")
    make_list(ctx, 2568, at="นน 0023", today=date(2026, 1, 10))


MORE_BROKEN: list[tuple[str, str, str]] = [
    ("approval forged", "UPDATE destruction_list SET approval = 'มติปลอม', approved_by = 'x', "
                        "destroyed_at = '2026-01-11 09:00:00'", "บัญชีหนังสือขอทำลาย"),
    ("list's letters changed", "UPDATE destruction_list SET letter_ids = '[1, 2, 3, 4]'", "letter_ids"),
    ("forged approved list", "INSERT INTO destruction_list (agency_id, year, letter_ids, created_at, created_by, "
                             "approval, approved_by) VALUES (1, 2568, '[1]', '2026-01-10 00:00:00', 'x', 'ok', 'y')",
     "ไม่อยู่ในบันทึก"),
    ("e-mail subject", "UPDATE inbox_message SET subject = 'อื่น'", "อีเมลเข้า"),
    ("e-mail accepted outside saraban", "UPDATE inbox_message SET status = 'rejected', reason = 'x'", "status"),
    ("e-mail's letters rewritten", "UPDATE inbox_message SET attachments = '[]'", "attachments"),
    ("dispatch status", "UPDATE dispatch SET status = 'no-address'", "การส่งทางอีเมล"),
    ("mailbox cursor moved", "UPDATE mail_cursor SET last_uid = 999", "ตำแหน่งอ่านกล่องจดหมาย"),
]


@pytest.mark.parametrize("name,statement,words", MORE_BROKEN, ids=[b[0] for b in MORE_BROKEN])
def test_mail_dispatch_and_destruction_rows_are_covered(ctx, tmp_path: Path, name, statement, words) -> None:
    # Before 0013 these tables were outside the ledger: every one of these passed verify.
    _fill(ctx)
    _fill_more(ctx, tmp_path)
    assert _verify(ctx).ok, _verify(ctx).problems
    _sql(ctx, statement)
    report = _verify(ctx)
    assert not report.ok, name
    assert any(words in problem for problem in report.problems), report.problems


def test_every_ledger_action_fits_its_column() -> None:
    # PostgreSQL refused "destruction-list-edit" (21 characters in a VARCHAR(20)); SQLite had not.
    from saraban.db.tables import AuditRecord
    from saraban.services.ledger_watch import COVERED

    width = AuditRecord.__table__.c.action.type.length  # type: ignore[attr-defined]
    names = {"letter", "user", "agency", "destroy-list", "mail", "dispatch", "mail-cursor", "citation"}
    assert len(names) + 3 >= len(COVERED)  # entries, events and amendments are named by their kind
    assert all(len(f"{name}-{change}") <= width for name in names for change in ("add", "edit", "delete"))

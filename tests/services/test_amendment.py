"""Mistakes are correctable, visibly (#12 item 1): a clerk amends a registered entry with a
reason; the register shows the current value, the history keeps the old one, the ledger
records it; a re-receipt after a void stores what the clerk confirmed."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import pytest
from sqlalchemy import text
from sqlmodel import select
from typer.testing import CliRunner

from saraban.cli import app
from saraban.db.tables import AuditRecord, Letter
from saraban.errors import InvalidInput, PermissionDenied
from saraban.services.amendment import amend, amendments_of
from saraban.services.context import open_context
from saraban.services.ledger import verify
from saraban.services.letters_store import get_letter
from saraban.services.register_view import register_rows
from saraban.services.registers import receive, void
from saraban.services.users import add_user
from tests.services.helpers import letter_text, parsed

NAN = "นน 0023"
WHEN = datetime(2024, 1, 3, 9, 30)
RIGHT = "ขอความร่วมมือจัดเก็บข้อมูลผู้สูงอายุ"


def _letter_of(ctx, doc_no: str) -> Letter:
    with ctx.reading() as s:
        return get_letter(s, doc_no)


def test_an_amendment_shows_in_the_register_keeps_history_and_is_ledgered(ctx) -> None:
    receive(ctx, parsed("นน 0023.5/ว 41", subject="ขอความร่วมมอจัดเก็บข้อมูล"), NAN, WHEN)
    made = amend(
        ctx,
        NAN,
        1,
        {"subject": f"  {RIGHT} ", "letter_date": "๒ ม.ค. ๒๕๖๗", "action": "เสนอนายอำเภอ 3 ม.ค. 67"},
        "OCR อ่านเรื่องผิด",
        year=2567,
    )
    assert [a.field_name for a in made] == ["subject", "action"]  # the date was already right
    (row,) = register_rows(ctx, NAN, year=2567)
    assert row.subject == RIGHT and row.action == "เสนอนายอำเภอ 3 ม.ค. 67"
    assert row.amended and row.remark == "มีการแก้ไข"
    letter = _letter_of(ctx, "นน 0023.5/ว 41")
    assert letter.subject == RIGHT  # the reading is corrected too: search and trace see it
    assert register_rows(ctx, NAN, search="ผู้สูงอายุ")
    history = amendments_of(ctx, letter.id)
    assert [(h.label, h.old, h.new, h.reason) for h in history] == [
        ("เรื่อง", "ขอความร่วมมอจัดเก็บข้อมูล", RIGHT, "OCR อ่านเรื่องผิด"),
        ("การปฏิบัติ", None, "เสนอนายอำเภอ 3 ม.ค. 67", "OCR อ่านเรื่องผิด"),
    ]
    assert history[0].by == "somchai" and history[0].entry.startswith("เลขรับ 1/2567")
    with ctx.reading() as s:
        actions = [r.action for r in s.exec(select(AuditRecord).order_by(AuditRecord.seq))]
        assert sorted(actions[-4:]) == ["amend", "amendment", "amendment", "letter-edit"]
        assert verify(s).ok


def test_a_corrected_number_is_found_by_its_new_number(ctx) -> None:
    receive(ctx, parsed("นน 0023.5/ว 14"), NAN, WHEN)
    amend(ctx, NAN, 1, {"doc_no": "ที่ นน ๐๐๒๓.๕/ว ๑๔๑"}, "เลขหลุดหนึ่งหลัก", year=2567)
    letter = _letter_of(ctx, "ว 141")
    assert letter.doc_no == "นน 0023.5/ว 141" and letter.running_no == "141" and letter.circular
    (row,) = register_rows(ctx, NAN, year=2567)
    assert row.doc_no == "นน 0023.5/ว 141"
    # The corrected identity is the letter's: receiving the right number again is a duplicate.
    with pytest.raises(Exception, match="รับไว้แล้ว"):
        receive(ctx, parsed("นน 0023.5/ว 141"), NAN, WHEN.replace(hour=10))


@pytest.mark.parametrize(
    ("changes", "reason", "message"),
    [
        ({"subject": "เรื่องใหม่"}, "   ", "เหตุผล"),
        ({"subject": ""}, "ลบ", "เรื่องว่างไม่ได้"),
        ({"subject": "ขอความร่วมมือจัดเก็บข้อมูล"}, "ไม่มีอะไร", "ไม่มีการแก้ไข"),
        ({"doc_no": "นน 0023.5/"}, "เลขผิด", "ไม่ครบ"),
        ({"letter_date": "๙ ม.ค. ๒๕๖๗"}, "วันผิด", "อยู่หลังวันที่ลงทะเบียน"),
        ({"letter_date": "31 ก.พ. 2567"}, "วันผิด", "ลงวันที่"),
        ({"secrecy": "ลับ"}, "ลับ", "แก้ไขช่อง secrecy ไม่ได้"),
    ],
)
def test_a_bad_amendment_is_refused_in_one_line_and_changes_nothing(ctx, changes, reason, message) -> None:
    receive(ctx, parsed("นน 0023.5/1"), NAN, WHEN)
    with pytest.raises(InvalidInput, match=message):
        amend(ctx, NAN, 1, changes, reason, year=2567)
    (row,) = register_rows(ctx, NAN, year=2567)
    assert row.subject == "ขอความร่วมมือจัดเก็บข้อมูล" and row.letter_date is not None and not row.amended


def test_a_void_entry_is_not_amended_and_auditors_amend_nothing(ctx, db_url) -> None:
    receive(ctx, parsed("นน 0023.5/1"), NAN, WHEN)
    with ctx.writing() as s:
        add_user(s, "aud", "auditor")
    with pytest.raises(PermissionDenied):
        amend(open_context(db_url, user="aud"), NAN, 1, {"subject": "อื่น"}, "ลอง", year=2567)
    void(ctx, NAN, 1, "ลงผิดฉบับ", year=2567)
    with pytest.raises(InvalidInput, match="ลงรับใหม่"):
        amend(ctx, NAN, 1, {"subject": "อื่น"}, "แก้", year=2567)


def test_a_secret_entry_needs_clearance_and_its_history_hides_the_values(ctx, db_url) -> None:
    secret = "แผนรักษาความปลอดภัยบุคคลสำคัญ"
    with ctx.writing() as s:
        add_user(s, "cleared", "clerk", clearance="ลับมาก")
        add_user(s, "plain", "clerk")
    cleared = open_context(db_url, user="cleared")
    receive(cleared, parsed("นน 0023.1/ว 7", subject="แผนรักษาความปลอดภัย", secrecy="ลับมาก"), NAN, WHEN)
    plain = open_context(db_url, user="plain")
    with pytest.raises(PermissionDenied, match="ลับมาก"):
        amend(plain, NAN, 1, {"subject": "อะไรก็ได้"}, "ลอง", year=2567)
    amend(cleared, NAN, 1, {"subject": secret}, "เรื่องไม่ครบ", year=2567)
    letter_id = _letter_of(cleared, "ว 7").id
    (seen,) = amendments_of(plain, letter_id)
    assert (seen.old, seen.new, seen.reason) == (None, None, None) and seen.label == "เรื่อง"
    assert amendments_of(cleared, letter_id)[0].new == secret
    with cleared.engine.connect() as conn:
        leaked = conn.execute(text("SELECT COUNT(*) FROM audit_record WHERE payload LIKE :s"), {"s": f"%{secret}%"})
        assert leaked.scalar_one() == 0


def test_a_rewritten_history_is_named_by_verify(ctx) -> None:
    receive(ctx, parsed("นน 0023.5/1"), NAN, WHEN)
    amend(ctx, NAN, 1, {"remark": "ต้นฉบับอยู่ที่ปลัด"}, "เพิ่มหมายเหตุ", year=2567)
    with ctx.engine.begin() as conn:
        conn.execute(text("UPDATE amendment SET old_value = 'อย่างอื่น', reason = 'ไม่มีเหตุผล'"))
    with ctx.reading() as s:
        problems = verify(s).problems
    assert any(p.startswith("การแก้ไข 1") and "old_value" in p and "reason" in p for p in problems), problems


def test_a_re_receipt_after_a_void_stores_what_the_clerk_confirmed(ctx) -> None:
    wrong = replace(parsed("นน 0023.5/ว 9"), subject="ขอความรวมมอ", sender_agency="ส31 กุมภาพันธ์ ๒๕๖๗")
    receive(ctx, wrong, NAN, WHEN)
    void(ctx, NAN, 1, "เรื่องและผู้ส่งผิด", year=2567)
    right = replace(parsed("นน 0023.5/ว 9"), subject=RIGHT)
    receipt = receive(ctx, right, NAN, WHEN.replace(hour=10))
    assert receipt.number == 2
    rows = {r.number: r for r in register_rows(ctx, NAN, year=2567)}
    assert rows[2].subject == RIGHT
    assert rows[2].from_ == "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดน่าน"
    assert rows[1].void and rows[1].subject == "ขอความรวมมอ"  # the void line stays as it was
    letter = _letter_of(ctx, "ว 9")
    assert letter.subject == RIGHT and letter.sender_text == "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดน่าน"
    history = amendments_of(ctx, letter.id)
    assert {h.label for h in history} == {"เรื่อง", "จาก"}
    assert all(h.entry is None and "แทนเลข 1/2567 ที่ยกเลิก" in h.reason for h in history)
    with ctx.reading() as s:
        assert verify(s).ok


def test_another_offices_reading_stands_and_only_empty_fields_are_filled(ctx) -> None:
    receive(ctx, replace(parsed("นน 0023.5/ว 3"), salutation_to=None), NAN, WHEN)
    other = replace(parsed("นน 0023.5/ว 3"), subject="อ่านต่างไปเล็กน้อย")
    receive(ctx, other, "ลป 0023", WHEN.replace(hour=11))
    letter = _letter_of(ctx, "ว 3")
    assert letter.subject == "ขอความร่วมมือจัดเก็บข้อมูล"  # not overwritten by a second reading
    assert letter.salutation == "นายอำเภอ ทุกอำเภอ"  # the gap was filled
    (filled,) = amendments_of(ctx, letter.id)
    assert filled.label == "ถึง" and filled.reason == "เติมช่องที่ว่างจากการลงรับ"


def test_cli_amend_and_history(db_url, tmp_path) -> None:
    runner = CliRunner(env={"COLUMNS": "240"})  # a wide terminal: the table's cells stay whole

    def cli(*args: str):
        return runner.invoke(app, ["--db", db_url, "--user", "somchai", *args])

    source = tmp_path / "letter.txt"
    source.write_text(letter_text("นน 0023.5/ว 88", subject="ขอเชิญประชุม"), encoding="utf-8")
    assert cli("receive", str(source), "--at", NAN, "--when", "2567-01-03T09:30").exit_code == 0
    done = cli("amend", NAN, "1", "--year", "2567", "--subject", "ขอเชิญประชุมคณะกรรมการ",
               "--from", "", "--reason", "เรื่องไม่ครบ")  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "แก้เรื่อง: ขอเชิญประชุม → ขอเชิญประชุมคณะกรรมการ" in done.output
    assert "แก้จาก: สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดน่าน → -" in done.output
    listed = json.loads(cli("register", NAN, "--year", "2567", "--json").stdout)
    assert listed[0]["subject"] == "ขอเชิญประชุมคณะกรรมการ" and listed[0]["from"] is None and listed[0]["amended"]
    shown = cli("history", "ว 88")
    assert shown.exit_code == 0 and "เรื่องไม่ครบ" in shown.output and "เลขรับ 1/2567" in shown.output
    as_json = json.loads(cli("history", "ว 88", "--json").stdout)
    assert [h["field"] for h in as_json] == ["subject", "from_text"]
    nothing = cli("amend", NAN, "1", "--year", "2567", "--reason", "ลอง")
    assert nothing.exit_code == 1 and "ไม่มีช่องที่จะแก้" in nothing.output and "Traceback" not in nothing.output
    missing = cli("amend", NAN, "5", "--year", "2567", "--subject", "x", "--reason", "ลอง")
    assert missing.exit_code == 1 and "ไม่พบเลข 5/2567" in missing.output
    # The clerk may name the entry by the letter it received, whatever the year.
    by_letter = cli("amend", NAN, "นน ๐๐๒๓.๕/ว ๘๘", "--remark", "สำเนาให้ปลัด", "--reason", "เพิ่มหมายเหตุ")
    assert by_letter.exit_code == 0, by_letter.output
    assert json.loads(cli("register", NAN, "--year", "2567", "--json").stdout)[0]["remark"] == "สำเนาให้ปลัด; มีการแก้ไข"
    elsewhere = cli("amend", "ลป 0023", "ว 88", "--remark", "x", "--reason", "ลอง")
    assert elsewhere.exit_code == 1 and "ไม่มีเลขรับของหนังสือที่ นน 0023.5/ว 88" in elsewhere.output

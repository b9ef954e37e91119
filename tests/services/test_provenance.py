"""Where each value of a registered letter came from is kept with the letter (#26): what the
reader took from a file, what OCR and the digit reader read from a page, and what a person
typed or corrected. An auditor weighs a number a clerk typed differently from one a machine
read, so it survives the receipt, a correction and a re-receipt."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from typer.testing import CliRunner

from saraban.cli import app
from saraban.services.amendment import amend
from saraban.services.letter_view import letter_detail, provenance_note
from saraban.services.letters_store import get_letter
from saraban.services.registers import receive
from tests.services.helpers import letter_text, parsed

NAN = "นน 0023"
WHEN = datetime(2024, 1, 3, 9, 30)


def test_a_correction_is_sure_typed_by_the_clerk_and_drops_its_suggestion() -> None:
    letter = parsed("นน 0023.5/ว 7")
    assert letter.provenance["doc_no"] == "typed" and letter.provenance["date"] == "typed"
    letter.suggestions["date"] = {"value": "2024-01-09", "confidence": 0.7, "reason": "handwritten"}
    letter.confidence["subject"] = 0.4
    fixed = letter.corrected(date=date(2024, 1, 9), subject=letter.subject, sender_agency=None)
    assert fixed.provenance["date"] == "clerk" and fixed.confidence["date"] == 1.0
    assert "date" not in fixed.suggestions
    assert fixed.provenance["subject"] == "typed" and fixed.confidence["subject"] == 0.4  # typed as read
    assert "sender_agency" not in fixed.provenance and fixed.sender_agency is None  # emptied: no source
    assert letter.provenance["date"] == "typed" and "date" in letter.suggestions  # the reading is kept


def test_a_receipt_keeps_where_each_value_came_from_and_a_correction_says_clerk(ctx) -> None:
    receive(ctx, parsed("นน 0023.5/ว 7").corrected(date=date(2024, 1, 2)), NAN, WHEN)
    with ctx.reading() as session:
        letter = get_letter(session, "นน 0023.5/ว 7")
    assert letter.provenance["doc_no"] == "typed" and letter.provenance["subject"] == "typed"
    assert letter.provenance["date"] == "typed"  # typed as the file had it
    amend(ctx, NAN, 1, {"subject": "ขอความร่วมมือจัดเก็บข้อมูลประชากร"}, "เรื่องไม่ครบ", year=2567)
    detail = letter_detail(ctx, letter.id)
    assert detail.provenance["subject"] == "clerk" and detail.provenance["doc_no"] == "typed"
    line = provenance_note(detail.provenance)
    assert line.startswith("ที่: ไฟล์ข้อความ") and "เรื่อง: เจ้าหน้าที่พิมพ์" in line


def test_cli_receive_says_a_typed_number_came_from_the_clerk(db_url, tmp_path: Path) -> None:
    source = tmp_path / "letter.txt"
    source.write_text(letter_text("นน 0023.5/ว 9"), encoding="utf-8")

    def cli(*args: str):
        return CliRunner().invoke(app, ["--db", db_url, "--user", "somchai", *args])

    done = cli("receive", str(source), "--at", NAN, "--when", "2567-01-03T09:30",
               "--doc-no", "นน 0023.5/ว 99", "--json")  # fmt: skip
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["provenance"]["doc_no"] == "clerk"
    assert json.loads(done.stdout)["provenance"]["subject"] == "typed"
    shown = cli("history", "นน 0023.5/ว 99")
    assert shown.exit_code == 0, shown.output
    assert "ที่: เจ้าหน้าที่พิมพ์" in shown.output and "เรื่อง: ไฟล์ข้อความ" in shown.output


def test_a_parent_link_is_named_in_thai() -> None:
    # #28 item 15: the Letter screen said "(exact)", "(issued)", "(fuzzy 0.72)".
    from saraban.db.tables import Letter
    from saraban.services.letter_view import link_note

    assert link_note(Letter(fingerprint="x", link_method="exact", link_score=1.0)) == "เลขที่และวันที่ตรงกัน"
    assert link_note(Letter(fingerprint="x", link_method="fuzzy", link_score=0.72)) == "ใกล้เคียง 72%"
    assert link_note(Letter(fingerprint="x", link_method="issued")) == "ส่งต่อโดยสำนักงานนี้"

"""Numbers follow time: a receipt earlier than the register's last needs a back-entry reason,
one in the future is refused, and a letter cannot be dated after it arrived (finding 8)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from saraban.cli import app
from saraban.errors import InvalidInput, OutOfOrder
from saraban.services.register_view import register_rows
from saraban.services.registers import acknowledge, receive
from saraban.thai.dates import now_bangkok
from tests.services.helpers import letter_text, parsed

NAN = "นน 0023"
WHEN = datetime(2024, 1, 3, 9, 30)


def test_a_receipt_before_the_last_one_needs_a_reason_which_the_book_shows(ctx) -> None:
    receive(ctx, parsed("นน 0023.5/1"), NAN, WHEN)
    with pytest.raises(OutOfOrder, match="เลขรับต้องเรียงตามเวลา"):
        receive(ctx, parsed("นน 0023.5/2"), NAN, WHEN - timedelta(hours=1))
    # Refused before a number was taken: the next in-order receipt is still number 2.
    same_minute = receive(ctx, parsed("นน 0023.5/3"), NAN, WHEN.replace(second=40))
    assert same_minute.number == 2
    late = receive(ctx, parsed("นน 0023.5/2"), NAN, WHEN - timedelta(hours=1), back_entry="  พบในกองเอกสาร  ")
    assert late.number == 3
    row = next(r for r in register_rows(ctx, NAN, year=2567) if r.number == 3)
    assert row.remark == "ลงรับย้อนหลัง: พบในกองเอกสาร"
    # Another register (another office, another year) has its own order.
    assert receive(ctx, parsed("นน 0023.5/4"), "ลป 0023", WHEN - timedelta(days=1)).number == 1


def test_a_receipt_in_the_future_is_refused_even_with_a_reason(ctx) -> None:
    ahead = now_bangkok() + timedelta(hours=2)
    with pytest.raises(InvalidInput, match="อยู่ในอนาคต"):
        receive(ctx, parsed("นน 0023.5/1"), NAN, ahead, back_entry="ลองดู")
    assert register_rows(ctx, NAN) == []


def test_a_letter_date_after_the_receipt_is_left_empty_never_stored(ctx) -> None:
    letter = parsed("นน 0023.5/1", day="๑๕ มกราคม ๒๕๖๗")  # dated after WHEN: a misreading
    receive(ctx, letter, NAN, WHEN)
    (row,) = register_rows(ctx, NAN)
    assert row.letter_date is None
    # A letter already in saraban keeps its date; a recipient cannot acknowledge it before it.
    receive(ctx, parsed("นน 0023.5/2", day="๑๕ มกราคม ๒๕๖๗"), NAN, datetime(2024, 1, 20, 9, 0))
    with pytest.raises(InvalidInput, match="หลังวันรับ"):
        acknowledge(ctx, "นน 0023.5/2", "ลป 0023", datetime(2024, 1, 10, 9, 0))


def _cli(db_url: str, *args: str):
    return CliRunner().invoke(app, ["--db", db_url, "--user", "somchai", *args])


def test_cli_reads_buddhist_era_years_and_keeps_the_back_entry_reason(db_url, tmp_path: Path) -> None:
    first, second = tmp_path / "1.txt", tmp_path / "2.txt"
    first.write_text(letter_text("นน 0023.5/11"), encoding="utf-8")
    second.write_text(letter_text("นน 0023.5/12"), encoding="utf-8")
    result = _cli(db_url, "receive", str(first), "--at", NAN, "--when", "2567-01-05T09:00", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["year"] == 2567  # not register year 3110
    refused = _cli(db_url, "receive", str(second), "--at", NAN, "--when", "๔ ม.ค. ๒๕๖๗ ๑๖.๐๐ น.")
    assert refused.exit_code != 0 and "--back-entry" in refused.output
    assert "Traceback" not in refused.output
    done = _cli(db_url, "receive", str(second), "--at", NAN, "--when", "๔ ม.ค. ๒๕๖๗ ๑๖.๐๐ น.",
                "--back-entry", "ระบบล่ม ลงรับในสมุดไว้ก่อน", "--json")  # fmt: skip
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["number"] == 2
    listed = _cli(db_url, "register", NAN, "--year", "2567", "--json")
    remarks = {row["number"]: row["remark"] for row in json.loads(listed.stdout)}
    assert remarks[2] == "ลงรับย้อนหลัง: ระบบล่ม ลงรับในสมุดไว้ก่อน"
    bad = _cli(db_url, "receive", str(second), "--at", NAN, "--when", "3110-01-05T09:00")
    assert bad.exit_code != 0 and "นอกช่วง" in bad.output


def test_a_letter_without_a_subject_is_refused_until_the_clerk_types_it(db_url, tmp_path: Path) -> None:
    """#12 item 3: an empty เรื่อง would make a register line that says nothing."""
    text = letter_text("นน 0023.5/21").replace("เรื่อง ขอความร่วมมือจัดเก็บข้อมูล\n", "")
    path = tmp_path / "no_subject.txt"
    path.write_text(text, encoding="utf-8")
    refused = _cli(db_url, "receive", str(path), "--at", NAN, "--when", "2567-01-05T09:00")
    assert refused.exit_code == 1 and "--subject" in refused.output and "Traceback" not in refused.output
    typed = _cli(db_url, "receive", str(path), "--at", NAN, "--when", "2567-01-05T09:00",
                 "--subject", "ขอความร่วมมือจัดเก็บข้อมูล", "--json")  # fmt: skip
    assert typed.exit_code == 0, typed.output
    assert json.loads(typed.stdout)["number"] == 1
    listed = json.loads(_cli(db_url, "register", NAN, "--json").stdout)
    assert listed[0]["subject"] == "ขอความร่วมมือจัดเก็บข้อมูล"


def test_cli_says_when_it_leaves_a_later_letter_date_empty(db_url, tmp_path: Path) -> None:
    """A letter dated after its receipt was registered with ลงวันที่ empty and not a word
    said on the command line (the warning was the service's, after the notes were printed)."""
    source = tmp_path / "later.txt"
    source.write_text(letter_text("นน 0023.5/ว 41", day="๒๐ มกราคม ๒๕๖๗"), encoding="utf-8")
    result = _cli(db_url, "receive", str(source), "--at", "ลป 0023", "--when", "2567-01-10T09:30")
    assert result.exit_code == 0, result.output
    assert "20 ม.ค. 2567 อยู่หลังวันรับ" in result.stderr, result.stderr

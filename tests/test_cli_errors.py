"""A newcomer's mistakes get one line, never a traceback (#12 item 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from saraban.cli import app

runner = CliRunner()


def _one_line_failure(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    assert ("Traceback" not in result.output and result.exception is None) or isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("option", ["--csv", "--docx"])
def test_a_register_export_into_an_unwritable_folder(db_url: str, option: str) -> None:
    base = ["--db", db_url, "--user", "somchai", "register", "นน 0023"]
    line = _one_line_failure(runner.invoke(app, [*base, option, "/proc/book.x"]))
    assert "/proc/book.x" in line


def test_a_csv_into_a_missing_folder(db_url: str, tmp_path: Path) -> None:
    base = ["--db", db_url, "--user", "somchai", "register", "นน 0023"]
    line = _one_line_failure(runner.invoke(app, [*base, "--csv", str(tmp_path / "ไม่มีโฟลเดอร์" / "book.csv")]))
    assert "ไม่มีโฟลเดอร์" in line and "ไม่มีไฟล์หรือโฟลเดอร์นี้" in line


def test_forward_with_a_body_file_that_does_not_exist(db_url: str) -> None:
    args = ["--db", db_url, "--user", "somchai", "forward", "ว 1", "--from", "นน 0023", "--to", "ลป 0023"]
    line = _one_line_failure(runner.invoke(app, [*args, "--body", "/nonexistent.txt"]))
    assert "/nonexistent.txt" in line


def test_score_on_a_malformed_or_binary_gold_file(tmp_path: Path) -> None:
    broken = tmp_path / "gold.jsonl"
    broken.write_text('{"file": "a.txt"}\n{"file": \n', encoding="utf-8")
    assert "บรรทัด 2" in _one_line_failure(runner.invoke(app, ["score", "--gold", str(broken)]))
    binary = tmp_path / "gold.bin"
    binary.write_bytes(bytes(range(256)))
    assert "UTF-8" in _one_line_failure(runner.invoke(app, ["score", "--gold", str(binary)]))
    unnamed = tmp_path / "unnamed.jsonl"
    unnamed.write_text('{"doc_no": "x"}\n', encoding="utf-8")
    assert "file" in _one_line_failure(runner.invoke(app, ["score", "--gold", str(unnamed)]))


def test_letter_render_names_every_missing_field_at_once(tmp_path: Path) -> None:
    data = tmp_path / "data.json"
    data.write_text(json.dumps({"subject": "ทดสอบ"}, ensure_ascii=False), encoding="utf-8")
    line = _one_line_failure(
        runner.invoke(app, ["letter", "render", "memo", "--data", str(data), "--out", str(tmp_path / "m.docx")])
    )
    named = line.count("'")
    assert "missing field" in line and named >= 6, line  # several names, each quoted
    assert "'subject'" not in line


def test_a_missing_file_and_a_closed_server_are_told_in_thai(db_url: str) -> None:
    # #28 item 15: "เปิดไฟล์ไม่ได้ (No such file or directory)" and "[Errno 111] Connection refused".
    from saraban.errors import os_reason

    line = _one_line_failure(runner.invoke(app, ["--db", db_url, "--user", "somchai", "receive", "/nonexistent.txt",
                                                 "--at", "นน 0023"]))  # fmt: skip
    assert "/nonexistent.txt" in line and "ไม่มีไฟล์หรือโฟลเดอร์นี้" in line and "No such" not in line
    assert os_reason(ConnectionRefusedError(111, "Connection refused")).startswith("ปลายทางไม่รับการเชื่อมต่อ")
    assert os_reason(TimeoutError()) == "หมดเวลารอ ปลายทางไม่ตอบ"
    assert os_reason(OSError(9999, "Odd")) == "Odd"  # an error with no Thai name keeps the system's words


def test_the_review_list_names_levels_in_thai(db_url: str, tmp_path: Path) -> None:
    # #28 item 15: agencies review printed "district/local" where agencies list printed Thai.
    from saraban.db.tables import LEVEL_NAMES

    source = tmp_path / "a.txt"
    from tests.services.helpers import letter_text

    office = "\t\tสำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดน่าน"
    source.write_text(letter_text("ศธ 04321/9").replace(office, "\t\tโรงเรียนบ้านห้วยทดลองวิทยา"), encoding="utf-8")
    base = ["--db", db_url, "--user", "somchai"]
    received = runner.invoke(app, [*base, "receive", str(source), "--at", "นน 0023", "--new-sender"])
    assert received.exit_code == 0, received.output
    listed = runner.invoke(app, [*base, "agencies", "review"])
    assert listed.exit_code == 0, listed.output
    rows = [line for line in listed.stdout.splitlines() if "04321" in line]
    assert rows and not any(key in listed.stdout for key in LEVEL_NAMES if key not in ("",)), listed.stdout

"""Files in every encoding and format a clerk may get, and the ones we must refuse cleanly."""

import json
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from saraban.errors import UnreadableFile
from saraban.parsing import parse_file, parse_text
from tests.conftest import DATA

SAMPLE = (DATA / "letters" / "urgent_secret_refs.txt").read_text(encoding="utf-8")


def test_tis620_file_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "cp874.txt"
    path.write_bytes(SAMPLE.encode("cp874"))
    (letter,) = parse_file(path)
    assert letter.doc_no == "ลป 0023.2/ว 145"


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"))
    (letter,) = parse_file(path)
    assert letter.subject == "ขอข้อมูลบุคลากรเพื่อประกอบการตรวจสอบ"


def test_docx_letter(tmp_path: Path) -> None:
    document = docx.Document()
    for line in SAMPLE.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "letter.docx"
    document.save(str(path))
    (letter,) = parse_file(path)
    assert letter.doc_no == "ลป 0023.2/ว 145" and letter.secrecy == "ลับ"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "ไฟล์ว่าง"), (b"\x00\x01\x02\x89PNG" * 50, "ไบนารี"), (b"PK\x03\x04garbage", "zip")],
)
def test_bad_files_raise_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableFile, match=message) as info:
        parse_file(path)
    assert str(path) in str(info.value)


def test_cli_reports_bad_files_and_still_parses_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_good.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "c_binary.bin").write_bytes(b"\x00" * 100)
    result = subprocess.run(
        [sys.executable, "-m", "saraban", "parse", str(tmp_path), "--json"], capture_output=True, text=True
    )
    assert result.returncode == 1
    records = json.loads(result.stdout)
    assert [Path(r["source"]).name for r in records] == ["b_good.txt"]
    problems = result.stderr.strip().splitlines()
    assert len(problems) == 2
    assert "a_empty.txt" in problems[0] and "c_binary.bin" in problems[1]


def test_parse_speaks_thai_dates_and_kinds_to_a_person(tmp_path: Path) -> None:
    # #28 item 15: the summary printed "(external)" and "ลงวันที่: 2026-12-04"; a warning quoted
    # ISO dates. --json keeps ISO and the English keys.
    from typer.testing import CliRunner

    from saraban.cli import app

    letter = tmp_path / "letter.txt"
    letter.write_text(SAMPLE, encoding="utf-8")
    shown = CliRunner().invoke(app, ["parse", str(letter)])
    assert shown.exit_code == 0, shown.output
    assert not re.search(r"\b\d{4}-\d\d-\d\d\b", shown.output), shown.output
    assert "(หนังสือภายนอก)" in shown.output and "ลงวันที่: " in shown.output
    as_json = json.loads(CliRunner().invoke(app, ["parse", str(letter), "--json"]).stdout)
    assert as_json[0]["kind"] == "external" and re.match(r"\d{4}-\d\d-\d\d$", as_json[0]["date"])
    [late] = parse_text(SAMPLE.replace("เรื่อง", "เลขรับ 12\nวันที่ 1 ม.ค. 2560\nเรื่อง", 1))
    assert late.warnings and not any(re.search(r"\d{4}-\d\d-\d\d", w) for w in late.warnings)

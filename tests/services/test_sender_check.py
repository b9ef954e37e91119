"""An unknown sender never quietly becomes a new office (#12 item 2): the directory's close
names are offered first; the command line says so in one line and takes --sender."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select
from typer.testing import CliRunner

from saraban.cli import app
from saraban.db.tables import Agency
from saraban.services.sender_check import check_sender
from tests.services.helpers import letter_text

NAN_OFFICE = "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดน่าน"


def test_known_by_name_or_code_and_close_names_for_a_slip(ctx) -> None:
    assert check_sender(ctx, f"  {NAN_OFFICE} ").known == NAN_OFFICE
    assert not check_sender(ctx, None).new and not check_sender(ctx, "  ").new
    slip = check_sender(ctx, "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวดน่าน")  # a vowel lost by OCR
    assert slip.new and slip.close[0] == NAN_OFFICE and len(slip.close) <= 5
    stranger = check_sender(ctx, "ร้านถ่ายเอกสารหน้าอำเภอ")
    assert stranger.new and NAN_OFFICE not in stranger.close
    with ctx.reading() as s:
        assert not s.exec(select(Agency).where(Agency.needs_review.is_(True))).all()  # nothing added by looking


def test_cli_names_a_new_sender_and_takes_the_right_one(db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    source = tmp_path / "a.txt"
    text = letter_text("นน 0023.5/ว 61").replace(NAN_OFFICE, "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวดน่าน")
    source.write_text(text, encoding="utf-8")
    when = ["--at", "ลป 0023", "--when", "2567-01-03T09:30"]
    base = ["--db", db_url, "--user", "somchai", "receive", str(source), *when]
    fixed = runner.invoke(app, [*base, "--sender", NAN_OFFICE, "--json"])
    assert fixed.exit_code == 0, fixed.output
    assert "ไม่อยู่ในทำเนียบ" not in fixed.stderr
    other = tmp_path / "b.txt"
    other.write_text(letter_text("นน 0023.5/ว 62").replace(NAN_OFFICE, "กองทุนหมู่บ้านบ้านใหม่"), encoding="utf-8")
    base[5] = str(other)
    noted = runner.invoke(app, [*base, "--json"])
    assert noted.exit_code == 0 and "ผู้ส่ง 'กองทุนหมู่บ้านบ้านใหม่' ไม่อยู่ในทำเนียบ" in noted.stderr

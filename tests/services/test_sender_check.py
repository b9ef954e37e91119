"""An unknown sender never quietly becomes a new office (#12 item 2): the directory's close
names are offered first; the command line says so in one line and takes --sender."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select
from typer.testing import CliRunner

from saraban.cli import app
from saraban.db.tables import Agency, RegisterEntry
from saraban.services.sender_check import check_sender
from tests.services.helpers import letter_text

NAN_OFFICE = "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดน่าน"


def test_known_by_name_or_code_and_close_names_for_a_slip(ctx) -> None:
    assert check_sender(ctx, f"  {NAN_OFFICE} ").known == NAN_OFFICE
    assert not check_sender(ctx, None).new and not check_sender(ctx, "  ").new
    slip = check_sender(ctx, "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวดน่าน")  # a vowel lost by OCR
    assert slip.new and slip.close[0] == NAN_OFFICE and len(slip.close) <= 5
    assert slip.likely == [NAN_OFFICE]
    # a district's office is close to provinces' by their shared words, but none of them
    district = check_sender(ctx, "สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา")
    assert district.close and not district.likely
    from saraban.services.sender_check import _same_office

    assert not _same_office("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาน่าน เขต 2", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาน่าน เขต 1")
    assert not _same_office("บ้านปา", "บ้านป่า")  # a short name: another name, not a slip
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


def test_cli_asks_before_a_near_name_becomes_a_new_office(db_url: str, tmp_path: Path) -> None:
    """#28 item 5: a name close to a directory office ("สำนักงาน" before a town's name) is not
    added on its own; the command line refuses in one line naming the office and the two ways
    on, and registers nothing."""
    from saraban.services.context import open_context

    context = open_context(db_url, user="somchai")
    with context.writing() as s:
        s.add(Agency(name="เทศบาลตำบลบ้านทดสอบ", level="local"))
    runner = CliRunner()
    source = tmp_path / "a.txt"
    near = "สำนักงานเทศบาลตำบลบ้านทดสอบ"
    source.write_text(letter_text("นน 73599/ว 71").replace(NAN_OFFICE, near), encoding="utf-8")
    base = ["--db", db_url, "--user", "somchai", "receive", str(source), "--at", "ลป 0023",
            "--when", "2567-01-03T09:30"]  # fmt: skip
    asked = runner.invoke(app, base)
    assert asked.exit_code != 0
    line = asked.stderr.strip()
    assert "\n" not in line and "เทศบาลตำบลบ้านทดสอบ" in line and "--sender" in line and "--new-sender" in line
    with context.reading() as s:
        assert not s.exec(select(Agency).where(Agency.name == near)).all()
        assert not s.exec(select(RegisterEntry)).all()  # nothing registered, no number taken
    added = runner.invoke(app, [*base, "--new-sender"])
    assert added.exit_code == 0, added.output
    with context.reading() as s:
        (office,) = s.exec(select(Agency).where(Agency.name == near)).all()
        assert office.needs_review and office.code == "นน 73599"  # no other office prints it
    context.engine.dispose()


def test_a_new_office_never_takes_a_code_another_office_prints(ctx) -> None:
    """#28 item 5: the code on the letters of a known office (one the directory lists without a
    code) is that office's; an office added for review never takes it."""
    from saraban.parsing import parse_text
    from saraban.services.letters_store import agency_for
    from saraban.services.registers import receive

    with ctx.writing() as s:
        s.add(Agency(name="เทศบาลตำบลบ้านทดสอบ", level="local"))
    (first,) = parse_text(letter_text("นน 73599/ว 5").replace(NAN_OFFICE, "เทศบาลตำบลบ้านทดสอบ"), source="t")
    assert first.code_prefix == "นน 73599" and first.sender_agency == "เทศบาลตำบลบ้านทดสอบ"
    receive(ctx, first, "ลป 0023")
    with ctx.writing() as s:
        new = agency_for(s, code="นน 73599", name="สำนักงานเทศบาลตำบลบ้านทดสอบ")
        assert new is not None and new.name == "สำนักงานเทศบาลตำบลบ้านทดสอบ" and new.code is None

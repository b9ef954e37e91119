"""Keeping and destroying letters: due, hold, the แบบที่ 25 list, destruction with approval."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from sqlmodel import select

from saraban.db.tables import Letter, RegisterEntry
from saraban.errors import InvalidInput, PermissionDenied
from saraban.parsing import parse_file
from saraban.services.context import open_context
from saraban.services.ledger import verify
from saraban.services.registers import receive
from saraban.services.retention import destroy, due, hold, make_list, set_retention
from saraban.services.users import add_user
from saraban.thai.breaks import plain
from tests.conftest import DATA

LETTERS = ("memo_two_line_unit.txt", "stamped_copy.txt", "bundle_nan.txt")
AFTER_2577 = date(2035, 1, 20)  # พ.ศ. 2578: the year 2577 has ended


def _received(ctx) -> list[int]:  # type: ignore[no-untyped-def]
    ids = []
    for n, name in enumerate(LETTERS):
        letter = parse_file(DATA / "letters" / name)[0]
        # A stamped letter (หนังสือประทับตรา) has no เรื่อง line: the clerk writes one in.
        letter.subject = letter.subject or "แจ้งผลการพิจารณา"
        ids.append(receive(ctx, letter, "นน 0023", datetime(2024, 1, 10 + n, 9, 30)).letter_id)  # in 2567
    return ids


def test_the_year_end_list_holds_and_destruction(ctx, tmp_path: Path, office_tools: str) -> None:
    ids = _received(ctx)
    ctx.settings.office = "นน 0023"
    assert [d.letter_id for d in due(ctx, 2576)] == []  # ten years from 2567 end in 2577
    assert sorted(d.letter_id for d in due(ctx, 2577)) == sorted(ids)
    set_retention(ctx, f"#{ids[0]}", retention="ถาวร", file_code="2.1", reason="หนังสือสั่งการสำคัญ")
    hold(ctx, f"#{ids[1]}", "อยู่ระหว่างการสอบสวน")
    assert [d.letter_id for d in due(ctx, 2577)] == [ids[2]]
    with pytest.raises(InvalidInput):
        make_list(ctx, 2576, today=AFTER_2577)
    listing = make_list(ctx, 2577, docx=tmp_path / "list.docx", csv_path=tmp_path / "list.csv", today=AFTER_2577)
    assert listing.letter_ids == [ids[2]]
    assert due(ctx, 2577)[0].listed == listing.id
    document = docx.Document(str(tmp_path / "list.docx"))
    [table] = document.tables
    headings = [plain(c.text) for c in table.rows[0].cells]
    assert headings == ["ลำดับที่", "ที่", "ลงวันที่", "เรื่อง", "รหัสแฟ้ม", "การพิจารณา", "หมายเหตุ"]
    assert len(table.rows) == 2 and table.rows[1].cells[0].text == "๑"
    assert "tblHeader" in table.rows[0]._tr.xml and "PAGE" in document.sections[0].header._element.xml
    pdf = subprocess.run([office_tools, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                          str(tmp_path / "list.docx")], capture_output=True, timeout=180, check=True)  # fmt: skip
    assert pdf.returncode == 0
    text = subprocess.run(["pdftotext", str(tmp_path / "list.pdf"), "-"], capture_output=True, text=True).stdout
    assert "บัญชีหนังสือขอทำลาย" in text and "รหัสแฟ้ม" in text
    fonts = subprocess.run(["pdffonts", str(tmp_path / "list.pdf")], capture_output=True, text=True).stdout
    assert "THSarabunNew" in fonts.replace(" ", "")

    with ctx.writing() as s:
        add_user(s, "audit1", "auditor")
        add_user(s, "malee", "clerk")
    url = str(ctx.engine.url.render_as_string(hide_password=False))
    auditor = open_context(url, user="audit1")
    with pytest.raises(PermissionDenied):
        destroy(auditor, listing.id, "มติคณะกรรมการ")
    with pytest.raises(PermissionDenied, match="ผู้อื่น"):  # who drew up the list does not approve it
        destroy(ctx, listing.id, "มติคณะกรรมการทำลายหนังสือ ครั้งที่ 1/2578")
    second = open_context(url, user="malee")
    with pytest.raises(InvalidInput):
        destroy(second, listing.id, "  ")
    assert destroy(second, listing.id, "มติคณะกรรมการทำลายหนังสือ ครั้งที่ 1/2578") == [ids[2]]
    with pytest.raises(InvalidInput):
        destroy(second, listing.id, "อีกครั้ง")
    second.engine.dispose()
    auditor.engine.dispose()
    with ctx.reading() as s:
        gone = s.get(Letter, ids[2])
        assert gone is not None and gone.source_text is None and gone.destroyed_at is not None
        assert len(list(s.exec(select(RegisterEntry)))) == 3  # every register row is still there
        assert verify(s).problems == []
    assert due(ctx, 2590) == [d for d in due(ctx, 2590) if d.letter_id != ids[2]]


def test_a_list_is_drawn_up_only_for_a_year_that_has_ended(ctx) -> None:  # type: ignore[no-untyped-def]
    # Before: a list for 2579 made in 2569 took every letter due by then, and all were destroyed.
    _received(ctx)
    ctx.settings.office = "นน 0023"
    in_2569 = date(2026, 12, 7)
    with pytest.raises(InvalidInput, match="ยังไม่สิ้นสุด"):
        make_list(ctx, 2579, today=in_2569)
    with pytest.raises(InvalidInput, match="ยังไม่สิ้นสุด"):
        make_list(ctx, 2569, today=in_2569)


def test_an_uncleared_clerk_neither_reclassifies_holds_nor_destroys_a_secret_letter(ctx) -> None:  # type: ignore[no-untyped-def]
    from tests.services.helpers import parsed

    # Before: the clerk set a ลับ letter's class to 1, listed it and destroyed it years early.
    secret = receive(ctx, parsed("นน 0023.1/ว 11", secrecy="ลับ"), "นน 0023", datetime(2024, 1, 3, 9, 0))
    ctx.settings.office = "นน 0023"
    with pytest.raises(PermissionDenied, match="ชั้นความลับ"):
        set_retention(ctx, f"#{secret.letter_id}", retention="1", file_code=None, reason="ไม่สำคัญ")
    with pytest.raises(PermissionDenied, match="ชั้นความลับ"):
        hold(ctx, f"#{secret.letter_id}", "อายัด")
    with ctx.writing() as s:
        add_user(s, "cleared", "clerk", clearance="ลับ")
        add_user(s, "malee", "clerk")
    url = str(ctx.engine.url.render_as_string(hide_password=False))
    cleared = open_context(url, user="cleared")
    set_retention(cleared, f"#{secret.letter_id}", retention="1", file_code=None, reason="คณะกรรมการพิจารณาแล้ว")
    listing = make_list(cleared, 2568, at="นน 0023", today=date(2026, 1, 10))
    assert listing.letter_ids == [secret.letter_id]
    uncleared = open_context(url, user="malee")
    with pytest.raises(PermissionDenied, match="ชั้นความลับ"):
        destroy(uncleared, listing.id, "มติคณะกรรมการ")
    with ctx.reading() as s:
        kept = s.get(Letter, secret.letter_id)
        assert kept is not None and kept.destroyed_at is None
    for context in (cleared, uncleared):
        context.engine.dispose()


def test_destruction_deletes_only_saraban_s_own_copy_of_a_file(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from saraban.services.filestore import kept, store_root

    # Before: destroy removed the path the clerk received from, and a PDF beside it of the
    # same name, wherever they were on the disk.
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    original = downloads / "circular.txt"
    original.write_bytes((DATA / "letters" / "memo_two_line_unit.txt").read_bytes())
    beside = downloads / "circular.pdf"
    beside.write_bytes(b"%PDF-1.4 someone else's file")
    letter = parse_file(original)[0]
    entry = receive(ctx, letter, "นน 0023", datetime(2024, 1, 10, 9, 30), source=str(original))
    copy = kept(ctx.engine, letter.source_sha256, str(original))
    root = store_root(ctx.engine)
    assert copy is not None and root is not None and copy.is_relative_to(root)
    assert copy.read_bytes() == original.read_bytes()
    set_retention(ctx, f"#{entry.letter_id}", retention="1", file_code=None, reason="หนังสือทั่วไป")
    listing = make_list(ctx, 2568, at="นน 0023", today=date(2026, 1, 10))
    with ctx.writing() as s:
        add_user(s, "malee", "clerk")
    second = open_context(str(ctx.engine.url.render_as_string(hide_password=False)), user="malee")
    assert destroy(second, listing.id, "มติคณะกรรมการทำลายหนังสือ ครั้งที่ 1/2569") == [entry.letter_id]
    second.engine.dispose()
    assert original.is_file() and beside.is_file()  # the clerk's files are the clerk's
    assert not copy.exists()


def test_audit_verify_catches_saraban_s_copy_of_a_file_changed_or_deleted(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from saraban.services.filestore import kept

    # Before: a received file's SHA-256 was stored and never checked again.
    original = tmp_path / "scan.txt"
    original.write_bytes((DATA / "letters" / "memo_two_line_unit.txt").read_bytes())
    letter = parse_file(original)[0]
    receive(ctx, letter, "นน 0023", datetime(2024, 1, 10, 9, 30), source=str(original))
    copy = kept(ctx.engine, letter.source_sha256, str(original))
    assert copy is not None
    with ctx.reading() as s:
        assert verify(s).problems == []
    original.write_text("the clerk's own file, edited", encoding="utf-8")  # not saraban's business
    with ctx.reading() as s:
        assert verify(s).problems == []
    copy.write_bytes(copy.read_bytes().replace("ขอ".encode(), "ไม่".encode(), 1))
    with ctx.reading() as s:
        assert any("ถูกแก้ไข" in p for p in verify(s).problems)
    copy.unlink()
    with ctx.reading() as s:
        assert any("หายไป" in p for p in verify(s).problems)

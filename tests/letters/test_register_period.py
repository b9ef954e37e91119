"""A printed register's period runs from its earliest date to its latest (#28 item 6)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import docx

from saraban.services.register_view import register_rows
from saraban.services.registers import receive
from saraban.services.reports import write_register_report
from saraban.thai.breaks import plain as unmarked
from tests.services.helpers import parsed

NAN = "นน 0023"


def test_a_back_dated_receipt_does_not_end_the_period(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Before: after one back-dated receipt the book said "ถึงวันที่ ๒๐ พฤศจิกายน ๒๕๖๖" although it
    # ran to 7 December: the period was the first and the last row's dates.
    receive(ctx, parsed("นน 0023.5/ว 1"), NAN, datetime(2023, 12, 7, 9, 0))
    receive(ctx, parsed("นน 0023.5/ว 2", day="๑ พฤศจิกายน ๒๕๖๖"), NAN, datetime(2023, 11, 20, 9, 0),
            back_entry="หนังสือตกค้างที่งานธุรการ")  # fmt: skip
    out = write_register_report(ctx, NAN, register_rows(ctx, NAN, year=2566), tmp_path / "book.docx", year=2566)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "ตั้งแต่วันที่ ๒๐ พฤศจิกายน ๒๕๖๖ ถึงวันที่ ๗ ธันวาคม ๒๕๖๖" in text


def test_a_printed_register_marks_secret_entries_and_every_page(ctx, db_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from saraban.services.context import open_context
    from saraban.services.users import add_user

    # Before: a secret entry's subject was printed with no mark, and the page carried none.
    receive(ctx, parsed("นน 0023.5/ว 1"), NAN, datetime(2023, 12, 7, 9, 0))
    receive(ctx, parsed("นน 0023.1/ว 2", subject="แผนคุ้มกันขบวน", secrecy="ลับมาก"), NAN, datetime(2023, 12, 7, 9, 30))
    with ctx.writing() as s:
        add_user(s, "cleared", "clerk", clearance="ลับมาก")
    cleared = open_context(db_url, user="cleared")
    out = write_register_report(cleared, NAN, register_rows(cleared, NAN, year=2566), tmp_path / "book.docx")
    cleared.engine.dispose()
    document = docx.Document(str(out))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "ลับมาก" == section.footer.paragraphs[0].text.split("\t")[1]
    rows = [[unmarked(c.text) for c in row.cells] for row in document.tables[0].rows]
    secret = next(row for row in rows if "แผนคุ้มกันขบวน" in row)
    assert secret[7].startswith("ลับมาก")
    plain = write_register_report(ctx, NAN, register_rows(ctx, NAN, year=2566), tmp_path / "plain.docx")
    assert docx.Document(str(plain)).sections[0].header.paragraphs[0].text == ""  # no secret subject shown


def test_a_printed_register_numbers_its_pages_and_marks_urgent_entries(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Before: urgency appeared nowhere in the printed book, and its pages had no numbers.
    urgent = parsed("นน 0023.5/ว 1")
    urgent.urgency = "ด่วนที่สุด"
    receive(ctx, urgent, NAN, datetime(2023, 12, 7, 9, 0))
    out = write_register_report(ctx, NAN, register_rows(ctx, NAN, year=2566), tmp_path / "book.docx")
    document = docx.Document(str(out))
    rows = [[unmarked(c.text) for c in row.cells] for row in document.tables[0].rows]
    assert any(row[7].startswith("ด่วนที่สุด") for row in rows[1:]), rows
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "หน้า" in footer

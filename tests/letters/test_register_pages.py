"""A register prints as the paper book does (#29 items 1–3): 300 receipts on at most 25
landscape pages, no letter number or time broken across lines, no row split over a page."""

from __future__ import annotations

import re
import subprocess
from datetime import date, timedelta
from pathlib import Path

import docx
from docx.oxml.ns import qn

from saraban.letters.render import to_pdf
from saraban.services.context import open_context
from saraban.services.register_view import RegisterRow
from saraban.services.reports import write_register_report
from saraban.thai.digits import to_arabic, to_thai

OFFICES = ("สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดน่าน", "องค์การบริหารส่วนตำบลป่าคา", "กรมส่งเสริมการปกครองท้องถิ่น",
           "ที่ทำการปกครองอำเภอท่าวังผา", "สำนักงานสาธารณสุขจังหวัดน่าน")  # fmt: skip
SUBJECTS = (
    "ขอความร่วมมือจัดเก็บข้อมูลผู้สูงอายุและผู้พิการในพื้นที่",
    "ขอเชิญประชุมชี้แจงแนวทางการจัดทำแผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๗๑ - ๒๕๗๕)",
    "การเตรียมความพร้อมรับมือสาธารณภัยในช่วงฤดูฝน",
    "ขอส่งรายงานผลการดำเนินงานประจำไตรมาส",
)


def _rows(count: int) -> list[RegisterRow]:
    start = date(2026, 1, 5)
    return [
        RegisterRow(
            number=n, series="general", year=2569, date=start + timedelta(days=n // 3),
            time=f"{8 + n % 8:02d}:{n % 60:02d}",
            doc_no=f"นน 0023.{10 + n % 4}/ว {1000 + n * 7}", letter_date=start + timedelta(days=n // 3 - 2),
            from_=OFFICES[n % len(OFFICES)], to="ท้องถิ่นอำเภอท่าวังผา", subject=SUBJECTS[n % len(SUBJECTS)],
            action="เสนอท้องถิ่นอำเภอ" if n % 5 == 0 else None, remark=None, void=False, void_reason=None,
            urgency=None, secrecy=None, deadline=None, letter_id=n,
        )
        for n in range(1, count + 1)
    ]  # fmt: skip


def _pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]
    return [subprocess.run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout for i in range(1, count + 1)]  # fmt: skip


def test_three_hundred_receipts_print_on_25_pages_with_numbers_whole(tmp_path: Path, office_tools: str) -> None:
    ctx = open_context(f"sqlite:///{tmp_path / 'r.sqlite'}", user="somchai")
    rows = _rows(300)
    out = write_register_report(ctx, "นน 0023", rows, tmp_path / "register.docx")
    pages = _pages(to_pdf(out))
    assert len(pages) <= 25, f"{len(pages)} pages for 300 receipts"
    text = "\n".join(pages)
    for row in rows[::7]:
        number = to_thai(row.doc_no or "")
        assert re.search(re.escape(number).replace(r"\ ", r"\s"), text), f"{number} broken across lines"
    assert not re.search(r"^\s*น\.\s*$", text, re.M), "น. alone on a line"
    for page in pages:  # the header on every page, its words whole
        assert "ทะเบียน" in page and not re.search(r"ทะเบีย(?!น)", page), page[:400]
    # Each page says which it is and of how many. (Word draws the numbers in Thai digits, the
    # sections' thaiNumbers; LibreOffice 7.4 draws a field's digits as Arabic whatever it is told.)
    total = len(pages)
    assert all(re.search(rf"หน้า\s*{n}\s*จาก\s*{total}\b", to_arabic(page)) for n, page in enumerate(pages, start=1))
    # Every row is kept whole on its page.
    rows_xml = docx.Document(str(out)).tables[0]._tbl.findall(qn("w:tr"))
    assert len(rows_xml) == 301 and all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows_xml)

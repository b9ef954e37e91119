"""แบบที่ ๒๕ (บัญชีหนังสือขอทำลาย) prints Thai digits and breaks words only between words (#29 item 16)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from saraban.letters.destruction import ListRow, write_destruction_list


def test_the_list_speaks_thai_digits_and_breaks_between_words(tmp_path: Path) -> None:
    rows = [ListRow("นน 0023.11/ว 5", "5 มกราคม 2567", "ขอเชิญประชุม", "01.02", "เก็บ 1 ปี")]
    document = Document(str(write_destruction_list(tmp_path / "list.docx", agency="อำเภอท่าวังผา", year_be=2568,
                                                   rows=rows)))  # fmt: skip
    (table,) = document.tables
    remark = table.rows[1].cells[6].text
    assert remark == "เก็บ ๑ ปี", remark  # was "เก็บ 1 ปี" beside Thai digits
    assert "\u200b" in table.rows[0].cells[0].text  # "ลำดับ|ที่": it broke as "ลำดั / บที่"
    header = document.sections[0].header.paragraphs[0]
    # the page number's run is Thai, so LibreOffice's context numerals draw ๑ (it printed "แผ่นที่ 1")
    langs = [lang.get(qn("w:bidi")) or lang.get(qn("w:val")) for lang in header._p.iter(qn("w:lang"))]
    assert langs and all(value == "th-TH" for value in langs), langs
    formats = document.sections[0]._sectPr.findall(qn("w:pgNumType"))
    assert formats and formats[0].get(qn("w:fmt")) == "thaiNumbers"

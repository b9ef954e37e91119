"""บัญชีหนังสือขอทำลาย (แบบที่ ๒๕): the year-end list of letters whose retention has ended.

Landscape A4 in the office's font, the form's title block, a table of the seven columns the
regulation prescribes with its header row repeated on every page, page numbers, Thai digits.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from saraban.letters.docx_format import apply_document_font, set_page
from saraban.letters.docx_parts import mark_thai, set_page_number_format
from saraban.thai.digits import render_digits

COLUMNS = ("ลำดับ\u200bที่", "ที่", "ลง\u200bวันที่", "เรื่อง", "รหัส\u200bแฟ้ม", "การ\u200bพิจารณา", "หมาย\u200bเหตุ")
"""The form's headings, with where each may break (a narrow "ลำดับที่" broke as "ลำดั / บที่")."""
WIDTHS_CM = (1.7, 4.0, 3.0, 9.0, 2.6, 2.6, 2.8)
"""Widths of the seven columns; together the text width of a landscape A4 page (25.7 cm)."""


@dataclass
class ListRow:
    doc_no: str
    date_text: str
    subject: str
    file_code: str
    remark: str = ""


def _bold(run) -> None:  # type: ignore[no-untyped-def]
    run.bold = True  # apply_document_font adds the complex-script bold Thai needs


def _page_number(paragraph) -> None:  # type: ignore[no-untyped-def]
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def write_destruction_list(
    path: Path, *, agency: str, year_be: int, rows: list[ListRow], font: str = "TH Sarabun New", size: int = 16,
    digits: str = "thai",
) -> Path:  # fmt: skip
    """Write the list to ``path`` (DOCX)."""
    d = lambda text: render_digits(str(text), digits)  # noqa: E731 - a short local helper
    document = Document()
    set_page(document, landscape=True)
    header = document.sections[0].header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run("แผ่นที่ ")
    _page_number(header)
    mark_thai(header)  # LibreOffice draws a Thai run's page number in Thai digits ("แผ่นที่ 1" beside ๒๕๖๘)
    set_page_number_format(document.sections[0], digits)
    for text, bold in ((f"บัญชีหนังสือขอทำลาย ประจำปี พ.ศ. {d(year_be)}", True), (agency, False)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        if bold:
            _bold(run)
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, name, width in zip(table.rows[0].cells, COLUMNS, WIDTHS_CM, strict=True):
        cell.width = Cm(width)
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _bold(paragraph.add_run(name))
    _repeat_header(table.rows[0])
    for n, row in enumerate(rows, start=1):
        cells = table.add_row().cells
        values = (d(n), d(row.doc_no), d(row.date_text), d(row.subject), d(row.file_code), "", d(row.remark))
        for cell, value, width in zip(cells, values, WIDTHS_CM, strict=True):
            cell.width = Cm(width)
            cell.paragraphs[0].add_run(value)
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), WIDTHS_CM, strict=True):
        column.set(qn("w:w"), str(int(Cm(width).twips)))
    document.add_paragraph()
    signature = document.add_paragraph(
        "ลงชื่อ ................................................ ประธานกรรมการ\n"
        "ลงชื่อ ................................................ กรรมการ\n"
        "ลงชื่อ ................................................ กรรมการ"
    )
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    apply_document_font(document, font, size)
    for paragraph in document.paragraphs:
        paragraph.paragraph_format.space_after = Pt(0)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path

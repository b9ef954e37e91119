"""Builds saraban's shipped DOCX templates (``scripts/build_templates.py`` writes ``templates/``).

The templates are ordinary Word files with docxtpl (Jinja) placeholders, so an office can
open one in Word, change the layout and save it in its own templates folder. The parts
stand in the order of the regulation: ที่ · office and address · date · เรื่อง · เรียน ·
อ้างถึง · สิ่งที่ส่งมาด้วย · body · closing · signer · position · owning unit · phone, e-mail.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from saraban.letters.docx_format import RED, apply_document_font, match_complex_script_styles, set_page

FONT = "TH Sarabun New"
SIZE = 16
OFFICE_TAB = Cm(9.5)
DATE_TAB = Cm(7.5)
SIGNER_INDENT = Cm(6.0)


def _document(landscape: bool = False) -> docx.document.Document:
    document = docx.Document()
    set_page(document, landscape=landscape)
    normal = document.styles["Normal"]
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    apply_document_font(document, FONT, SIZE)
    return document


def _para(
    document: docx.document.Document,
    *parts: str | tuple[str, dict],
    align: WD_ALIGN_PARAGRAPH | None = None,
    tabs: tuple[tuple[Cm, WD_TAB_ALIGNMENT], ...] = (),
    first_indent: Cm | None = None,
    left_indent: Cm | None = None,
    space_before: float = 0,
) -> Paragraph:
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    for position, alignment in tabs:
        paragraph.paragraph_format.tab_stops.add_tab_stop(position, alignment)
    if first_indent is not None:
        paragraph.paragraph_format.first_line_indent = first_indent
    if left_indent is not None:
        paragraph.paragraph_format.left_indent = left_indent
    if space_before:
        paragraph.paragraph_format.space_before = Pt(space_before)
    for part in parts:
        text, style = (part, {}) if isinstance(part, str) else part
        run = paragraph.add_run(text)
        run.bold = style.get("bold")
        if "size" in style:
            run.font.size = Pt(style["size"])
        if style.get("red"):
            run.font.color.rgb = RED
    return paragraph


def _tag(document: docx.document.Document, tag: str) -> None:
    """A paragraph that holds only a docxtpl paragraph tag (``{%p if … %}``); it disappears."""
    document.add_paragraph(tag)


def _garuda(document: docx.document.Document, height_cm: float, align: WD_ALIGN_PARAGRAPH) -> Paragraph:
    paragraph = _para(document, "{{ garuda }}", align=align)
    # "At least" the emblem's height: the image fits, and without one the space stays.
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    paragraph.paragraph_format.line_spacing = Cm(height_cm)
    return paragraph


def _letterhead(document: docx.document.Document) -> None:
    """ที่ at the margin, the office and its address in a block starting at the tab stop."""
    tab = ((OFFICE_TAB, WD_TAB_ALIGNMENT.LEFT),)
    _hanging(_para(document, "ที่ {{ doc_no }}\t{{ office_name }}", tabs=tab), OFFICE_TAB)
    _tag(document, "{%p for line in office_address %}")
    _hanging(_para(document, "\t{{ line }}", tabs=tab), OFFICE_TAB)
    _tag(document, "{%p endfor %}")


def _marks(document: docx.document.Document) -> None:
    _tag(document, "{%p if secrecy %}")
    _para(document, ("{{ secrecy }}", {"bold": True, "size": 32, "red": True}), align=WD_ALIGN_PARAGRAPH.CENTER)
    _tag(document, "{%p endif %}")
    _tag(document, "{%p if urgency %}")
    _para(document, ("{{ urgency }}", {"bold": True, "size": 32, "red": True}))
    _tag(document, "{%p endif %}")


LABEL_WIDTH = Cm(3.0)


def _hanging(paragraph: Paragraph, width: Cm) -> Paragraph:
    """Wrapped lines start at ``width``, under the text after the tab, not at the margin."""
    paragraph.paragraph_format.left_indent = width
    paragraph.paragraph_format.first_line_indent = -width
    return paragraph


def _numbered_block(document: docx.document.Document, items: str) -> None:
    _tag(document, f"{{%p for line in {items} %}}")
    tabs = ((LABEL_WIDTH, WD_TAB_ALIGNMENT.LEFT),)
    _hanging(_para(document, "{{ line.label }}\t{{ line.text }}", tabs=tabs), LABEL_WIDTH)
    _tag(document, "{%p endfor %}")


def _body(document: docx.document.Document) -> None:
    _tag(document, "{%p for paragraph in body %}")
    _para(document, "{{ paragraph }}", first_indent=Cm(2.5), align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY, space_before=6)
    _tag(document, "{%p endfor %}")


def _signature(document: docx.document.Document, closing: bool = True) -> None:
    if closing:
        _para(document, "ขอแสดงความนับถือ", left_indent=SIGNER_INDENT, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=12)
    for _ in range(3):
        document.add_paragraph()
    _para(document, "({{ signer_name }})", left_indent=SIGNER_INDENT, align=WD_ALIGN_PARAGRAPH.CENTER)
    _tag(document, "{%p for line in signer_lines %}")
    _para(document, "{{ line }}", left_indent=SIGNER_INDENT, align=WD_ALIGN_PARAGRAPH.CENTER)
    _tag(document, "{%p endfor %}")


def _footer(document: docx.document.Document) -> None:
    _para(document, "{{ owning_unit }}", space_before=18)
    _tag(document, "{%p if phone %}")
    _para(document, "โทร. {{ phone }}")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p if email %}")
    _para(document, "ไปรษณีย์อิเล็กทรอนิกส์ {{ email }}")
    _tag(document, "{%p endif %}")


def _distribution(document: docx.document.Document) -> None:
    _tag(document, "{%p if distribution %}")
    _para(document, ("{{ distribution_title }}", {"bold": True}), space_before=18)
    _tag(document, "{%p for item in distribution %}")
    _para(document, "{{ loop.index | thai_digits }}. {{ item }}", left_indent=Cm(1.0))
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endif %}")


def _secrecy_footer(document: docx.document.Document) -> None:
    _tag(document, "{%p if secrecy %}")
    _para(
        document,
        ("{{ secrecy }}", {"bold": True, "size": 32, "red": True}),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_before=12,
    )
    _tag(document, "{%p endif %}")


def build_external(path: Path) -> None:
    """หนังสือภายนอก: Garuda 3 cm, number and office, date, parts in the regulation's order."""
    document = _document()
    _marks(document)
    _garuda(document, 3.0, WD_ALIGN_PARAGRAPH.CENTER)
    _letterhead(document)
    _para(document, "\t{{ date_text }}", tabs=((DATE_TAB, WD_TAB_ALIGNMENT.LEFT),), space_before=6)
    short = ((Cm(1.25), WD_TAB_ALIGNMENT.LEFT),)
    _hanging(_para(document, "เรื่อง\t{{ subject }}", tabs=short, space_before=6), Cm(1.25))
    _hanging(_para(document, "เรียน\t{{ salutation }}", tabs=short, space_before=6), Cm(1.25))
    _numbered_block(document, "reference_lines")
    _numbered_block(document, "enclosure_lines")
    _body(document)
    _signature(document)
    _footer(document)
    _distribution(document)
    _secrecy_footer(document)
    document.save(str(path))


def build_memo(path: Path) -> None:
    """บันทึกข้อความ: Garuda 1.5 cm at the left, the heading in 29 pt, labels in 20 pt."""
    document = _document()
    _marks(document)
    heading = _garuda(document, 1.5, WD_ALIGN_PARAGRAPH.LEFT)
    heading.paragraph_format.tab_stops.add_tab_stop(Cm(8.0), WD_TAB_ALIGNMENT.CENTER)
    run = heading.add_run("\tบันทึกข้อความ")
    run.bold, run.font.size = True, Pt(29)
    label = {"bold": True, "size": 20}
    _para(document, ("ส่วนราชการ", label), "  {{ office_name }}{% if phone %} โทร. {{ phone }}{% endif %}")
    _para(
        document,
        ("ที่", label),
        "  {{ doc_no }}\t",
        ("วันที่", label),
        "  {{ date_text }}",
        tabs=((Cm(8.0), WD_TAB_ALIGNMENT.LEFT),),
    )
    _para(document, ("เรื่อง", label), "  {{ subject }}")
    _para(document, "เรียน  {{ salutation }}", space_before=6)
    _numbered_block(document, "reference_lines")
    _numbered_block(document, "enclosure_lines")
    _body(document)
    _signature(document, closing=False)
    _secrecy_footer(document)
    document.save(str(path))


def build_stamped(path: Path) -> None:
    """หนังสือประทับตรา: ที่ · ถึง · body · office stamp · date · owning unit · phone."""
    document = _document()
    _marks(document)
    _garuda(document, 3.0, WD_ALIGN_PARAGRAPH.CENTER)
    _letterhead(document)
    _para(document, "ถึง\t{{ salutation }}", tabs=((Cm(1.25), WD_TAB_ALIGNMENT.LEFT),), space_before=12)
    _numbered_block(document, "enclosure_lines")
    _body(document)
    _para(document, "{{ office_name }}", left_indent=SIGNER_INDENT, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=24)
    _para(document, "{{ date_text }}", left_indent=SIGNER_INDENT, align=WD_ALIGN_PARAGRAPH.CENTER)
    _footer(document)
    _distribution(document)
    _secrecy_footer(document)
    document.save(str(path))


def _table(document: docx.document.Document, headers: list[str], cells: list[str], widths: list[float]) -> None:
    table = document.add_table(rows=3, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, (header, width) in enumerate(zip(headers, widths, strict=True)):
        cell = table.rows[0].cells[i]
        cell.width = Cm(width)
        cell.paragraphs[0].add_run(header).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for r in rows %}")
    for i, text in enumerate(cells):
        table.rows[2].cells[i].paragraphs[0].add_run(text)
    last = table.add_row()
    last.cells[0].paragraphs[0].add_run("{%tr endfor %}")


def build_register(path: Path) -> None:
    """แบบที่ 13 / 14: the receiving or sending register of an agency for a period."""
    document = _document(landscape=True)
    _para(document, ("{{ title }}", {"bold": True, "size": 20}), align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "{{ agency }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "{{ period }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    document.add_paragraph()
    _table(
        document,
        ["{{ number_header }}", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง", "การปฏิบัติ", "หมายเหตุ", "{{ when_header }}"],
        [
            "{{ r.number }}",
            "{{ r.doc_no }}",
            "{{ r.letter_date }}",
            "{{ r.from }}",
            "{{ r.to }}",
            "{{ r.subject }}",
            "{{ r.action }}",
            "{{ r.remark }}",
            "{{ r.when }}",
        ],
        [2.0, 3.2, 2.3, 3.5, 3.2, 5.5, 2.6, 2.4, 2.6],
    )
    _para(document, "พิมพ์เมื่อ {{ printed_at }} โดย {{ printed_by }}", space_before=12)
    document.save(str(path))


def build_routing(path: Path) -> None:
    """The routing report of a cascade, for auditors."""
    document = _document(landscape=True)
    _para(document, ("รายงานเส้นทางหนังสือเวียน", {"bold": True, "size": 20}), align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "หนังสือต้นเรื่อง {{ root_doc_no }} ลงวันที่ {{ root_date }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "เรื่อง {{ subject }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "{{ summary }}", space_before=12)
    _table(
        document,
        ["ชั้น", "ที่", "ลงวันที่", "ผู้ส่ง", "หน่วยงานที่รับ", "เลขรับ", "วันเวลารับ", "ใช้เวลา"],
        [
            "{{ r.depth }}",
            "{{ r.doc_no }}",
            "{{ r.date }}",
            "{{ r.sender }}",
            "{{ r.receiver }}",
            "{{ r.number }}",
            "{{ r.when }}",
            "{{ r.latency }}",
        ],
        [1.2, 3.4, 2.4, 5.0, 6.0, 1.8, 3.0, 2.4],
    )
    _para(document, ("หน่วยงานที่ยังไม่ลงรับ", {"bold": True}), space_before=12)
    _tag(document, "{%p for line in pending %}")
    _para(document, "{{ line }}", left_indent=Cm(1.0))
    _tag(document, "{%p endfor %}")
    _para(document, ("แผนภาพสายการส่งต่อ", {"bold": True}), space_before=12)
    _tag(document, "{%p for line in tree %}")
    _para(document, "{{ line }}")
    _tag(document, "{%p endfor %}")
    _para(document, "พิมพ์เมื่อ {{ printed_at }} โดย {{ printed_by }}", space_before=12)
    document.save(str(path))


BUILDERS = {
    "external": build_external,
    "memo": build_memo,
    "stamped": build_stamped,
    "register": build_register,
    "routing": build_routing,
}


def build_all(folder: Path) -> list[Path]:
    """Write every shipped template into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, builder in BUILDERS.items():
        path = folder / f"{name}.docx"
        builder(path)
        _complex_script_styles(path)
        written.append(path)
    return written


def _complex_script_styles(path: Path) -> None:
    """Every bold or italic run also bold or italic for Thai (``w:bCs``, ``w:iCs``), in all parts."""
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.header._element, section.footer._element]
    for part in parts:
        for run in part.iter(qn("w:r")):
            match_complex_script_styles(run.get_or_add_rPr())
    document.save(str(path))

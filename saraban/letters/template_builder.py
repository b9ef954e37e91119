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

from saraban.letters.docx_format import (
    RED,
    apply_document_font,
    match_complex_script_styles,
    set_page,
    story_elements,
)
from saraban.letters.docx_parts import (
    OFFICE_STYLE,
    SIGNATURE_STYLE,
    headers_and_footers,
    keep_with_next,
    narrow_cell_margins,
    never_split,
    page_numbers_at_the_foot,
    repeat_as_header,
    set_table_widths,
)

FONT = "TH Sarabun New"
SIZE = 16
OFFICE_TAB = Cm(9.5)
DATE_TAB = Cm(7.5)
SIGNER_INDENT = Cm(6.0)
TEXT_WIDTH_CM = 16.0
"""A4 portrait less the 3 cm and 2 cm margins."""
LANDSCAPE_TEXT_WIDTH_CM = 25.7
"""A4 landscape less 2 cm on each side."""


def _document(landscape: bool = False, letter: bool = False) -> docx.document.Document:
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    set_page(document, landscape=landscape)
    if letter:
        # The Garuda stands about 1.5 cm from the top edge, as the regulation's forms place it.
        for section in document.sections:
            section.top_margin = Cm(1.5)
            section.header_distance = section.footer_distance = Cm(0.75)
    normal = document.styles["Normal"]
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.widow_control = True
    office = document.styles.add_style(OFFICE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    office.base_style = normal
    office.paragraph_format.tab_stops.add_tab_stop(OFFICE_TAB, WD_TAB_ALIGNMENT.LEFT)
    office.paragraph_format.left_indent = OFFICE_TAB
    office.paragraph_format.first_line_indent = -OFFICE_TAB
    signature = document.styles.add_style(SIGNATURE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    signature.base_style = normal
    signature.paragraph_format.keep_with_next = True
    signature.paragraph_format.keep_together = True
    apply_document_font(document, FONT, SIZE)
    if letter:
        headers_and_footers(document)
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


MARK = {"bold": True, "size": 32, "red": True}
"""Urgency and secrecy marks: red, bold, 32 pt."""


def _band(paragraph: Paragraph, height_cm: float) -> Paragraph:
    # "At least" the emblem's height: the image fits, and without one the space stays.
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    paragraph.paragraph_format.line_spacing = Cm(height_cm)
    return paragraph


def _garuda_band(document: docx.document.Document) -> Paragraph:
    """The 3 cm Garuda centred, the urgency mark at the left of the same band (just above ที่),
    so a mark never pushes the emblem and the number down the page."""
    centre = ((Cm(TEXT_WIDTH_CM / 2), WD_TAB_ALIGNMENT.CENTER),)
    return _band(_para(document, ("{{ urgency }}", MARK), "\t{{ garuda }}", tabs=centre), 3.0)


def _letterhead(document: docx.document.Document) -> None:
    """ที่ at the margin, the office and its address in a block at the right (the style's tab)."""
    document.add_paragraph("ที่ {{ doc_no }}\t{{ office_head }}", style=OFFICE_STYLE)
    _tag(document, "{%p for line in office_rest %}")
    document.add_paragraph("\t{{ line }}", style=OFFICE_STYLE)
    _tag(document, "{%p endfor %}")


LABEL_WIDTH = Cm(3.5)
"""Wider than สิ่งที่ส่งมาด้วย (3.1 cm in 16 pt), so wrapped lines hang under the text."""


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


def _signed(paragraph: Paragraph) -> Paragraph:
    paragraph.style = paragraph.part.document.styles[SIGNATURE_STYLE]
    return keep_with_next(paragraph)


def _signature(document: docx.document.Document, closing: bool = True) -> None:
    """Closing, three lines for the signature, the name, the position: one block on one page."""
    if closing:
        _signed(_para(document, "ขอแสดงความนับถือ", left_indent=SIGNER_INDENT, align=WD_ALIGN_PARAGRAPH.CENTER,
                      space_before=12))  # fmt: skip
    for _ in range(3):
        _signed(document.add_paragraph())
    _signed(_para(document, "({{ signer_name }})", left_indent=SIGNER_INDENT, align=WD_ALIGN_PARAGRAPH.CENTER))
    _tag(document, "{%p for line in signer_lines %}")
    # The last line of the block keeps with nothing: docxtpl repeats this paragraph, and a
    # position line tied to the owning unit below is harmless.
    _signed(_para(document, "{{ line }}", left_indent=SIGNER_INDENT, align=WD_ALIGN_PARAGRAPH.CENTER))
    _tag(document, "{%p endfor %}")


def _footer(document: docx.document.Document, *, always_phone: bool = False) -> None:
    """The owning unit and how to reach it. A stamped letter has no signer to call, so its
    contact line stays even without a number (dots for the secretary to fill in)."""
    _para(document, "{{ owning_unit }}", space_before=18)
    if always_phone:
        _para(document, "โทร. {{ phone or '...............................' }}")
    else:
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
    _para(document, "{{ item }}", left_indent=Cm(1.0))
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endif %}")


def build_external(path: Path) -> None:
    """หนังสือภายนอก: Garuda 3 cm, number and office, date, parts in the regulation's order."""
    document = _document(letter=True)
    _garuda_band(document)
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
    document.save(str(path))


def _dotted(document: docx.document.Document, *parts: str | tuple[str, dict], stops: tuple[float, ...],
            label_cm: float) -> Paragraph:  # fmt: skip
    """A memo heading line: label, text, and a dotted leader to each stop; wrapped lines hang
    under the text, not at the margin."""
    from docx.enum.text import WD_TAB_LEADER

    paragraph = _para(document, *parts)
    tabs = paragraph.paragraph_format.tab_stops
    tabs.add_tab_stop(Cm(label_cm), WD_TAB_ALIGNMENT.LEFT)
    for stop in stops:
        tabs.add_tab_stop(Cm(stop), WD_TAB_ALIGNMENT.RIGHT if stop >= TEXT_WIDTH_CM else WD_TAB_ALIGNMENT.LEFT,
                          WD_TAB_LEADER.DOTS)  # fmt: skip
    return _hanging(paragraph, Cm(label_cm))


def build_memo(path: Path) -> None:
    """บันทึกข้อความ: Garuda 1.5 cm at the left, the urgency mark between it and the heading
    (29 pt), labels in 20 pt with dotted lines; อ้างถึง and enclosures are part of the text."""
    document = _document(letter=True)
    centre = ((Cm(TEXT_WIDTH_CM / 2), WD_TAB_ALIGNMENT.CENTER),)
    title = ("บันทึกข้อความ", {"bold": True, "size": 29})
    # With a mark, the heading follows it (centred, it would run into ด่วนที่สุด at 32 pt).
    _tag(document, "{%p if urgency %}")
    _band(_para(document, "{{ garuda }}  ", ("{{ urgency }}", MARK), "    ", title), 1.5)
    _tag(document, "{%p else %}")
    _band(_para(document, "{{ garuda }}\t", title, tabs=centre), 1.5)
    _tag(document, "{%p endif %}")
    label = {"bold": True, "size": 20}
    _dotted(document, ("ส่วนราชการ", label), "\t{{ office_name }}{% if phone %} โทร. {{ phone }}{% endif %}\t",
            stops=(TEXT_WIDTH_CM,), label_cm=3.8)  # fmt: skip
    _dotted(document, ("ที่", label), "\t{{ doc_no }}\t", ("วันที่", label), " {{ date_text }}\t",
            stops=(8.0, TEXT_WIDTH_CM), label_cm=0.75)  # fmt: skip
    _dotted(document, ("เรื่อง", label), "\t{{ subject }}\t", stops=(TEXT_WIDTH_CM,), label_cm=1.5)
    _para(document, "เรียน  {{ salutation }}", space_before=6)
    _tag(document, "{%p if memo_lead %}")
    _para(document, "{{ memo_lead }}", first_indent=Cm(2.5), align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY, space_before=6)
    _tag(document, "{%p endif %}")
    _body(document)
    _signature(document, closing=False)
    document.save(str(path))


def build_stamped(path: Path) -> None:
    """หนังสือประทับตรา: ที่ · ถึง · body · office · seal · date · owning unit · phone.

    No เรียน and no signature: the office's seal and the initials of the head stand for them.
    """
    document = _document(letter=True)
    _garuda_band(document)
    _letterhead(document)
    _para(document, "ถึง\t{{ salutation }}", tabs=((Cm(1.25), WD_TAB_ALIGNMENT.LEFT),), space_before=12)
    _numbered_block(document, "enclosure_lines")
    _body(document)
    _signed(document.add_paragraph())
    _tag(document, "{%p for line in office_sign_lines %}")
    _signed(_para(document, "{{ line }}", left_indent=SIGNER_INDENT, align=WD_ALIGN_PARAGRAPH.CENTER))
    _tag(document, "{%p endfor %}")
    for _ in range(2):  # room for the seal and the initials
        _signed(document.add_paragraph())
    _para(document, "{{ date_text }}", left_indent=SIGNER_INDENT, align=WD_ALIGN_PARAGRAPH.CENTER)
    _footer(document, always_phone=True)
    _distribution(document)
    document.save(str(path))


TABLE_SIZE = 14
"""Reports print their columns in 14 pt."""
REGISTER_SIZE = 11
"""A register's rows in 11 pt, as other e-saraban printouts do: 10–20 entries a landscape page."""


def _table(document: docx.document.Document, headers: list[str], cells: list[str], widths: list[float],
           size: float = TABLE_SIZE, line_pt: float | None = None) -> None:  # fmt: skip
    """A register-style table: the header row repeats on every page; a row never splits over
    a page; the grid, every cell and the table share one set of widths, filling the landscape
    page's text width; cells hold single-spaced lines with no space between paragraphs."""
    assert abs(sum(widths) - LANDSCAPE_TEXT_WIDTH_CM) < 0.01, sum(widths)
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, header in enumerate(headers):
        cell = table.rows[0].cells[i]
        run = cell.paragraphs[0].add_run(header)
        run.bold, run.font.size = True, Pt(size)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    repeat_as_header(table.rows[0])
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for r in rows %}")
    for i, text in enumerate(cells):
        table.rows[2].cells[i].paragraphs[0].add_run(text).font.size = Pt(size)
    never_split(table.rows[2])
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
                # TH Sarabun's own line is 1.6 times its size (room for stacked marks); a
                # fixed line a little over the size keeps them and halves a row's height.
                paragraph.paragraph_format.line_spacing = Pt(line_pt) if line_pt else 1.0
    set_table_widths(table, widths)
    narrow_cell_margins(table)


def _secrecy_on_every_page(document: docx.document.Document) -> None:
    """The printout's highest secrecy mark at the top and the foot of every page, as a secret
    document carries it (empty when no secret subject is printed)."""
    for section in document.sections:
        for part in (section.header, section.footer):
            paragraph = part.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run("{{ secrecy }}")
            run.bold, run.font.size, run.font.color.rgb = True, Pt(MARK["size"]), RED


def build_register(path: Path) -> None:
    """แบบที่ 13 / 14: the receiving or sending register of an agency for a period."""
    document = _document(landscape=True)
    _secrecy_on_every_page(document)
    page_numbers_at_the_foot(document)
    _para(document, ("{{ title }}", {"bold": True, "size": 20}), align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "{{ agency }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "{{ period }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    document.add_paragraph()
    _table(
        document,
        # Headers with their word boundaries marked (U+200B): a narrow column breaks "เลข
        # ทะเบียนรับ" between words, never inside one.
        ["{{ number_header }}", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง", "การ\u200bปฏิบัติ", "หมาย\u200bเหตุ",
         "{{ when_header }}"],
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
        # Measured from the content at 11 pt: a long number ("นน ๐๐๒๓.๑๑/ว ๑๒๓๔") on one
        # line, a date ("๑๒ ธ.ค. ๖๙") on one, an office name on two; เรื่อง takes the rest.
        [1.7, 4.1, 2.3, 4.5, 2.5, 4.9, 2.0, 1.4, 2.3],
        size=REGISTER_SIZE,
        line_pt=REGISTER_SIZE + 3,
    )
    _para(document, "พิมพ์เมื่อ {{ printed_at }} โดย {{ printed_by }}", space_before=12)
    _para(document, ("ปลายบันทึกตรวจสอบ ณ เวลาพิมพ์ (saraban audit verify --head): {{ ledger_head }}", {"size": 10}))
    document.save(str(path))


def build_routing(path: Path) -> None:
    """The routing report of a cascade, for auditors."""
    document = _document(landscape=True)
    page_numbers_at_the_foot(document)
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
        [1.3, 3.6, 2.3, 4.6, 5.6, 2.0, 3.8, 2.5],
    )
    _para(document, ("หน่วยงานที่ยังไม่ลงรับ", {"bold": True}), space_before=12)
    _tag(document, "{%p for line in pending %}")
    _para(document, "{{ line }}", left_indent=Cm(1.0))
    _tag(document, "{%p endfor %}")
    _para(document, ("แผนภาพสายการส่งต่อ", {"bold": True}), space_before=12)
    _tag(document, "{%p for line in tree %}")
    _para(document, "{{ line }}", left_indent=Cm(0.5))
    _tag(document, "{%p endfor %}")
    _para(document, "พิมพ์เมื่อ {{ printed_at }} โดย {{ printed_by }}", space_before=12)
    _para(document, ("ปลายบันทึกตรวจสอบ ณ เวลาพิมพ์ (saraban audit verify --head): {{ ledger_head }}", {"size": 10}))
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
    for part in story_elements(document):
        for run in part.iter(qn("w:r")):
            match_complex_script_styles(run.get_or_add_rPr())
    document.save(str(path))

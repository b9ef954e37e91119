"""Pieces of a Thai official document's Word layout that python-docx has no call for.

Page numbers ("- ๒ -" centred at the top from page 2 on), secrecy marks at the top and
bottom centre of every page, paragraphs kept with the next one (the signature block), table
grids whose column widths agree with their cells, and a header row repeated on every page.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from saraban.letters.docx_format import RED

SECRECY_PT = 32
OFFICE_STYLE = "saraban Office Block"
"""The office block's tab stop and hanging indent; :func:`saraban.letters.render.render`
moves both to where a long office name fits."""
SIGNATURE_STYLE = "saraban Signature"
"""The closing, the name and the position: kept with each other and with the last lines of
the body, so a signature never stands alone at the top of a page."""


def add_field(paragraph: Paragraph, instruction: str, shown: str = "2") -> None:
    """A Word field (``PAGE``) in a paragraph, with ``shown`` as its last computed result."""
    for kind in ("begin", "instr", "separate", "result", "end"):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
            run._r.append(element)
        elif kind == "result":
            run.text = shown
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)


def set_page_number_format(section, digits: str) -> None:  # type: ignore[no-untyped-def]
    """Number pages in Thai digits (Word's ``thaiNumbers``) or Arabic ones (``decimal``).

    LibreOffice 7.4 reads ``thaiNumbers`` as decimal; :func:`saraban.letters.render.to_pdf`
    therefore converts Thai-digit letters with the "context" numeral shape, which draws the
    digits of Thai-language text (the page number's run is marked th-TH) as Thai digits.
    """
    sect_pr = section._sectPr
    existing = sect_pr.find(qn("w:pgNumType"))
    if existing is None:
        existing = OxmlElement("w:pgNumType")
        # The schema's order: pgNumType comes after pgMar (and before cols).
        anchor = sect_pr.find(qn("w:pgMar"))
        if anchor is not None:
            anchor.addnext(existing)
        else:
            sect_pr.append(existing)
    existing.set(qn("w:fmt"), "thaiNumbers" if digits == "thai" else "decimal")


def mark_thai(paragraph: Paragraph) -> None:
    """Mark every run of a paragraph as Thai (``w:lang``), so numerals follow Thai context."""
    for run in paragraph.runs:
        rpr = run._r.get_or_add_rPr()
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "th-TH")
        lang.set(qn("w:bidi"), "th-TH")


def _secrecy_paragraph(paragraph: Paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run("{{ secrecy }}")
    run.bold = True
    run.font.size = Pt(SECRECY_PT)
    run.font.color.rgb = RED


def headers_and_footers(document, *, page_numbers: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Secrecy mark (when the letter has one) at the top and bottom centre of every page, and
    "- n -" centred at the top from page 2 on; the first page carries no number."""
    for section in document.sections:
        section.different_first_page_header_footer = True
        _secrecy_paragraph(section.first_page_header.paragraphs[0])
        header = section.header
        header.paragraphs[0].text = "{%p if secrecy %}"
        _secrecy_paragraph(header.add_paragraph())
        header.add_paragraph("{%p endif %}")
        if page_numbers:
            number = header.add_paragraph()
            number.alignment = WD_ALIGN_PARAGRAPH.CENTER
            number.add_run("- ")
            add_field(number, "PAGE")
            number.add_run(" -")
            mark_thai(number)
        _secrecy_paragraph(section.first_page_footer.paragraphs[0])
        _secrecy_paragraph(section.footer.paragraphs[0])


def page_numbers_at_the_foot(document) -> None:  # type: ignore[no-untyped-def]
    """"หน้า n จาก m" at the right of every page's foot, on the foot's one line (the secrecy
    mark, if any, stays in its centre): a printed book is checked, filed and signed page by
    page, and a page that falls out must be missed — and a second line at the foot would
    cost every page a row."""
    from docx.enum.text import WD_TAB_ALIGNMENT

    for section in document.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        width = section.page_width - section.left_margin - section.right_margin
        stops = paragraph.paragraph_format.tab_stops
        stops.add_tab_stop(width // 2, WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        first = paragraph.runs[0]._r if paragraph.runs else None
        tab = OxmlElement("w:r")
        tab.append(OxmlElement("w:tab"))
        if first is not None:
            first.addprevious(tab)
        else:
            paragraph._p.append(tab)
        start = len(paragraph.runs)
        paragraph.add_run("\tหน้า ")
        add_field(paragraph, "PAGE", "1")
        paragraph.add_run(" จาก ")
        add_field(paragraph, "NUMPAGES", "1")
        for run in paragraph.runs[start:]:
            run.font.size = Pt(11)  # before the language: the schema puts w:sz ahead of w:lang
        mark_thai(paragraph)


def keep_with_next(paragraph: Paragraph) -> Paragraph:
    """Never let a page break fall between this paragraph and the next."""
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.keep_together = True
    return paragraph


def set_table_widths(table: Table, widths_cm: list[float]) -> None:
    """One width per column, written in the grid (``w:gridCol``), on every cell and as the
    table's fixed width, so Word and LibreOffice lay out the columns the header shows."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        column.set(qn("w:w"), str(round(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    tbl_pr = table._tbl.tblPr
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tbl_pr.append(layout)
    layout.set(qn("w:type"), "fixed")
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(round(Cm(sum(widths_cm)).twips)))


def narrow_cell_margins(table: Table, side_cm: float = 0.1) -> None:
    """Left and right cell margins of ``side_cm`` (Word's default is 0.19 cm): in a table of
    nine narrow columns that is a word more on each line."""
    tbl_pr = table._tbl.tblPr
    margins = tbl_pr.find(qn("w:tblCellMar"))
    if margins is None:
        margins = OxmlElement("w:tblCellMar")
        tbl_pr.append(margins)
    for side in ("w:left", "w:right"):
        element = margins.find(qn(side))
        if element is None:
            element = OxmlElement(side)
            margins.append(element)
        element.set(qn("w:w"), str(round(Cm(side_cm).twips)))
        element.set(qn("w:type"), "dxa")


def never_split(row) -> None:  # type: ignore[no-untyped-def]
    """Keep a table row whole on one page (``w:cantSplit``): a register line split over two
    pages reads as two entries."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.append(OxmlElement("w:cantSplit"))


def repeat_as_header(row) -> None:  # type: ignore[no-untyped-def]
    """Repeat a table row at the top of every page (``w:tblHeader``) and never split it."""
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        if tr_pr.find(qn(tag)) is None:
            tr_pr.append(OxmlElement(tag))

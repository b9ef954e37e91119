"""Word formatting for Thai official documents: page, fonts (Latin and complex script), colours.

Word picks the font of Thai text from the complex-script attributes (``w:rFonts/@w:cs`` and
``w:szCs``); setting only the Latin ones makes Word show Thai in the wrong font and size.
Every helper here sets both.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor

RED = RGBColor(0xC0, 0x00, 0x00)


def set_run_fonts(rpr, font: str, size_pt: float | None = None) -> None:  # type: ignore[no-untyped-def]
    """Set Latin, East-Asian and complex-script fonts (and both sizes) on a ``w:rPr``."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), font)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if fonts.get(qn(attribute)) is not None:
            del fonts.attrib[qn(attribute)]
    if size_pt is not None:
        half_points = str(round(size_pt * 2))
        for tag in ("w:sz", "w:szCs"):
            element = rpr.find(qn(tag))
            if element is None:
                element = OxmlElement(tag)
                rpr.append(element)
            element.set(qn("w:val"), half_points)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:bidi"), "th-TH")


def match_complex_script_sizes(rpr) -> None:  # type: ignore[no-untyped-def]
    """Give a run the same complex-script size as its Latin size (``w:szCs`` = ``w:sz``)."""
    size = rpr.find(qn("w:sz"))
    if size is None:
        return
    size_cs = rpr.find(qn("w:szCs"))
    if size_cs is None:
        size_cs = OxmlElement("w:szCs")
        size.addnext(size_cs)
    size_cs.set(qn("w:val"), size.get(qn("w:val")))


def match_complex_script_styles(rpr) -> None:  # type: ignore[no-untyped-def]
    """Give a bold or italic run the complex-script bold (``w:bCs``) or italic (``w:iCs``) too:
    Word and LibreOffice embolden and slant Thai only from those, not from ``w:b``/``w:i``."""
    for latin, complex_script in (("w:b", "w:bCs"), ("w:i", "w:iCs")):
        element = rpr.find(qn(latin))
        if element is None or element.get(qn("w:val")) in ("0", "false"):
            continue
        if rpr.find(qn(complex_script)) is None:
            element.addnext(OxmlElement(complex_script))


def story_elements(document: DocumentObject) -> list:  # type: ignore[type-arg]
    """The body and every header and footer (first page and the others) of a document.

    Read from the document's relationships, not from its sections: docxtpl renders a header
    into a new part behind the same relationship, and ``section.header`` still returns the
    template's, so formatting set through it never reached the page (the secrecy mark kept
    no complex-script size).
    """
    parts = [document.element.body]
    for rel in document.part.rels.values():
        if not rel.is_external and rel.reltype.endswith(("/header", "/footer")):
            parts.append(rel.target_part.element)
    return parts


def apply_document_font(document: DocumentObject, font: str, size_pt: float) -> None:
    """Make ``font`` at ``size_pt`` the default of the document and of every run that names a font."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
            set_run_fonts(rpr_default.find(qn("w:rPr")), font, size_pt)
    normal = document.styles["Normal"]
    set_run_fonts(normal.element.get_or_add_rPr(), font, size_pt)
    for run in (r for part in story_elements(document) for r in part.iter(qn("w:r"))):
        rpr = run.get_or_add_rPr()
        explicit = rpr.find(qn("w:sz"))
        set_run_fonts(rpr, font, None if explicit is not None else size_pt)
        match_complex_script_sizes(rpr)
        match_complex_script_styles(rpr)


def set_page(document: DocumentObject, *, landscape: bool = False) -> None:
    """A4; margins left 3 cm, right 2 cm, top and bottom 2 cm (the regulation's common practice)."""
    for section in document.sections:
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21.0)
            section.left_margin = section.right_margin = Cm(2.0)
        else:
            section.page_width, section.page_height = Cm(21.0), Cm(29.7)
            section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
        section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
        section.header_distance = section.footer_distance = Cm(1.0)

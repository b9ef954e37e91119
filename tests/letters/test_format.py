"""The official format, checked in the Word XML of every template and of real forwards.

Each rule is one a Thai office would send a letter back for: Thai bold, a signature block
split across pages, no page numbers, a secrecy mark only once, no Garuda or a misplaced one,
register columns that disagree with their headers, and digits or dates in two styles.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from saraban.cli import app
from saraban.letters.content import LetterContent
from saraban.letters.docx_format import story_elements
from saraban.letters.docx_parts import SIGNATURE_STYLE
from saraban.letters.measure import width_cm
from saraban.letters.render import find_template, render
from saraban.services.forward_plan import forward_deadline
from saraban.services.forwarding import ForwardRequest, forward
from tests.letters.conftest import DISTRICT
from tests.letters.emblem import draw_emblem, letter_with_emblem
from tests.letters.test_render import CONTENT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EMU_PER_CM = 360000
LONG_NAME = "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดพระนครศรีอยุธยา"
SECRET = dataclasses.replace(CONTENT, secrecy="ลับมาก", office_name=LONG_NAME,
                             office_address=["ศาลากลางจังหวัดพระนครศรีอยุธยา", "ถนนอู่ทอง พระนครศรีอยุธยา ๑๓๐๐๐"])  # fmt: skip


def _render(
    name: str, content: LetterContent, tmp_path: Path, digits: str = "thai", emblem: Path | None = None
) -> Path:
    return render(
        find_template(name),
        content.to_template_data(digits),
        tmp_path / f"{name}-{digits}.docx",
        overwrite=True,
        digits=digits,
        garuda_image=str(emblem) if emblem else None,
        garuda_height_mm=15.0 if name == "memo" else 30.0,
    )


def _all_text(document) -> str:  # type: ignore[no-untyped-def]
    return "\n".join("".join(t.text or "" for t in part.iter(qn("w:t"))) for part in story_elements(document))


def assert_thai_bold(document) -> None:  # type: ignore[no-untyped-def]
    """Every bold run is bold for Thai too (w:bCs), in the body, headers and footers."""
    bold = 0
    for part in story_elements(document):
        for rpr in part.iter(qn("w:rPr")):
            b = rpr.find(qn("w:b"))
            if b is not None and b.get(qn("w:val")) not in ("0", "false"):
                bold += 1
                assert rpr.find(qn("w:bCs")) is not None, "bold run without w:bCs"
    assert bold, "no bold run at all"


def assert_digits(document, digits: str) -> None:  # type: ignore[no-untyped-def]
    """One style of digits everywhere but e-mail addresses, and no ISO Christian-era dates."""
    text = re.sub(r"\S+@\S+", "", _all_text(document))
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d", text), "ISO date in a printed document"
    wrong = r"[0-9]" if digits == "thai" else r"[๐-๙]"
    # The PAGE field's cached result is the only figure that is not text of ours.
    stray = [m.group() for m in re.finditer(wrong, text)]
    assert len(stray) <= (1 if digits == "thai" else 0), f"{digits} document has {stray[:10]}"


def assert_pages_numbered_from_two(document, digits: str) -> None:  # type: ignore[no-untyped-def]
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header = section.header._element
    instructions = "".join(t.text for t in header.iter(qn("w:instrText")))
    assert "PAGE" in instructions
    first = section.first_page_header._element
    assert "PAGE" not in "".join(t.text for t in first.iter(qn("w:instrText")))
    numbers = [p.text for p in section.header.paragraphs if re.fullmatch(r"- \S+ -", p.text)]
    assert len(numbers) == 1, [p.text for p in section.header.paragraphs]
    fmt = section._sectPr.find(qn("w:pgNumType")).get(qn("w:fmt"))
    assert fmt == ("thaiNumbers" if digits == "thai" else "decimal")


def assert_secrecy_everywhere(document, mark: str) -> None:  # type: ignore[no-untyped-def]
    section = document.sections[0]
    for story in (section.first_page_header, section.header, section.first_page_footer, section.footer):
        runs = [r for p in story.paragraphs for r in p.runs if r.text == mark]
        assert runs, f"{mark} missing from a header or footer"
        assert runs[0].bold and runs[0].font.size.pt == 32 and str(runs[0].font.color.rgb) == "C00000"
    # Not also in the body (where it would print a third time on page 1).
    assert mark not in [p.text for p in document.paragraphs]


def assert_signature_kept_together(document) -> None:  # type: ignore[no-untyped-def]
    paragraphs = document.paragraphs
    block = [i for i, p in enumerate(paragraphs) if p.style.name == SIGNATURE_STYLE]
    assert block, "no signature block"
    for i in block[:-1]:
        assert paragraphs[i].paragraph_format.keep_with_next or paragraphs[i].style.paragraph_format.keep_with_next
    before = next(p for p in reversed(paragraphs[: block[0]]) if p.text.strip())
    assert before.paragraph_format.keep_with_next, (
        f"the body's last paragraph {before.text[:30]!r} does not keep with the signature"
    )


def assert_garuda(document, height_cm: float) -> None:  # type: ignore[no-untyped-def]
    section = document.sections[0]
    assert abs(section.top_margin.cm - 1.5) < 0.01, "the emblem stands 1.5 cm from the top edge"
    first = document.paragraphs[0]
    extents = list(first._p.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"))
    assert len(extents) == 1, "the Garuda is the first paragraph's image"
    assert abs(int(extents[0].get("cy")) / EMU_PER_CM - height_cm) < 0.02


def assert_table_grid(document, text_width_cm: float) -> None:  # type: ignore[no-untyped-def]
    (table,) = document.tables
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert abs(sum(grid) / 567.0 - text_width_cm) < 0.05, "the grid fills the page's text width"
    for row in table.rows:
        widths = [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in row._tr.tc_lst]
        assert widths == grid, "cell widths disagree with the grid"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None, "header row does not repeat"
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


@pytest.mark.parametrize("digits", ["thai", "arabic"])
@pytest.mark.parametrize("name", ["external", "memo", "stamped"])
def test_letter_templates_follow_the_official_format(name: str, digits: str, tmp_path: Path) -> None:
    emblem = draw_emblem(tmp_path / "emblem.png")
    document = docx.Document(str(_render(name, SECRET, tmp_path, digits, emblem)))
    assert_thai_bold(document)
    assert_digits(document, digits)
    assert_pages_numbered_from_two(document, digits)
    assert_secrecy_everywhere(document, "ลับมาก")
    assert_signature_kept_together(document)
    assert_garuda(document, 1.5 if name == "memo" else 3.0)
    text = _all_text(document)
    if name == "memo":
        # Dotted lines after the labels; อ้างถึง and enclosures are part of the memo's text.
        heads = [p for p in document.paragraphs if p.text.startswith(("ส่วนราชการ", "เรื่อง"))]
        for paragraph in heads:
            leaders = [t.get(qn("w:leader")) for t in paragraph._p.iter(qn("w:tab")) if t.get(qn("w:leader"))]
            assert leaders == ["dot"], paragraph.text
            assert paragraph.paragraph_format.first_line_indent < 0, "wrapped heading lines hang"
        assert not any(p.text.startswith(("อ้างถึง", "สิ่งที่ส่งมาด้วย")) for p in document.paragraphs)
        assert text.count("ตามหนังสือกรมส่งเสริมการปกครองท้องถิ่น") == 1
    else:
        # The urgency mark shares the emblem's band: it pushes neither the emblem nor ที่ down.
        assert document.paragraphs[0].text.startswith("ด่วนมาก")
        assert document.paragraphs[1].text.startswith("ที่ ")


def test_a_long_office_name_fits_its_block(tmp_path: Path) -> None:
    document = docx.Document(str(_render("external", SECRET, tmp_path)))
    office = document.styles["saraban Office Block"].paragraph_format
    start = office.left_indent.cm
    assert 7.4 <= start < 9.5, "a long name moves the block left"
    block = [p.text.split("\t")[-1] for p in document.paragraphs if p.style.name == "saraban Office Block"]
    assert "".join(block[:2]) == LONG_NAME and len(block) >= 3
    for line in block:
        assert width_cm(line) <= 16.0 - start + 0.01, line
    short = docx.Document(str(_render("external", CONTENT, tmp_path)))
    assert short.styles["saraban Office Block"].paragraph_format.left_indent.cm >= 7.4


@pytest.mark.parametrize("book", ["receive", "routing"])
def test_register_and_routing_tables_match_their_headers(book: str, tmp_path: Path) -> None:
    name = "register" if book == "receive" else "routing"
    document = docx.Document(str(find_template(name)))
    assert_table_grid(document, 25.7)
    assert_thai_bold(document)


def test_real_forwards_keep_the_format_and_the_facts(district_ctx, tmp_path: Path) -> None:
    ctx = district_ctx
    draw_emblem(tmp_path / "emblem.png")
    from saraban.letters.garuda import take_garuda

    take_garuda(letter_with_emblem(tmp_path / "old-letter.docx", tmp_path / "emblem.png"))
    ctx.settings.office_email = "saraban@thawangpha.go.th"
    result = forward(ctx, ForwardRequest("ว 812", DISTRICT, all_children=True, out_dir=tmp_path / "ext"))
    assert not any("ครุฑ" in n for n in result.notes)
    document = docx.Document(str(result.letters[0].file))
    assert_thai_bold(document)
    assert_digits(document, "thai")
    assert_pages_numbered_from_two(document, "thai")
    assert_signature_kept_together(document)
    assert_garuda(document, 3.0)
    text = _all_text(document)
    # The parent came from จังหวัดน่าน (headed ศาลากลางจังหวัดน่าน, signed by its governor).
    assert "สำเนาหนังสือจังหวัดน่าน ที่ นน ๐๐๒๓.๕/ว ๘๑๒" in text
    assert "ไปรษณีย์อิเล็กทรอนิกส์ saraban@thawangpha.go.th" in text
    stamped = forward(ctx, ForwardRequest("ว 812", DISTRICT, all_children=True, template="stamped",
                                          out_dir=tmp_path / "st", again=True))  # fmt: skip
    document = docx.Document(str(stamped.letters[0].file))
    text = _all_text(document)
    paragraphs = [p.text for p in document.paragraphs]
    assert any(p.startswith("ถึง\t") for p in paragraphs) and "เรียน" not in text, "ถึง, and no เรียน wording"
    assert "ขอส่งสำเนาหนังสือจังหวัดน่าน" in text
    assert "โทร. " in text, "a stamped letter always carries the owning unit's contact line"
    assert_signature_kept_together(document)


def test_deadlines_come_earlier_at_each_level() -> None:
    assert forward_deadline(date(2026, 11, 30), date(2026, 11, 20), 3) == date(2026, 11, 27)
    assert forward_deadline(date(2026, 11, 21), date(2026, 11, 20), 3) == date(2026, 11, 21)  # no room: unchanged
    assert forward_deadline(None, date(2026, 11, 20), 3) is None
    # A deadline already past is never passed down (it was, as "report by 25 November" on 8 December).
    assert forward_deadline(date(2026, 11, 19), date(2026, 11, 20), 3) is None
    assert forward_deadline(date(2026, 11, 20), date(2026, 11, 20), 3) == date(2026, 11, 20)  # today still stands


def test_the_clerk_sets_the_deadline_and_sees_it(district_ctx, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    db = district_ctx.settings.database_url
    runner = CliRunner()
    result = runner.invoke(app, ["--db", db, "--user", "somchai", "forward", "ว 812", "--from", DISTRICT,
                                 "--all-children", "--deadline", "25 มี.ค. 2567", "--out", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "ขอให้รายงานภายใน 25 มี.ค. 2567" in result.output or "ขอให้รายงานภายใน 25 มีนาคม 2567" in result.output
    # stdout carries the letters only: the progress bar's blank line went there (the trial after #28).
    assert result.stdout.startswith("นน 0023.11/ว 1 → "), repr(result.stdout[:40])
    document = docx.Document(str(next(tmp_path.glob("*.docx"))))
    assert "ภายในวันที่ ๒๕ มีนาคม ๒๕๖๗" in _all_text(document)


def test_garuda_is_taken_from_a_letter_and_checked(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    runner = CliRunner()
    emblem = draw_emblem(tmp_path / "emblem.png")
    listing = runner.invoke(app, ["letter", "templates"])
    assert "ยังไม่มีภาพครุฑ" in listing.output
    took = runner.invoke(app, ["letter", "garuda", str(letter_with_emblem(tmp_path / "old.docx", emblem))])
    assert took.exit_code == 0, took.output
    assert "300×340" in took.output, "the banner before it is not an emblem; the emblem is taken"
    assert "ภาพครุฑ:" in runner.invoke(app, ["letter", "templates"]).output
    wide = tmp_path / "wide.png"
    from PIL import Image

    Image.new("RGB", (800, 100)).save(wide)
    refused = runner.invoke(app, ["letter", "garuda", str(wide)])
    assert refused.exit_code != 0 and "ไม่ใช่ตราครุฑ" in refused.output
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"\x89PNG not really")
    refused = runner.invoke(app, ["letter", "garuda", str(junk)])
    assert refused.exit_code != 0 and "Traceback" not in refused.output


def test_a_whole_page_is_not_taken_for_the_emblem_and_the_emblem_can_be_removed(tmp_path: Path) -> None:
    # A whole A4 scan (a small emblem among lines of words) was accepted as the emblem, and
    # nothing but deleting the file took it away.
    from PIL import Image, ImageDraw
    from typer.testing import CliRunner

    from saraban.letters.garuda import stored_path

    runner = CliRunner()
    page = Image.new("RGB", (827, 1169), "white")
    page.paste(Image.open(draw_emblem(tmp_path / "emblem.png", (90, 100))), (368, 40))
    draw = ImageDraw.Draw(page)
    for row in range(30):
        for word in range(9):
            x, y = 90 + word * 74, 200 + row * 30
            draw.rectangle((x, y, x + 60, y + 14), fill="black")
    page.save(tmp_path / "scan.png")
    refused = runner.invoke(app, ["letter", "garuda", str(tmp_path / "scan.png")])
    assert refused.exit_code != 0 and "ไม่ใช่ตราครุฑ" in refused.output
    assert not stored_path().exists()
    took = runner.invoke(app, ["letter", "garuda", str(draw_emblem(tmp_path / "big.png"))])
    assert took.exit_code == 0 and stored_path().is_file(), took.output
    removed = runner.invoke(app, ["letter", "garuda", "--remove"])
    assert removed.exit_code == 0 and "ลบภาพครุฑ" in removed.output, removed.output
    assert not stored_path().exists() and "ยังไม่มีภาพครุฑ" in runner.invoke(app, ["letter", "templates"]).output
    again = runner.invoke(app, ["letter", "garuda", "--remove"])
    assert again.exit_code == 0 and "ไม่มีภาพครุฑ" in again.output
    assert runner.invoke(app, ["letter", "garuda"]).exit_code != 0


URGENT = """ด่วนที่สุด
ที่ นน ๐๐๒๓.๓/ว ๑๒๓๔                                   ศาลากลางจังหวัดน่าน
                                                        ถนนสุริยพงษ์ นน ๕๕๐๐๐
                                ๑๐ ตุลาคม ๒๕๖๙
เรื่อง  การเตรียมการป้องกันอุทกภัย
เรียน  นายอำเภอ ทุกอำเภอ
            ด้วยกรมส่งเสริมการปกครองท้องถิ่นแจ้งให้เตรียมการป้องกันอุทกภัย ขอให้รายงานผลภายในวันที่ ๓๐ ตุลาคม ๒๕๖๙
            จึงเรียนมาเพื่อทราบ
                              ขอแสดงความนับถือ

                              (นายสมชาย ใจดี)
                              ผู้ว่าราชการจังหวัดน่าน
"""


def test_a_forward_keeps_the_urgency_and_asks_earlier(district_ctx, tmp_path: Path) -> None:
    from datetime import datetime

    from saraban.services.importing import import_paths

    source = tmp_path / "urgent.txt"
    source.write_text(URGENT, encoding="utf-8")
    import_paths(district_ctx, [source])
    result = forward(district_ctx, ForwardRequest("ว 1234", DISTRICT, all_children=True, out_dir=tmp_path / "o",
                                                  when=datetime(2026, 10, 12, 9, 0)))  # fmt: skip
    document = docx.Document(str(result.letters[0].file))
    assert document.paragraphs[0].text.startswith("ด่วนที่สุด")
    text = _all_text(document)
    assert "สำเนาหนังสือจังหวัดน่าน ที่ นน ๐๐๒๓.๓/ว ๑๒๓๔" in text
    assert "ภายในวันที่ ๒๗ ตุลาคม ๒๕๖๙" in text, "three days before the province's 30 October"
    assert any("27 ตุลาคม 2569" in n and "30 ตุลาคม 2569" in n for n in result.notes)

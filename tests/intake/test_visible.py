"""A PDF's text layer is used only where the page shows it (#26 item 2)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.shared import RGBColor

from saraban.intake.visible import Word, hide_invisible
from saraban.letters.render import to_pdf
from saraban.parsing import parse_file


def _letter(folder: Path, *, white: bool) -> Path:
    """A letter exported by LibreOffice whose running number and day are (``white``) typed
    in white: in the text layer, not on the page."""
    document = docx.Document()

    def line(*parts: tuple[str, bool]) -> None:
        paragraph = document.add_paragraph()
        for text, hidden in parts:
            run = paragraph.add_run(text)
            if hidden and white:
                run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)

    line(("ที่ นน 0023.5/ว ", False), ("812", True), ("\t\tสำนักงานจังหวัดน่าน", False))
    line(("\t\t\t\tศาลากลางจังหวัดน่าน ถนนสุริยพงษ์ นน 55000", False))
    line(("\t\t\t\t", False), ("20", True), (" มีนาคม 2567", False))
    for text in ("เรื่อง ขอเชิญประชุมคณะทำงาน", "เรียน นายอำเภอทุกอำเภอ",
                 "ด้วยจังหวัดน่านจะจัดประชุมคณะทำงาน จึงเรียนมาเพื่อโปรดทราบ", "ขอแสดงความนับถือ",
                 "(นายสมชาย ใจงาม)", "ผู้ว่าราชการจังหวัดน่าน"):  # fmt: skip
        line((text, False))
    out = folder / ("white.docx" if white else "black.docx")
    document.save(str(out))
    return to_pdf(out)


def test_a_number_and_day_the_page_does_not_show_are_not_read(tmp_path: Path, office_tools: str) -> None:
    # Before: the white running number and day were read from the layer as confident values.
    [shown] = parse_file(_letter(tmp_path, white=False))
    assert shown.doc_no == "นน 0023.5/ว 812" and shown.date is not None
    assert shown.provenance["doc_no"] == "text-layer"
    [hidden] = parse_file(_letter(tmp_path, white=True))
    assert "812" not in (hidden.doc_no or "")
    assert hidden.date is None
    assert any("ไม่ปรากฏบนหน้ากระดาษ" in w for w in hidden.warnings)


def test_only_the_unseen_part_of_a_word_is_blanked_and_columns_stay() -> None:
    layout = "ที่ นน 0023.5/ว812        สำนักงานจังหวัดน่าน\n                  20 มีนาคม 2567 20"
    words = [Word("0023.5/ว812", (0, 0, 1, 1), "0023.5/ว"), Word("20", (0, 0, 1, 1), ""),
             Word("20", (0, 0, 1, 1), "20")]  # fmt: skip
    text, changed = hide_invisible(layout, words)
    assert changed == 2
    assert text.splitlines()[0] == "ที่ นน 0023.5/ว           สำนักงานจังหวัดน่าน"
    assert text.splitlines()[1] == "                     มีนาคม 2567 20"  # the second 20 was drawn

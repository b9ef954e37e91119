"""Urgency marks stamped large above the ที่ line, read from the page (real Tesseract)."""

from __future__ import annotations

from pathlib import Path

import pytest

from saraban.intake.marks import match
from saraban.intake.ocr import ocr_image
from saraban.parsing import parse_file
from tests.scans import LETTER

STAMP_FONTS = (
    Path("/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf"),
    Path("/usr/share/fonts/truetype/tlwg/Loma-Bold.ttf"),
)


def _stamped(scan: Path, folder: Path, mark: str, *, ruled: bool) -> Path:
    """The scan with ``mark`` stamped three lines of print high above its ที่ line, worn grey
    ink, and (``ruled``) a ruled line drawn through the stamp's foot, as old circulars have."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = next((p for p in STAMP_FONTS if p.exists()), None)
    if font_path is None:
        pytest.fail("fonts-thai-tlwg is needed (apt-get install fonts-thai-tlwg)")
    page = ocr_image(scan)
    number = next(ln for ln in page.lines if "0023" in ln.text and ln.box)
    assert number.box is not None
    left, top, _right, bottom = number.box
    height = bottom - top
    image = Image.open(scan).convert("L")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(font_path), int(height * 1.9))
    stamp_box = draw.textbbox((0, 0), mark, font=font)
    at_y = top - (stamp_box[3] - stamp_box[1]) - stamp_box[1] - height // 3
    draw.text((left, at_y), mark, font=font, fill=60)
    if ruled:
        foot = top - height // 3 - 2
        draw.line((left - 20, foot, image.width - left, foot), fill=40, width=3)
    out = folder / f"stamped-{len(mark)}-{int(ruled)}.png"
    image.save(out)
    return out


@pytest.mark.parametrize(("mark", "ruled"), [("ด่วนมาก", True), ("ด่วนที่สุด", False)])
def test_a_large_urgency_stamp_is_read(letter_files: dict[str, Path], tmp_path: Path, mark: str, ruled: bool) -> None:
    # Before the marks stage, a stamp three lines high was dropped or read as noise by
    # Tesseract's layout, and the letter had no urgency.
    [letter] = parse_file(_stamped(letter_files["png"], tmp_path, mark, ruled=ruled))
    assert letter.urgency == mark
    assert letter.doc_no == LETTER.doc_no  # the ที่ line under the stamp is still read


def test_a_letter_without_a_stamp_has_no_urgency(letter_files: dict[str, Path]) -> None:
    # The Garuda, the letterhead and the print are tall pieces too: none of them is a mark.
    [letter] = parse_file(letter_files["png"])
    assert letter.urgency is None and letter.secrecy is None


@pytest.mark.parametrize(
    ("reading", "mark"),
    [("ด่านมาก", "ด่วนมาก"), ("ด่วนที่สด", "ด่วนที่สุด"), ("‘ ต ไหนาก |", None), ("บันทึกข้อความ", None),
     ("ลับมาก", "ลับมาก"), ("Ame,", None), ("ด", None)],
)  # fmt: skip
def test_only_a_reading_plainly_one_of_the_marks_is_taken(reading: str, mark: str | None) -> None:
    assert match(reading) == mark

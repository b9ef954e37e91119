"""Reading what arrives: text-layer PDFs, scans and images through real poppler and Tesseract."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from rapidfuzz import fuzz
from typer.testing import CliRunner

from saraban.cli import app
from saraban.intake import read_document
from saraban.intake.quality import measure
from saraban.intake.thai_pua import clean_pdf_thai
from saraban.parsing import parse_file
from saraban.parsing.record import LOW_CONFIDENCE
from tests.scans import LETTER

runner = CliRunner()


def _close(got: str | None, want: str) -> bool:
    return got is not None and fuzz.ratio(got.replace(" ", ""), want.replace(" ", "")) >= 85


def test_pua_glyphs_of_thai_fonts_become_standard_thai() -> None:
    # ที่ with the lowered mai ek glyph, สิ้น with the left-shifted mai tho, ญ without its tail.
    assert clean_pdf_thai("ท\uf705ี") == "ที่"
    assert clean_pdf_thai("ส\u0e34\uf70eน") == "สิ์น"
    assert clean_pdf_thai("ห\uf70fิง") == "หญิง"
    assert clean_pdf_thai("ที    มท 0810/ว 1\nสํานัก") == "ที    มท 0810/ว 1\nสำนัก"


def test_a_junk_text_layer_is_told_from_thai() -> None:
    assert measure("Wu ase fkjd oiur weq zxcv mnb qwe rty uiop asd fgh jkl zxc vbn").is_junk()
    assert measure("ขสฬฮฤฦ ฆฌฑฒ ณฎฏ ษศฬ ฮฆฑ ฌฬฮฤฦฆฌ ฑฒณฎฏษศฬ ฆฌฑฒณ").is_junk()
    assert not measure("ด้วยจังหวัดน่านแจ้งว่ากรมส่งเสริมการปกครองท้องถิ่นประสงค์จะสำรวจข้อมูลแหล่งน้ำ").is_junk()


def test_text_layer_pdf_is_read_without_ocr(letter_files: dict[str, Path]) -> None:
    document = read_document(letter_files["pdf"])
    assert document.kind == "pdf-text" and not document.ocr
    [letter] = parse_file(letter_files["pdf"])
    assert letter.doc_no == LETTER.doc_no
    assert letter.date == LETTER.date
    assert letter.subject == LETTER.subject
    assert letter.source_kind == "pdf-text" and len(letter.source_sha256 or "") == 64
    assert letter.confidence["doc_no"] >= 0.9


@pytest.mark.parametrize("name", ["png", "scanned", "png_thai"])
def test_a_scan_is_read_and_never_confidently_wrong(letter_files: dict[str, Path], name: str) -> None:
    pages: list[str] = []
    [letter] = parse_file(letter_files[name], progress=lambda done, total, what: pages.append(what))
    assert pages == ["OCR หน้า 1/1"]
    assert letter.source_kind == ("pdf-ocr" if name == "scanned" else "image-ocr")
    assert letter.kind == "external"
    assert _close(letter.subject, LETTER.subject)
    assert _close(letter.salutation_to, LETTER.salutation)
    assert letter.sender_agency is not None and "ท่าวังผา" in letter.sender_agency
    # A number or a date is either right or left empty for the clerk, never a wrong value.
    assert letter.doc_no in (LETTER.doc_no, None)
    assert letter.date in (LETTER.date, None)
    for field in ("doc_no", "date"):
        if getattr(letter, field) is None:
            assert letter.confidence[field] < LOW_CONFIDENCE
            assert field in letter.low_confidence()
    assert set(letter.confidence) >= {"doc_no", "date", "subject", "sender_agency"}


def test_receive_takes_a_png_scan_and_keeps_its_hash_and_text(letter_files: dict[str, Path], db_url: str) -> None:
    result = runner.invoke(
        app,
        ["--db", db_url, "--user", "somchai", "receive", str(letter_files["png"]), "--at", "นน 0023",
         "--when", "2025-06-19T09:30", "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    receipt = json.loads(result.stdout)
    assert receipt["number"] == 1
    from sqlmodel import Session, select

    from saraban.db.engine import make_engine
    from saraban.db.tables import Letter

    with Session(make_engine(db_url)) as session:
        letter = session.exec(select(Letter)).one()
    assert letter.source_kind == "image-ocr"
    assert letter.source_sha256 and len(letter.source_sha256) == 64
    assert letter.source_text and "ป่าคา" in letter.source_text
    assert letter.confidence and "doc_no" in letter.confidence


def _encrypted_pdf(source: Path, folder: Path, office: str) -> Path:
    options = (
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
    )
    subprocess.run(
        [office, "--headless", "--convert-to", options, "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return folder / (source.stem + ".pdf")


def test_bad_files_get_one_line_each_and_lose_nothing(
    letter_files: dict[str, Path], tmp_path: Path, office_tools: str
) -> None:
    from PIL import Image

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a_not_really.pdf").write_text("นี่ไม่ใช่ PDF", encoding="utf-8")
    (bad / "b_empty.png").write_bytes(b"")
    locked = _encrypted_pdf(letter_files["docx"], tmp_path, office_tools)
    (bad / "c_locked.pdf").write_bytes(locked.read_bytes())
    pages = [Image.new("L", (40, 56), 255) for _ in range(200)]
    pages[0].save(bad / "d_two_hundred_pages.pdf", save_all=True, append_images=pages[1:])
    (bad / "e_good.pdf").write_bytes(letter_files["pdf"].read_bytes())

    result = runner.invoke(app, ["parse", str(bad), "--json"])
    assert result.exit_code == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("saraban:")]
    assert len(problems) == 4, result.stderr
    assert "ไม่ใช่ไฟล์ PDF" in problems[0]
    assert "0 ไบต์" in problems[1]
    assert "รหัสผ่าน" in problems[2]
    assert "200 หน้า" in problems[3]
    assert all("Traceback" not in line for line in result.stderr.splitlines())
    [letter] = json.loads(result.stdout)
    assert letter["doc_no"] == LETTER.doc_no


def test_a_born_digital_letter_whose_short_last_page_is_ocrd_keeps_its_number_and_date(
    letter_files: dict[str, Path], tmp_path: Path
) -> None:
    # Word exports a letter whose second page holds only the owning unit's lines: that page
    # has too little text and is OCR'd, but the number and date on page 1 come from its text layer.
    from docx import Document

    from saraban.letters.render import to_pdf

    short = Document()
    short.add_paragraph("กองสาธารณสุข")
    short.add_paragraph("โทร. ๐ ๕๔๗๙ ๐๐๐๐")
    short.save(tmp_path / "last.docx")
    last = to_pdf(tmp_path / "last.docx")
    both = tmp_path / "two-pages.pdf"
    subprocess.run(["pdfunite", str(letter_files["pdf"]), str(last), str(both)], check=True, timeout=60)
    document = read_document(both)
    assert document.kind == "pdf-mixed", document.kind
    [letter] = parse_file(both)
    assert letter.doc_no == LETTER.doc_no
    assert letter.date == LETTER.date

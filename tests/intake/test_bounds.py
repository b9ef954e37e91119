"""Hostile inputs the reading pipeline bounds: a tiny PDF declaring huge pages, a DOCX with XML
comments in its body (#27 item 10)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from PIL import Image

from saraban.intake import pdf
from saraban.intake.textfile import read_docx


def _huge_page_pdf(path: Path, pages: int, side_pt: int) -> Path:
    """A valid PDF of ``pages`` blank pages ``side_pt`` points square, in a few hundred bytes."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>"]
    objects += [f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {side_pt} {side_pt}] >>"] * pages
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)
    return path


def test_a_tiny_pdf_with_huge_pages_is_rasterised_within_the_pixel_bound(tmp_path: Path) -> None:
    # Before: 14,400-pt pages were rasterised at the 72-dpi floor, 207 million pixels each, and
    # Tesseract took 2.1 GB a page.
    source = _huge_page_pdf(tmp_path / "bomb.pdf", 4, 14_400)
    assert source.stat().st_size < 1_000
    info = pdf.pdf_info(source, max_pages=50)
    assert info.size(0) == (14_400.0, 14_400.0)
    width, height = info.size(0)
    image = pdf.page_image(source, 1, width, tmp_path, height_pt=height)
    with Image.open(image) as page:
        assert page.width * page.height <= pdf.MAX_RASTER_PIXELS
    assert pdf.raster_dpi(595, 842) == 300  # an A4 page keeps its resolution


def test_a_docx_with_comments_and_processing_instructions_in_its_body_is_read(tmp_path: Path) -> None:
    # Before: lxml's Comment has a function for a tag, and ``child.tag.rsplit`` was a traceback.
    import docx

    made = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("ที่ นน 0023.5/ว 812")
    document.add_paragraph("เรื่อง ขอเชิญประชุม")
    document.save(str(made))
    hostile = tmp_path / "commented.docx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body><!-- a note --><?saraban test?>", 1)
                data = data.replace(b"<w:t>", b"<w:t><!-- inside -->", 1)
            target.writestr(item, data)
    text = read_docx(hostile)
    assert "ที่ นน 0023.5/ว 812" in text and "เรื่อง ขอเชิญประชุม" in text


def test_each_ocr_process_is_held_to_its_memory_cap(tmp_path: Path, monkeypatch, ocr_tools) -> None:
    # Before: nothing bounded an OCR process's memory (2.1 GB a page, 4.2 GB with two workers);
    # now every program saraban runs has an address-space cap, and going over it is one line.
    import pytest

    from saraban.errors import UnreadableFile
    from saraban.intake.ocr import ocr_image

    page = tmp_path / "page.png"
    Image.new("RGB", (6_000, 6_000), (255, 255, 255)).save(page)  # a colour page at the pixel bound
    monkeypatch.setenv("SARABAN_TOOL_MEMORY_MB", "150")
    with pytest.raises(UnreadableFile) as refused:
        ocr_image(page)
    assert "หน่วยความจำเกิน 150 MB" in str(refused.value) and "\n" not in str(refused.value)

"""Intake: turning whatever arrives into text the parser reads.

The first stage of the reading pipeline (intake → parse → check → store). A clerk has text
files (UTF-8 or TIS-620), Word files, PDFs from other offices' e-saraban systems (with a
text layer, often with the Private-Use-Area glyphs of Thai fonts), scanned PDFs and page
images. :func:`read_document` takes any of them, reads text layers where they are real Thai
and runs Tesseract page by page where they are not, and returns a :class:`Document`: the
text, where it came from, the file's SHA-256 and, for OCR'd pages, how sure Tesseract was of
each line. Every input is bounded: file size, page count, pixels, time per page.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from saraban.digits.reader import DigitRead
from saraban.errors import UnreadableFile, os_reason
from saraban.intake import images, ocr, pdf, visible
from saraban.intake.ocr import OcrPage, Progress
from saraban.intake.quality import measure
from saraban.intake.textfile import decode_bytes, read_docx
from saraban.intake.thai_pua import clean_pdf_thai, has_pua
from saraban.thai.text import sara_am_written_apart

__all__ = ["Document", "Limits", "Progress", "read_document", "sniff"]

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}


@dataclass(frozen=True)
class Limits:
    """Bounds on one input file (``SARABAN_MAX_PAGES`` and ``SARABAN_MAX_FILE_MB`` change them)."""

    max_bytes: int = 100 * 2**20
    max_pages: int = 50

    @classmethod
    def from_env(cls) -> Limits:
        pages = os.environ.get("SARABAN_MAX_PAGES", "")
        size = os.environ.get("SARABAN_MAX_FILE_MB", "")
        return cls(
            max_bytes=int(size) * 2**20 if size.isdigit() else cls.max_bytes,
            max_pages=int(pages) if pages.isdigit() else cls.max_pages,
        )


@dataclass
class Document:
    """A file read as text, with where each part of the text came from."""

    path: str
    kind: str
    """``text``, ``docx``, ``pdf-text`` (text layer), ``pdf-ocr``, ``pdf-mixed`` or ``image-ocr``."""
    text: str
    sha256: str
    pages: int = 1
    ocr_pages: list[OcrPage] = field(default_factory=list)
    line_confidence: list[float | None] | None = None
    """For OCR'd text: Tesseract's confidence for each line of :attr:`text` (``None`` where unknown)."""
    line_layer: list[bool] | None = None
    """For a PDF read partly by OCR: per line, whether it came from a page's own text layer
    (what the sending office typed, trusted as such) rather than from OCR."""
    line_digits: list[list[DigitRead] | None] | None = None
    """For OCR'd text: per line, the words whose digits the digit reader read from the page
    image (``None`` for lines it did not read again)."""
    warnings: list[str] = field(default_factory=list)

    @property
    def ocr(self) -> bool:
        """Whether saraban ran OCR on any page of this file."""
        return bool(self.ocr_pages)

    @property
    def ocr_seconds(self) -> float:
        return sum(p.seconds for p in self.ocr_pages)


def sniff(path: Path, head: bytes) -> str:
    """What a file is, from its first bytes (the name decides only for an empty file)."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return "not-pdf"
    if suffix in IMAGE_SUFFIXES:
        return "image"
    return "text"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_document(path: Path | str, *, progress: Progress | None = None, limits: Limits | None = None) -> Document:
    """Read any letter file as text.

    Args:
        path: A text, DOCX, PDF or image file.
        progress: Called after each OCR'd page as ``progress(done, total, note)``.
        limits: Bounds on size and pages (default: :meth:`Limits.from_env`).

    Raises:
        UnreadableFile: With one line naming the file and what is wrong.
        MissingTool: OCR or PDF reading needs a program that is not installed.
    """
    path = Path(path)
    limits = limits or Limits.from_env()
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise UnreadableFile(f"{path}: เปิดไฟล์ไม่ได้ ({os_reason(exc)})") from exc
    if size > limits.max_bytes:
        raise UnreadableFile(f"{path}: ไฟล์ใหญ่ {size // 2**20} MB เกินขีดจำกัด {limits.max_bytes // 2**20} MB")
    kind = sniff(path, head)
    if kind == "not-pdf":
        raise UnreadableFile(f"{path}: ชื่อไฟล์เป็น .pdf แต่ไม่ใช่ไฟล์ PDF")
    digest = _sha256(path)
    if kind == "pdf":
        return _read_pdf(path, digest, limits, progress)
    if kind == "image":
        return _read_images(path, digest, limits, progress)
    if kind == "zip":
        if path.suffix.lower() == ".docx" or b"word/" in head[:2000]:
            return Document(str(path), "docx", read_docx(path), digest)
        raise UnreadableFile(f"{path}: เป็นไฟล์ zip ที่ไม่ใช่ .docx")
    return Document(str(path), "text", decode_bytes(path.read_bytes(), str(path)), digest)


def _ocr_document(path: str, kind: str, digest: str, pages: list[OcrPage | str]) -> Document:
    """Join pages (OCR'd pages, or text-layer strings) into one document with line confidences.

    Pages are joined by an empty line, so line *i* of the text is line *i* of the confidences.
    """
    lines: list[str] = []
    confidence: list[float | None] = []
    digits: list[list[DigitRead] | None] = []
    layer: list[bool] = []
    for number, page in enumerate(pages):
        if number:
            lines.append("")
            confidence.append(None)
            digits.append(None)
            layer.append(False)
        if isinstance(page, str):
            page_lines = page.split("\n")
            lines += page_lines
            confidence += [None] * len(page_lines)
            digits += [None] * len(page_lines)
            # Only a typed layer is what the office wrote; a scanner's own OCR layer is not.
            layer += [not sara_am_written_apart(page)] * len(page_lines)
        else:
            lines += [line.text for line in page.lines]
            confidence += [line.confidence for line in page.lines]
            digits += [line.digits for line in page.lines]
            layer += [False] * len(page.lines)
    document = Document(path, kind, "\n".join(lines), digest, len(pages))
    document.ocr_pages = [p for p in pages if isinstance(p, OcrPage)]
    if document.ocr_pages:
        document.line_confidence, document.line_digits, document.line_layer = confidence, digits, layer
    return document


def _read_pdf(path: Path, digest: str, limits: Limits, progress: Progress | None) -> Document:
    info = pdf.pdf_info(path, max_pages=limits.max_pages)
    raw_layers = pdf.page_texts(path, info.pages)
    warnings = []
    to_ocr = [i for i, text in enumerate(raw_layers) if measure(clean_pdf_thai(text)).is_junk()]
    hidden = 0
    for i, text in enumerate(raw_layers):
        if i not in to_ocr and text.strip():
            # What the page does not draw (white text, a number covered up) is not the letter.
            raw_layers[i], changed = visible.hide_invisible(text, visible.layer_words(path, i + 1))
            hidden += changed
    if hidden:
        warnings.append(f"ข้อความในไฟล์ {hidden} คำไม่ปรากฏบนหน้ากระดาษ (ตัวอักษรสีขาว ซ่อน หรือถูกปิดทับ) จึงไม่ใช้")
    layers = [clean_pdf_thai(t) for t in raw_layers]
    if any(has_pua(t) for t in raw_layers):
        warnings.append("ข้อความใน PDF มีรหัสตัวอักษรพิเศษของฟอนต์ไทย (PUA) แปลงเป็นอักษรไทยมาตรฐานแล้ว")
    pages: list[OcrPage | str] = list(layers)
    if to_ocr:
        listing = pdf.scan_images(path, info.pages)
        with tempfile.TemporaryDirectory(prefix="saraban-ocr-") as tmp:
            jobs: list[Callable[[], Path]] = [
                (lambda i=i: pdf.page_image(path, i + 1, info.widths[i], Path(tmp), listing, info.size(i)[1]))
                for i in to_ocr
            ]
            for i, page in zip(to_ocr, ocr.ocr_pages(jobs, progress), strict=True):
                page.number = i + 1
                pages[i] = page
    kind = "pdf-text" if not to_ocr else "pdf-ocr" if len(to_ocr) == info.pages else "pdf-mixed"
    document = _ocr_document(str(path), kind, digest, pages)
    if kind != "pdf-text" and len(to_ocr) < info.pages:
        warnings.append(f"อ่าน {len(to_ocr)} จาก {info.pages} หน้าด้วย OCR (ข้อความในไฟล์ใช้ไม่ได้)")
    document.warnings = warnings
    return document


def _read_images(path: Path, digest: str, limits: Limits, progress: Progress | None) -> Document:
    with tempfile.TemporaryDirectory(prefix="saraban-ocr-") as tmp:
        files = images.split_pages(path, Path(tmp), max_pages=limits.max_pages)
        jobs: list[Callable[[], Path]] = [(lambda f=f: f) for f in files]
        pages: list[OcrPage | str] = list(ocr.ocr_pages(jobs, progress))
    return _ocr_document(str(path), "image-ocr", digest, pages)

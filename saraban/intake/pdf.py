"""PDF files: their pages, their text layer, and page images for OCR (poppler's tools).

A PDF from another office's e-saraban system carries its text; a scanned PDF carries only
page images, sometimes with a scanner's hidden OCR layer that is junk. Each page is judged
on its own: its text layer is used when it reads as Thai, otherwise the page is rasterised at
a resolution that gives Tesseract about 300 dpi on an A4 page, whatever size the PDF declares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from saraban.errors import UnreadableFile
from saraban.intake.tools import require, run

_A4_WIDTH_PT = 595.0
_A4_HEIGHT_PT = 842.0
MAX_RASTER_PIXELS = 36_000_000
"""Pixels of one page image Tesseract is given at most (A3 at 300 dpi is 17 million): a PDF
that declares a page 200 inches square would otherwise become a 200-million-pixel image and a
Tesseract of 2 GB per page."""
_TARGET_DPI = 300
_PAGE_SIZE = re.compile(r"^Page\s+(\d+)\s+size:\s+([\d.]+)\s+x\s+([\d.]+)", re.MULTILINE)


@dataclass(frozen=True)
class PdfInfo:
    """What ``pdfinfo`` says of a PDF: page count, page widths in points, encryption."""

    pages: int
    widths: tuple[float, ...]
    encrypted: bool
    heights: tuple[float, ...] = ()

    def size(self, index: int) -> tuple[float, float]:
        """Width and height in points of page ``index`` (from 0)."""
        height = self.heights[index] if index < len(self.heights) else _A4_HEIGHT_PT
        return self.widths[index], height


def pdf_info(path: Path, *, max_pages: int) -> PdfInfo:
    """Read a PDF's page count and sizes.

    Raises:
        UnreadableFile: Not a PDF, damaged, locked with a password, or over ``max_pages``.
    """
    try:
        out = run([require("pdfinfo"), str(path)], timeout=30, what=str(path))
    except UnreadableFile as exc:
        detail = str(exc).lower()
        if "password" in detail or "encrypt" in detail:
            raise UnreadableFile(f"{path}: PDF ถูกล็อกด้วยรหัสผ่าน เปิดอ่านไม่ได้ (encrypted PDF)") from exc
        raise UnreadableFile(f"{path}: ไม่ใช่ไฟล์ PDF หรือไฟล์ PDF เสียหาย") from exc
    text = out.stdout.decode(errors="replace")
    pages_match = re.search(r"^Pages:\s+(\d+)", text, re.MULTILINE)
    if not pages_match or int(pages_match[1]) == 0:
        raise UnreadableFile(f"{path}: PDF ไม่มีหน้าเอกสาร")
    pages = int(pages_match[1])
    if pages > max_pages:
        raise UnreadableFile(
            f"{path}: PDF มี {pages} หน้า เกินขีดจำกัด {max_pages} หน้าต่อไฟล์ (แยกไฟล์หรือปรับ max_pages)"
        )
    encrypted = bool(re.search(r"^Encrypted:\s+yes", text, re.MULTILINE))
    sized = run([require("pdfinfo"), "-f", "1", "-l", str(pages), str(path)], timeout=30, what=str(path))
    found = {int(m[1]): (float(m[2]), float(m[3])) for m in _PAGE_SIZE.finditer(sized.stdout.decode(errors="replace"))}
    sizes = [found.get(i, (_A4_WIDTH_PT, _A4_HEIGHT_PT)) for i in range(1, pages + 1)]
    return PdfInfo(pages, tuple(w for w, _h in sizes), encrypted, tuple(h for _w, h in sizes))


def page_texts(path: Path, pages: int) -> list[str]:
    """The text layer of every page, laid out as printed (``pdftotext -layout``)."""
    out = run(
        [require("pdftotext"), "-layout", "-enc", "UTF-8", "-l", str(pages), str(path), "-"],
        timeout=60 + 5 * pages,
        what=str(path),
    )
    texts = out.stdout.decode("utf-8", errors="replace").split("\f")
    return (texts + [""] * pages)[:pages]


def raster_dpi(width_pt: float, height_pt: float = _A4_HEIGHT_PT) -> int:
    """The resolution that makes a page about as wide as an A4 page scanned at 300 dpi, and
    never more than :data:`MAX_RASTER_PIXELS` (a huge page gets a low resolution, not a huge image)."""
    scale = _A4_WIDTH_PT / width_pt if width_pt > 0 else 1.0
    dpi = max(72, min(600, round(_TARGET_DPI * scale)))
    area_in = max(width_pt, 1.0) * max(height_pt, 1.0) / 72**2
    bound = int((MAX_RASTER_PIXELS / area_in) ** 0.5)
    return max(1, min(dpi, bound))


def scan_images(path: Path, pages: int) -> dict[int, list[list[str]]]:
    """``pdfimages -list`` of the whole file, once: the image rows of each page."""
    listing = run([require("pdfimages"), "-list", "-l", str(pages), str(path)], timeout=30 + pages, what=str(path))
    rows: dict[int, list[list[str]]] = {}
    for line in listing.stdout.decode(errors="replace").splitlines()[2:]:
        cells = line.split()
        if len(cells) > 4 and cells[0].isdigit() and cells[2] == "image":
            rows.setdefault(int(cells[0]), []).append(cells)
    return rows


def page_image(path: Path, page: int, width_pt: float, out_dir: Path, listing: dict[int, list[list[str]]] | None = None,
               height_pt: float = _A4_HEIGHT_PT) -> Path:  # fmt: skip
    """One page as an image for Tesseract: a scan's own image, or the page rasterised.

    A scanned page is one image covering the page: it is taken out as it was scanned, since
    resampling it to another resolution only adds blur; any other page is rasterised.
    """
    if listing is None:
        listing = scan_images(path, page)
    images = listing.get(page, [])
    if (len(images) == 1 and images[0][3].isdigit() and images[0][4].isdigit() and int(images[0][3]) >= 1000
            and int(images[0][3]) * int(images[0][4]) <= MAX_RASTER_PIXELS):  # fmt: skip
        prefix = out_dir / f"scan-{page:04d}"
        run([require("pdfimages"), "-f", str(page), "-l", str(page), "-png", str(path), str(prefix)],
            timeout=60, what=f"{path} หน้า {page}")  # fmt: skip
        found = sorted(out_dir.glob(f"scan-{page:04d}-*.png"))
        if found:
            return found[0]
    return rasterise(path, page, width_pt, out_dir, height_pt)


def rasterise(path: Path, page: int, width_pt: float, out_dir: Path, height_pt: float = _A4_HEIGHT_PT) -> Path:
    """One page as a greyscale PNG for Tesseract, bounded in pixels."""
    prefix = out_dir / f"page-{page:04d}"
    dpi = raster_dpi(width_pt, height_pt)
    run(
        [require("pdftoppm"), "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray", "-png", "-singlefile",
         str(path), str(prefix)],
        timeout=120,
        what=f"{path} หน้า {page}",
    )  # fmt: skip
    return prefix.with_suffix(".png")

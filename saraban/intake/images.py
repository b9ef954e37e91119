"""Page images (PNG, JPEG, TIFF with any number of pages): checked and split.

Pillow opens the image and refuses decompression bombs; every frame of a multi-page TIFF
becomes its own PNG (in colour where it has colour, else grey) so that pages are read in
parallel like a PDF's.
"""

from __future__ import annotations

from pathlib import Path

from saraban.errors import UnreadableFile

MAX_PIXELS = 60_000_000
"""Pixels a page may have: A3 at 600 dpi is 70 M; a phone photo 12–50 M."""


def split_pages(path: Path, out_dir: Path, *, max_pages: int) -> list[Path]:
    """Write each page of an image file as a greyscale PNG; return their paths in order.

    Raises:
        UnreadableFile: Empty, not an image, damaged, too large, or over ``max_pages``.
    """
    from PIL import Image, ImageSequence, UnidentifiedImageError

    if path.stat().st_size == 0:
        raise UnreadableFile(f"{path}: ไฟล์ภาพว่าง (0 ไบต์)")
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    pages: list[Path] = []
    try:
        with Image.open(path) as image:
            for index, frame in enumerate(ImageSequence.Iterator(image)):
                if index >= max_pages:
                    raise UnreadableFile(f"{path}: ภาพมีเกิน {max_pages} หน้า เกินขีดจำกัดต่อไฟล์")
                if frame.width * frame.height > MAX_PIXELS:
                    raise UnreadableFile(f"{path}: ภาพใหญ่เกินไป ({frame.width}×{frame.height} จุด)")
                target = out_dir / f"page-{index + 1:04d}.png"
                # Colour is kept where the picture has it: the digit reader tells a pen's blue
                # or a stamp's red from black print by it.
                coloured = frame.mode in ("RGB", "RGBA", "P", "CMYK", "YCbCr")
                frame.convert("RGB" if coloured else "L").save(target)
                pages.append(target)
    except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise UnreadableFile(f"{path}: ไม่ใช่ไฟล์ภาพที่อ่านได้ หรือภาพใหญ่เกินไป") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise UnreadableFile(f"{path}: ไฟล์ภาพเสียหาย อ่านไม่ได้ ({exc})") from exc
    if not pages:
        raise UnreadableFile(f"{path}: ไฟล์ภาพไม่มีหน้า")
    return pages

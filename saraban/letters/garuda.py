"""The Garuda emblem (ตราครุฑ) of the office's letters: taken from a Word letter it already
uses, or from an image, checked, and kept in saraban's data folder.

saraban ships no emblem (none with a clear licence is on the package registries); every
Thai office has one inside the letters it writes today, and ``saraban letter garuda`` takes it
from there. Without one, letters keep the emblem's space, for printing on Garuda paper.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from saraban import paths
from saraban.errors import InvalidInput

if TYPE_CHECKING:
    from saraban.settings import Settings

MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 25_000_000
MIN_HEIGHT_PX = 90
# The emblem stands a little taller than it is wide; a banner, a signature or a photo does not.
ASPECT = (0.75, 1.9)
MISSING = "ยังไม่มีภาพครุฑ: หนังสือเว้นที่ว่างไว้ (พิมพ์บนกระดาษตราครุฑได้) หรือนำภาพจากหนังสือเดิมด้วย 'saraban letter garuda FILE.docx'"


@dataclass
class Garuda:
    """The stored emblem."""

    path: Path
    width: int
    height: int
    sha256: str
    source: str


def stored_path() -> Path:
    """Where saraban keeps the office's emblem."""
    return paths.data_dir() / "garuda.png"


def garuda_for(settings: Settings) -> str | None:
    """The emblem letters use: the ``garuda_image`` setting, else the stored one, else none."""
    if settings.garuda_image:
        return settings.garuda_image
    stored = stored_path()
    return str(stored) if stored.is_file() else None


def _check(data: bytes, label: str) -> tuple[bytes, int, int]:
    """The image as PNG with its size, or :class:`InvalidInput` saying why it is not an emblem."""
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise InvalidInput(f"{label}: ภาพใหญ่เกินไป ({width}×{height} จุด)")
            image.load()
            converted = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise InvalidInput(f"{label}: ไม่ใช่ไฟล์ภาพที่อ่านได้ ({exc.__class__.__name__})") from exc
    if height < MIN_HEIGHT_PX:
        raise InvalidInput(f"{label}: ภาพเล็กเกินไปสำหรับครุฑสูง 3 ซม. ({width}×{height} จุด; ต้องสูงอย่างน้อย {MIN_HEIGHT_PX})")
    ratio = height / width
    if not ASPECT[0] <= ratio <= ASPECT[1]:
        raise InvalidInput(f"{label}: สัดส่วนภาพ {width}×{height} ไม่ใช่ตราครุฑ (สูง/กว้าง {ratio:.2f})")
    if not _one_figure(converted):
        raise InvalidInput(f"{label}: ภาพนี้มีหลายสิ่งกระจายทั้งภาพ (เช่น หน้าหนังสือทั้งหน้า) ไม่ใช่ตราครุฑ "
                           "ตัดภาพให้เหลือเฉพาะตราครุฑก่อน")  # fmt: skip
    out = io.BytesIO()
    converted.save(out, format="PNG")
    return out.getvalue(), width, height


FIGURE_SHARE = 0.5
"""The emblem's largest piece of ink spans at least this share of all the ink's box."""


def _one_figure(image) -> bool:  # type: ignore[no-untyped-def]
    """Whether the image's ink is one figure, as an emblem is (its body and wings one piece
    that spans the whole), not a page of scattered words, lines and a small emblem among them.
    """
    import numpy as np
    from PIL import Image
    from scipy import ndimage

    small = image.copy()
    small.thumbnail((400, 400))
    white = Image.new("RGBA", small.size, (255, 255, 255, 255))
    grey = np.asarray(Image.alpha_composite(white, small).convert("L"))
    ink = grey < 200
    if not ink.any():
        return False
    rows, cols = np.nonzero(ink)
    spread = (rows.max() - rows.min() + 1) * (cols.max() - cols.min() + 1)
    labels, count = ndimage.label(ink, structure=np.ones((3, 3), dtype=bool))
    sizes = ndimage.sum(ink, labels, range(1, count + 1))
    rows_of, cols_of = ndimage.find_objects(labels)[int(np.argmax(sizes))]
    largest = (rows_of.stop - rows_of.start) * (cols_of.stop - cols_of.start)
    return largest >= FIGURE_SHARE * spread


def remove_garuda() -> Path | None:
    """Forget the stored emblem (letters keep its space again); the path removed, or ``None``.

    Only saraban's own copy is removed: an image named by the ``garuda_image`` setting is the
    office's file, left where it is.
    """
    target = stored_path()
    if not target.is_file():
        return None
    target.unlink()
    target.with_suffix(".source").unlink(missing_ok=True)
    return target


def _images_in_order(path: Path) -> list[tuple[str, bytes]]:
    """The images of a Word file in the order they appear: first-page header, then body."""
    import re

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InvalidInput(f"{path.name}: ไม่ใช่ไฟล์ Word (.docx) ที่อ่านได้") from exc
    with archive:
        names = set(archive.namelist())
        parts = [*sorted(n for n in names if re.fullmatch(r"word/header\d*\.xml", n)), "word/document.xml"]
        found: list[tuple[str, bytes]] = []
        for part in parts:
            rels_name = f"word/_rels/{part.removeprefix('word/')}.rels"
            if part not in names or rels_name not in names:
                continue
            if (
                archive.getinfo(part).file_size > MAX_FILE_BYTES
                or archive.getinfo(rels_name).file_size > MAX_IMAGE_BYTES
            ):
                raise InvalidInput(f"{path.name}: ไฟล์ใหญ่เกินเมื่อคลายออก")
            rels = _relationships(archive.read(rels_name))
            xml = archive.read(part).decode("utf-8", "replace")
            for rel in re.findall(r'r:embed="([^"]+)"', xml):
                media = "word/" + rels.get(rel, "").removeprefix("/word/")
                if media in names and archive.getinfo(media).file_size <= MAX_IMAGE_BYTES:
                    found.append((media, archive.read(media)))
        return found


def _relationships(data: bytes) -> dict[str, str]:
    """A part's relationship ids and targets (expat expands no external entity)."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise InvalidInput(f"ไฟล์ Word เสีย ({exc})") from exc
    return {rel.get("Id", ""): rel.get("Target", "") for rel in root}


def take_garuda(source: Path) -> Garuda:
    """Take the emblem from a Word letter (its first image shaped like the emblem) or an image,
    check it, and store it as PNG (written whole, then renamed: an interrupted copy never
    replaces a good emblem).

    Raises:
        InvalidInput: The file is missing, too large, or holds nothing shaped like the emblem.
    """
    if not source.is_file():
        raise InvalidInput(f"ไม่พบไฟล์ {source}")
    if source.stat().st_size > MAX_FILE_BYTES:
        raise InvalidInput(f"{source.name}: ไฟล์ใหญ่เกิน {MAX_FILE_BYTES // 1024 // 1024} MB")
    if source.suffix.lower() == ".docx":
        candidates = _images_in_order(source)
        if not candidates:
            raise InvalidInput(f"{source.name}: ไม่มีภาพในหนังสือนี้")
        problems = []
        for name, data in candidates:
            try:
                png, width, height = _check(data, f"{source.name}:{name}")
                break
            except InvalidInput as exc:
                problems.append(str(exc))
        else:
            raise InvalidInput(f"{source.name}: ไม่พบภาพที่เป็นตราครุฑ ({problems[0]})")
        origin = f"{source.name} ({name})"
    else:
        png, width, height = _check(source.read_bytes(), source.name)
        origin = source.name
    target = stored_path()
    temporary = target.with_suffix(".tmp")
    with open(temporary, "wb") as handle:
        handle.write(png)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    (target.with_suffix(".source")).write_text(origin, encoding="utf-8")
    return Garuda(target, width, height, hashlib.sha256(png).hexdigest(), origin)


def current(settings: Settings) -> Garuda | None:
    """The emblem letters use now, described (for ``letter templates``), or ``None``."""
    found = garuda_for(settings)
    if not found or not Path(found).expanduser().is_file():
        return None
    path = Path(found).expanduser()
    data = path.read_bytes()
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
    source_note = path.with_suffix(".source")
    origin = source_note.read_text(encoding="utf-8") if source_note.is_file() else "การตั้งค่า garuda_image"
    return Garuda(path, width, height, hashlib.sha256(data).hexdigest(), origin)

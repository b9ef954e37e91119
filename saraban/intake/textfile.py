"""Text files (UTF-8 with or without BOM, TIS-620/cp874, UTF-16) and DOCX files.

A DOCX is a zip: its members' declared sizes are checked before anything is unpacked, so a
zip bomb is refused in one line instead of filling the memory.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from saraban.errors import UnreadableFile

_THAI_RANGE = range(0x0E01, 0x0E5C)


def _thai_share(text: str) -> float:
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return 0.0
    return sum(ord(c) in _THAI_RANGE for c in letters) / len(letters)


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(b < 32 and b not in (9, 10, 12, 13) for b in sample)
    return controls > len(sample) * 0.05


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` for Thai text saved as UTF-16 without a byte-order mark.

    Thai characters are U+0E01–U+0E5B and ASCII is U+00xx, so in such a file nearly every
    high byte is 0x0E or 0x00; no UTF-8 or TIS-620 text looks like that.
    """
    sample = data[:4096]
    if len(sample) < 16:
        return None
    high_le, high_be = sample[1::2], sample[0::2]
    for high, low, codec in ((high_le, high_be, "utf-16-le"), (high_be, high_le, "utf-16-be")):
        if sum(b in (0x00, 0x0E) for b in high) >= 0.95 * len(high) and 0x0E in high and 0x00 not in low:
            return codec
    return None


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode the bytes of a text file, detecting UTF-8, UTF-16 and TIS-620/cp874.

    Raises:
        UnreadableFile: The data is empty, binary, or in no encoding saraban knows.
    """
    if not data.strip():
        raise UnreadableFile(f"{name}: ไฟล์ว่าง ไม่มีข้อความ (empty file)")
    utf16 = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else _bomless_utf16(data)
    if utf16:
        # A file cut at an odd byte loses half a character at its end, not the whole letter.
        whole = data[: len(data) - len(data) % 2]
        try:
            return whole.decode(utf16)
        except UnicodeDecodeError as exc:
            raise UnreadableFile(f"{name}: ไฟล์ UTF-16 ไม่สมบูรณ์ (ถูกตัดหรือเสียหาย)") from exc
    if _looks_binary(data):
        raise UnreadableFile(f"{name}: เป็นไฟล์ไบนารี ไม่ใช่ข้อความหรือ .docx (binary file)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"{name}: อ่านรหัสอักขระไม่ได้ (ไม่ใช่ UTF-8 หรือ TIS-620)") from exc
    if _thai_share(text) < 0.2:
        raise UnreadableFile(f"{name}: อ่านรหัสอักขระไม่ได้ (ไม่ใช่ UTF-8 และไม่ใช่ภาษาไทย TIS-620)")
    return text


MAX_DOCX_UNPACKED = 64 * 1024 * 1024
"""Uncompressed size a DOCX may have; real letters are well under 5 MB."""


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableFile(f"{path}: เปิดไฟล์ .docx ไม่ได้ (ไฟล์เสียหายหรือไม่ใช่ Word)") from exc
    if total > MAX_DOCX_UNPACKED:
        raise UnreadableFile(
            f"{path}: ไฟล์ .docx ขยายแล้วใหญ่ {total // 2**20} MB เกินขีดจำกัด {MAX_DOCX_UNPACKED // 2**20} MB"
        )


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path) -> str:
    """The text of a DOCX file: paragraphs, then table cells, in document order."""
    import docx  # python-docx; imported here because plain-text parsing never needs it

    _check_zip(path)
    try:
        document = docx.Document(str(path))
    except Exception as exc:
        # A foreign file can be broken in any part python-docx touches (a missing relationship,
        # a content-types part of the wrong shape): each is this file's problem, in one line.
        raise UnreadableFile(f"{path}: เปิดไฟล์ .docx ไม่ได้ (ไฟล์เสียหรือไม่ใช่ Word)") from exc
    body = document.element.body
    lines: list[str] = []

    def text_of(element) -> str:  # type: ignore[no-untyped-def]
        return "".join("".join(t.xpath("text()")) for t in element.iter(f"{_W}t"))  # around comments too

    # Elements only: a foreign file's XML comments and processing instructions are skipped.
    for child in body.iterchildren(f"{_W}p", f"{_W}tbl"):
        if child.tag == f"{_W}p":
            lines.append(text_of(child))
        else:
            for row in child.iter(f"{_W}tr"):
                cells = [text_of(c) for c in row.iterchildren(f"{_W}tc")]
                lines.append("\t".join(c for c in cells if c))
    text = "\n".join(lines)
    if not text.strip():
        raise UnreadableFile(f"{path}: ไฟล์ .docx ไม่มีข้อความ")
    return text

"""Reading OCR'd Thai official letters into structured records.

The parser needs no database and imports nothing heavy: ``saraban parse``, import, the
terminal app and the tests all call :func:`parse_text` or :func:`parse_file`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from saraban.errors import UnreadableFile
from saraban.parsing.fields import SegmentReader
from saraban.parsing.reading import read_letter_file
from saraban.parsing.record import ParsedLetter, ReceiptStamp, Reference
from saraban.parsing.segment import find_segments
from saraban.thai.digits import to_arabic
from saraban.thai.text import fold_sara_am

__all__ = [
    "FileProblem",
    "ParsedLetter",
    "ReceiptStamp",
    "Reference",
    "expand_paths",
    "parse_file",
    "parse_paths",
    "parse_text",
]


def _prepare(text: str) -> tuple[list[str], list[str]]:
    # pdftotext separates pages with form feeds; Word exports use vertical tabs for line breaks.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = fold_sara_am(text.replace("\u00a0", " "))
    text = text.replace("\u200b", "").replace("\ufeff", "")
    raw = _unfold_layout(text.split("\n"))
    return raw, [to_arabic(line) for line in raw]


_MARK_BEFORE_NUMBER = re.compile(r"^(\s*(?:ด่วนที่สุด|ด่วนมาก|ด่วน|ลับที่สุด|ลับมาก|ลับ))\s+(?=ที่\s)")
_CODE_START = re.compile(r"^\s*[ก-ฮ]{2,3}\.?\s*[0-9๐-๙][0-9๐-๙.\s]*/")


def _unfold_layout(lines: list[str]) -> list[str]:
    """Undo two things OCR does to a letterhead.

    An urgency or secrecy mark read onto the number line ("ด่วนที่สุด ที่ มท …") goes back to a
    line of its own; a "ที่" label read onto a line of its own, with the number on the next line
    (memo headers set as a table), is joined to its number.
    """
    out: list[str] = []
    for line in lines:
        mark = _MARK_BEFORE_NUMBER.match(line)
        if mark:
            out += [mark[1], line[mark.end() :]]
        else:
            out.append(line)
    for i, line in enumerate(out):
        if line.strip() == "ที่":
            following = next((j for j in range(i + 1, min(i + 3, len(out))) if out[j].strip()), None)
            if following is not None and _CODE_START.match(out[following]):
                out[i] = f"ที่ {out[following].strip()}"
                out[following] = ""
    return out


def parse_text(text: str, source: str = "<text>") -> list[ParsedLetter]:
    """Parse every letter in a text.

    Args:
        text: The OCR'd text of a file (one or several letters).
        source: The name to record as each letter's source.

    Returns:
        One record per letter found, in text order (empty when the text holds no letter).
    """
    raw, norm = _prepare(text)
    letters = []
    segments = find_segments(norm)
    for index, segment in enumerate(segments):
        record = ParsedLetter(source=source, index=index)
        if segment.embedded_in is not None:
            record.written_on = segments.index(segment.embedded_in)
        SegmentReader(raw, norm, segment, record).read()
        own = [raw[i] for i in range(segment.start, segment.end)]
        if segment.embedded_in is not None:
            own = [raw[i] for i in sorted(segment.own_lines)]
        record.text = "\n".join(own).strip()
        letters.append(record)
    return letters


def parse_file(path: Path | str, source: str | None = None) -> list[ParsedLetter]:
    """Read and parse one file (text in any Thai encoding, or DOCX).

    Raises:
        UnreadableFile: The file is empty, binary or unreadable; the message names it.
    """
    path = Path(path)
    return parse_text(read_letter_file(path), source if source is not None else str(path))


@dataclass
class FileProblem:
    """A file that could not be parsed, with the one-line message to show."""

    path: str
    message: str


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named by the arguments: files as given, directories as every file inside (sorted)."""
    files: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        else:
            files.append(path)
    return files


def parse_paths(paths: Iterable[str | Path]) -> Iterator[tuple[Path, list[ParsedLetter] | FileProblem]]:
    """Parse files and directories, yielding each file's letters or its problem, in order."""
    for path in expand_paths(paths):
        if not path.exists():
            yield path, FileProblem(str(path), f"{path}: ไม่พบไฟล์ (no such file)")
            continue
        try:
            yield path, parse_file(path)
        except UnreadableFile as exc:
            yield path, FileProblem(str(path), str(exc))

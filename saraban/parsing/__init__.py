"""Reading Thai official letters into structured records.

The reading pipeline has four stages, each a module a newcomer can open:

1. **intake** (:mod:`saraban.intake`): any file → text (text layers, OCR page by page);
2. **repair** (:mod:`saraban.parsing.repair`): the labels OCR damaged are put right;
3. **segment and read** (:mod:`~saraban.parsing.segment`, :mod:`~saraban.parsing.fields`):
   the letters in the text and their fields, in the order the regulation lays them out;
4. **check** (:mod:`saraban.parsing.checks`): office names against what saraban knows,
   numbers and dates against plausibility, a confidence for every field — and where OCR is
   unsure, the field is left empty with a warning rather than filled with a wrong value.

The parser needs no database: ``saraban parse``, receive, import, the terminal app and the
tests all call :func:`parse_text` or :func:`parse_file`.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from saraban.digits.reader import DigitRead
from saraban.errors import MissingTool, UnreadableFile
from saraban.intake import Document, Progress, read_document
from saraban.intake.ocr import workers as ocr_workers
from saraban.parsing.checks import Trust, check_letter, looks_like_ocr
from saraban.parsing.fields import SegmentReader
from saraban.parsing.names import OfficeNames
from saraban.parsing.record import MARK_PATTERN, ParsedLetter, ReceiptStamp, Reference
from saraban.parsing.repair import repair_line
from saraban.parsing.segment import find_segments
from saraban.thai.digits import to_arabic
from saraban.thai.text import fold_sara_am

__all__ = [
    "FileProblem",
    "OfficeNames",
    "ParsedLetter",
    "ReceiptStamp",
    "Reference",
    "expand_paths",
    "parse_document",
    "parse_file",
    "parse_paths",
    "parse_text",
]


def _prepare(text: str, repairs: dict[int, str] | None = None) -> tuple[list[str], list[str]]:
    """Lines as read (``raw``) and with Arabic digits (``norm``); OCR-damaged labels repaired.

    Line *i* of the result is line *i* of the text, so OCR line confidences stay aligned.
    """
    # pdftotext separates pages with form feeds; Word exports use vertical tabs for line breaks.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "").replace("\v", "\n")
    text = fold_sara_am(text.replace("\u00a0", " "))
    text = text.replace("\u200b", "").replace("\ufeff", "")
    lines = text.split("\n")
    for i, line in enumerate(lines):
        fixed, note = repair_line(line)
        lines[i] = fixed
        if note and repairs is not None:
            repairs[i] = note
    raw = _unfold_layout(lines)
    return raw, [to_arabic(line) for line in raw]


_MARK_BEFORE_NUMBER = re.compile(rf"^(\s*(?:{MARK_PATTERN}))\s+(?=ที่\s)")
_CODE_START = re.compile(r"^\s*[ก-ฮ]{2,3}\.?\s*[0-9๐-๙][0-9๐-๙.\s]*/")


def _unfold_layout(lines: list[str]) -> list[str]:
    """Undo two things OCR does to a letterhead.

    An urgency or secrecy mark read onto the number line ("ด่วนที่สุด ที่ มท …") goes back to a
    line of its own; a "ที่" label read onto a line of its own, with the number on the next line
    (memo headers set as a table), is joined to its number.
    """
    out: list[str] = list(lines)
    for i, line in enumerate(lines):
        mark = _MARK_BEFORE_NUMBER.match(line)
        if mark and i > 0 and not out[i - 1].strip():
            # The mark goes back onto the blank line above it, keeping line numbers aligned.
            out[i - 1], out[i] = mark[1], line[mark.end() :]
        elif mark:
            out[i] = line[mark.end() :]
            out.insert(i, mark[1])
    for i, line in enumerate(out):
        if line.strip() == "ที่":
            following = next((j for j in range(i + 1, min(i + 3, len(out))) if out[j].strip()), None)
            if following is not None and _CODE_START.match(out[following]):
                out[i] = f"ที่ {out[following].strip()}"
                out[following] = ""
    return out


def parse_text(
    text: str,
    source: str = "<text>",
    *,
    ocr: bool | None = None,
    line_confidence: list[float | None] | None = None,
    line_digits: list[list[DigitRead] | None] | None = None,
    line_layer: list[bool] | None = None,
    names: OfficeNames | None = None,
) -> list[ParsedLetter]:
    """Parse every letter in a text.

    Args:
        text: The text of a file (one or several letters), typed or OCR'd.
        source: The name to record as each letter's source.
        ocr: Whether the text is OCR output; ``None`` decides from the text itself.
        line_confidence: OCR confidence (0–1) of each line of ``text``, when saraban ran the OCR.
        line_digits: For each line, the words whose digits the digit reader read from the page.
        line_layer: For each line, whether it came from a PDF page's text layer (a PDF whose
            other pages were OCR'd): trust belongs to the page a value came from.
        names: Office names to repair OCR'd names against (default: the standard heads and
            the 77 provinces; the services pass the agency directory).

    Returns:
        One record per letter found, in text order (empty when the text holds no letter).
    """
    repairs: dict[int, str] = {}
    raw, norm = _prepare(text, repairs)
    trust = Trust(
        ocr=looks_like_ocr(text) if ocr is None else ocr,
        line_confidence=line_confidence if line_confidence and len(line_confidence) == len(raw) else None,
        digits=line_digits if line_digits and len(line_digits) == len(raw) else None,
        layer=line_layer if line_layer and len(line_layer) == len(raw) else None,
        repairs=repairs,
        names=names or OfficeNames.standard(),
    )
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
        check_letter(record, raw, segment, trust)
        record.provenance = provenance(record, trust)
        letters.append(record)
    return letters


def provenance(record: ParsedLetter, trust: Trust) -> dict[str, str]:
    """Where each field that has a value was read (see :attr:`ParsedLetter.provenance`)."""
    out = {}
    for name, line in record.at.items():
        if getattr(record, name, None) in (None, "", []):
            continue
        if trust.layer is not None and line < len(trust.layer) and trust.layer[line]:
            out[name] = "text-layer"
        elif not trust.ocr:
            out[name] = "typed"
        elif trust.digits is not None and line < len(trust.digits) and trust.digits[line]:
            out[name] = "ocr+digit-reader"
        else:
            out[name] = "ocr"
    return out


def parse_document(document: Document, names: OfficeNames | None = None) -> list[ParsedLetter]:
    """Parse a file that intake has read, keeping where its text came from on every letter."""
    letters = parse_text(
        document.text,
        document.path,
        ocr=True if document.ocr else None if document.kind in ("text", "docx") else False,
        line_confidence=document.line_confidence,
        line_digits=document.line_digits,
        line_layer=document.line_layer,
        names=names,
    )
    for letter in letters:
        letter.source_kind = document.kind
        letter.source_sha256 = document.sha256
        if document.kind == "pdf-text":  # every page drawn from its own layer
            letter.provenance = {k: "text-layer" for k in letter.provenance}
        letter.warnings[:0] = document.warnings
    return letters


def parse_file(
    path: Path | str,
    source: str | None = None,
    *,
    progress: Progress | None = None,
    names: OfficeNames | None = None,
) -> list[ParsedLetter]:
    """Read and parse one file: text in any Thai encoding, DOCX, PDF (text or scanned), images.

    Raises:
        UnreadableFile: The file is empty, damaged, too large or unreadable; the message names it.
        MissingTool: Reading it needs a system program that is not installed.
    """
    document = read_document(Path(path), progress=progress)
    if source is not None:
        document.path = source
    return parse_document(document, names)


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


def parse_paths(
    paths: Iterable[str | Path],
    *,
    progress: Progress | None = None,
    names: OfficeNames | None = None,
) -> Iterator[tuple[Path, list[ParsedLetter] | FileProblem]]:
    """Parse files and directories, yielding each file's letters or its problem, in order.

    One bad file never stops the others: its problem is yielded and the next file is read.
    Files are read a few at a time (OCR of one-page scans is parallel across files; the number
    of Tesseract processes stays one per core), and yielded in order.
    """

    def one(path: Path) -> list[ParsedLetter] | FileProblem:
        if not path.exists():
            return FileProblem(str(path), f"{path}: ไม่พบไฟล์ (no such file)")
        try:
            return parse_file(path, progress=progress, names=names)
        except (UnreadableFile, MissingTool) as exc:
            return FileProblem(str(path), str(exc))
        except Exception as exc:
            # A file broken in a way no check foresaw is still this file's problem: the batch
            # goes on, and the line names the failure so it can be reported and fixed.
            return FileProblem(str(path), f"{path}: อ่านไม่ได้ ({type(exc).__name__}: {str(exc)[:200]})")

    files = expand_paths(paths)
    if len(files) < 2 or not any(p.suffix.lower() in _OCR_SUFFIXES for p in files):
        for path in files:
            yield path, one(path)
        return
    with ThreadPoolExecutor(max_workers=ocr_workers()) as pool:
        # A bounded window: results are yielded in order, and at most a few files wait in memory.
        window: deque = deque()
        for path in files:
            window.append((path, pool.submit(one, path)))
            if len(window) > 2 * ocr_workers():
                done_path, future = window.popleft()
                yield done_path, future.result()
        while window:
            done_path, future = window.popleft()
            yield done_path, future.result()


_OCR_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}

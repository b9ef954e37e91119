"""OCR with Tesseract (``tha+eng``), one single-threaded process per page, pages in parallel.

Tesseract writes its text (``txt``) and its word boxes with confidences (``tsv``) in one run.
The text is kept exactly as Tesseract lays it out (runs of spaces between the number and the
office beside it), and each of its lines is matched to the TSV line with the same letters,
so the parser learns how sure Tesseract was of every line and where on the page it stands.
"""

from __future__ import annotations

import csv
import io
import os
import re
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from saraban.digits.reader import DigitRead, read_line, wanted
from saraban.intake import layout, marks
from saraban.intake.tools import require_tesseract, run

LANGUAGES = "tha+eng"
PAGE_TIMEOUT = 180.0
"""Seconds one page may take; a single-threaded page of A4 at 300 dpi takes 4–8 s here."""


@dataclass
class OcrWord:
    """A word as Tesseract read it, with its confidence (0–1) and its box on the page in pixels."""

    text: str
    confidence: float
    box: tuple[int, int, int, int]


@dataclass
class OcrLine:
    """A line of OCR text with Tesseract's mean word confidence (0–1), its box and its words."""

    text: str
    confidence: float | None = None
    box: tuple[int, int, int, int] | None = None
    words: list[OcrWord] = field(default_factory=list)
    digits: list[DigitRead] | None = None
    """For a line with a letter number, a date or a stamp: the words whose digits the digit
    reader read again from the page image (``None``: not read again)."""


@dataclass
class OcrPage:
    """One page as Tesseract read it."""

    number: int
    lines: list[OcrLine] = field(default_factory=list)
    width: int = 0
    height: int = 0
    seconds: float = 0.0
    """Time Tesseract itself took for this page."""

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def confidence(self) -> float | None:
        """Mean confidence of the page's lines, weighted by their length."""
        known = [(line.confidence, len(line.text.strip())) for line in self.lines if line.confidence is not None]
        weight = sum(n for _c, n in known)
        return sum(c * n for c, n in known) / weight if weight else None


def workers() -> int:
    """Pages read at once: one Tesseract process per core (``SARABAN_OCR_WORKERS`` to change)."""
    configured = os.environ.get("SARABAN_OCR_WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, os.cpu_count() or 1)


_SLOTS = threading.BoundedSemaphore(workers())
"""One Tesseract process per core in the whole program, however many files and pages are read."""


_Box = tuple[int, int, int, int]


def _tsv_lines(tsv: str) -> list[tuple[str, float, _Box, list[OcrWord]]]:
    """Tesseract's TSV grouped into lines: (letters without spaces, mean confidence, box, words)."""
    grouped: dict[tuple[str, str, str, str], list[dict[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") == "5" and (row.get("text") or "").strip():
            key = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
            grouped.setdefault(key, []).append(row)
    lines = []
    for words in grouped.values():
        letters = "".join(w["text"] for w in words).replace(" ", "")
        confs = [float(w["conf"]) for w in words if float(w["conf"]) >= 0]
        left = min(int(w["left"]) for w in words)
        top = min(int(w["top"]) for w in words)
        right = max(int(w["left"]) + int(w["width"]) for w in words)
        bottom = max(int(w["top"]) + int(w["height"]) for w in words)
        found = [OcrWord(w["text"], max(0.0, float(w["conf"])) / 100,
                         (int(w["left"]), int(w["top"]), int(w["left"]) + int(w["width"]),
                          int(w["top"]) + int(w["height"]))) for w in words]  # fmt: skip
        lines.append((letters, sum(confs) / len(confs) / 100 if confs else 0.0, (left, top, right, bottom), found))
    return lines


def _align(text: str, tsv: str) -> list[OcrLine]:
    """Tesseract's text lines, each with the confidence and box of its TSV line."""
    boxes = _tsv_lines(tsv)
    out, cursor = [], 0
    for line in text.rstrip("\f\n").split("\n"):
        letters = re.sub(r"\s", "", line)
        entry = OcrLine(line.rstrip())
        if letters:
            for j in range(cursor, min(cursor + 4, len(boxes))):
                if boxes[j][0] == letters:
                    entry.confidence, entry.box, entry.words = boxes[j][1], boxes[j][2], boxes[j][3]
                    cursor = j + 1
                    break
        out.append(entry)
    return out


def ocr_image(image: Path, number: int = 1, *, psm: int = 3) -> OcrPage:
    """Read one page image with Tesseract.

    Raises:
        MissingTool: Tesseract or its Thai model is not installed.
        UnreadableFile: Tesseract failed or ran over :data:`PAGE_TIMEOUT`.
    """
    tesseract = require_tesseract()
    base = image.with_suffix("")
    with _SLOTS:
        started = time.perf_counter()
        _run_tesseract(tesseract, image, base, psm, number)
        seconds = time.perf_counter() - started
    text = base.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")
    tsv = base.with_suffix(".tsv").read_text(encoding="utf-8", errors="replace")
    page = OcrPage(number, _align(text, tsv), seconds=seconds)
    first = tsv.split("\n", 2)[1].split("\t") if tsv.count("\n") >= 2 else []
    if len(first) >= 10 and first[0] == "1":
        page.width, page.height = int(first[8]), int(first[9])
    picture = _picture(image)
    if number == 1 and picture is not None:
        page.seconds += _recover_head(tesseract, image, page, picture)
    if picture is not None:
        read_digits(page, picture)
    return page


def _picture(image: Path):  # type: ignore[no-untyped-def]
    """The page as an array, in colour when the scan has colour (ink tells print from pen);
    ``None`` when Pillow cannot give it as 8-bit grey or colour (the digits are then not read
    again, and stay unbelieved)."""
    import numpy as np
    from PIL import Image

    try:
        with Image.open(image) as source:
            if source.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
                grey = np.asarray(source, dtype=np.float64)
                span = float(grey.max() - grey.min()) or 1.0
                return ((grey - grey.min()) / span * 255).astype(np.uint8)
            return np.asarray(source.convert("RGB" if source.mode in ("RGB", "RGBA", "P", "CMYK") else "L"))
    except (OSError, ValueError):
        return None


def _recover_head(tesseract: str, image: Path, page: OcrPage, picture) -> float:  # type: ignore[no-untyped-def]
    """Read again the first page's head: the rows Tesseract's layout lost, one by one, and the
    urgency or secrecy mark stamped large above them (:mod:`saraban.intake.marks`)."""
    spent = 0.0

    def read_row(row: Path) -> tuple[str, str]:
        nonlocal spent
        base = row.with_suffix("")
        with _SLOTS:
            started = time.perf_counter()
            _run_tesseract(tesseract, row, base, 7, page.number)
            spent += time.perf_counter() - started
        text = base.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")
        tsv = base.with_suffix(".tsv").read_text(encoding="utf-8", errors="replace")
        return text, tsv

    def make_line(text: str, tsv: str, offset: int) -> OcrLine | None:
        found = _tsv_lines(tsv)
        if not found:
            return None
        _letters, confidence, box, words = found[0]
        for word in words:
            word.box = (word.box[0], word.box[1] + offset, word.box[2], word.box[3] + offset)
        line_text = next((t for t in text.split("\n") if t.strip()), "")
        if re.sub(r"\s", "", line_text) != "".join(w.text for w in words):
            return None
        return OcrLine(line_text.rstrip(), confidence, (box[0], box[1] + offset, box[2], box[3] + offset), words)

    if picture.ndim == 2:
        gray = picture
    else:
        import numpy as np
        from PIL import Image

        gray = np.asarray(Image.fromarray(picture).convert("L"))  # 8-bit, as Pillow greys a page
    page.lines = layout.recover(image, page.lines, read_row, make_line, gray)
    height = layout.line_height(page.lines)
    if height:
        for mark, box in marks.find(image, gray, height, lambda row: read_row(row)[0]):
            if not any(mark in line.text for line in page.lines):
                at = next((i for i, old in enumerate(page.lines) if old.box and old.box[1] > box[1]), len(page.lines))
                page.lines.insert(at, OcrLine(mark, None, box))
    return spent


def read_digits(page: OcrPage, picture) -> None:  # type: ignore[no-untyped-def]
    """Read again, with the digit reader, the words of every line that may carry a letter
    number, a date, a stamp or a citation, and write its digits into the line's text.

    Tesseract's Thai model misreads Thai digits the same way at every scale and cannot read
    handwriting, so its digits are replaced by the reader's, each with a probability; the
    checks decide what is believed (:mod:`saraban.parsing.checks`).
    """
    todo = [line for line in page.lines if line.box and line.words and wanted(line.text)]
    for line in todo:
        assert line.box is not None
        reads = read_line(picture, line.words, line.box)
        line.text, line.digits = _rewrite(line.text, line.words, reads)


def _rewrite(text: str, words: list[OcrWord], reads: list[DigitRead]) -> tuple[str, list[DigitRead]]:
    """The line with the words each number was read over replaced by the reader's text, and
    the readings written (only those may vouch for the line's digits).

    Tesseract's words follow one another in its text with spaces between, so each word's
    place in the text is found by walking both (the same digit may stand in several words).
    """
    spans, cursor = [], 0
    for word in words:
        while cursor < len(text) and text[cursor].isspace():
            cursor += 1
        if not text.startswith(word.text, cursor):
            return text, []  # the text and the words disagree: leave the line as Tesseract read it
        spans.append((cursor, cursor + len(word.text)))
        cursor += len(word.text)
    out, last, written = [], 0, []
    for read in sorted(reads, key=lambda r: r.words):
        start, end = spans[read.words[0]][0], spans[read.words[1]][1]
        if start < last:
            continue
        out += [text[last:start], read.text]
        written.append(read)
        last = end
    out.append(text[last:])
    return "".join(out), written


def _run_tesseract(tesseract: str, image: Path, base: Path, psm: int, number: int) -> None:
    run(
        [tesseract, str(image), str(base), "-l", LANGUAGES, "--psm", str(psm),
         "-c", "preserve_interword_spaces=1", "txt", "tsv"],
        timeout=PAGE_TIMEOUT,
        what=f"OCR หน้า {number}",
    )  # fmt: skip


Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, note)`` after each page."""


def ocr_pages(jobs: Sequence[Callable[[], Path]], progress: Progress | None = None) -> list[OcrPage]:
    """Read pages in parallel; each job makes (rasterises) its page image and returns its path.

    Pages come back in order. A page that fails raises its error after the others finished,
    so the message is about the first bad page.
    """

    def one(index: int) -> OcrPage:
        return ocr_image(jobs[index](), index + 1)

    results: list[OcrPage | BaseException | None] = [None] * len(jobs)
    with ThreadPoolExecutor(max_workers=min(workers(), max(1, len(jobs)))) as pool:
        futures = {pool.submit(one, i): i for i in range(len(jobs))}
        done = 0
        for future in as_completed(futures):
            index = futures[future]
            try:
                results[index] = future.result()
            except BaseException as exc:
                results[index] = exc
            done += 1
            if progress:
                progress(done, len(jobs), f"OCR หน้า {done}/{len(jobs)}")
    pages = []
    for result in results:
        if isinstance(result, BaseException):
            raise result
        assert result is not None
        pages.append(result)
    return pages

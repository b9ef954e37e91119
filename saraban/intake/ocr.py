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

from saraban.intake.tools import require_tesseract, run
from saraban.thai.digits import to_arabic

LANGUAGES = "tha+eng"
PAGE_TIMEOUT = 180.0
"""Seconds one page may take; a single-threaded page of A4 at 300 dpi takes 4–8 s here."""


@dataclass
class OcrLine:
    """A line of OCR text with Tesseract's mean word confidence (0–1) and its box in pixels."""

    text: str
    confidence: float | None = None
    box: tuple[int, int, int, int] | None = None
    verified: bool | None = None
    """For a line with a letter number or a date: whether a second reading of its crop gave
    the same digits (``None``: not checked)."""


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


def _tsv_lines(tsv: str) -> list[tuple[str, float, tuple[int, int, int, int]]]:
    """Tesseract's TSV grouped into lines: (letters without spaces, mean confidence, box)."""
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
        lines.append((letters, sum(confs) / len(confs) / 100 if confs else 0.0, (left, top, right, bottom)))
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
                    entry.confidence, entry.box = boxes[j][1], boxes[j][2]
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
    page.seconds += verify_digits(image, page)
    return page


_NEEDS_CHECK = re.compile(
    r"/|พ\.ศ|มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม|"
    r"\.ค\.|\.ย\.|\.พ\.|เลขรับ|เลขที่รับ|เวลา"
)


def _digits(text: str) -> str:
    return "".join(re.findall(r"[0-9]", to_arabic(text)))


def verify_digits(image: Path, page: OcrPage) -> float:
    """Read again, from a crop at twice the size, every line that carries a letter number or a
    date in Arabic digits; mark whether both readings give the same digits.

    Tesseract's misreadings of Arabic digits change with the scale of the glyphs, so two
    readings that agree are worth believing and two that differ mean the value is unsure.
    (Thai digits are misread the same way at every scale: they are never believed; see
    :mod:`saraban.parsing.checks`.) Returns the seconds Tesseract spent.
    """
    from PIL import Image

    todo = [line for line in page.lines
            if line.box and len(re.findall(r"[0-9]", line.text)) >= 3 and _NEEDS_CHECK.search(line.text)]  # fmt: skip
    if not todo:
        return 0.0
    spent = 0.0
    with Image.open(image) as source:
        picture = source.convert("L")
    for n, line in enumerate(todo):
        left, top, right, bottom = line.box  # type: ignore[misc]
        pad = max(6, (bottom - top) // 3)
        crop = picture.crop((max(0, left - pad), max(0, top - pad), right + pad, bottom + pad))
        crop = crop.resize((crop.width * 2, crop.height * 2), Image.LANCZOS)
        path = image.with_name(f"{image.stem}-line{n}.png")
        crop.save(path)
        with _SLOTS:
            started = time.perf_counter()
            out = run([require_tesseract(), str(path), "-", "-l", LANGUAGES, "--psm", "7"],
                      timeout=60, what=f"OCR หน้า {page.number}")  # fmt: skip
            spent += time.perf_counter() - started
        line.verified = _digits(out.stdout.decode("utf-8", errors="replace")) == _digits(line.text)
    return spent


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

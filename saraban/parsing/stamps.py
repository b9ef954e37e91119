"""Receipt stamps (ตรารับหนังสือ, แบบที่ 12): office, เลขรับ, วันที่, เวลา.

A stamp is a label line (เลขรับ, เลขที่รับ, ได้รับ, รับที่, ทะเบียนรับ) followed within a few
lines by วันที่ and เวลา lines; the receiving office's name, when printed, stands on the
line above the label. OCR often writes another text over the เวลา field: when that text is
not a time, it is kept as overflow so the caller can use it (it is often the letterhead).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from saraban.parsing.lines import NUMBER_LINE, OFFICE_THEN_LABEL, STAMP_LABEL, TIME, clean, looks_like_office
from saraban.parsing.record import ReceiptStamp
from saraban.thai.dates import build_date, find_date, interpret_year

_LOOKAHEAD = 5
_THAI_LETTER = re.compile(r"[ก-ฮ]")


@dataclass
class StampBlock:
    """A stamp found in the text, with the lines it used."""

    stamp: ReceiptStamp
    lines: set[int] = field(default_factory=set)
    overflow: str | None = None
    """Text written over the เวลา field (often the letterhead's office name)."""
    warnings: list[str] = field(default_factory=list)


def _label_rest_is_stampish(rest: str) -> bool:
    # "ได้รับแจ้งจาก…" is body text; a stamp's label is followed by dots, digits or noise.
    return not _THAI_LETTER.search(rest)


def find_stamps(norm: list[str], start: int, end: int, skip: set[int]) -> list[StampBlock]:
    """Every receipt stamp in lines ``start``–``end`` (Arabic-digit lines), in text order."""
    blocks: list[StampBlock] = []
    used: set[int] = set()
    for i in range(start, end):
        if i in skip or i in used:
            continue
        line = norm[i].strip()
        match = STAMP_LABEL.match(line)
        office = None
        if not match:
            match = OFFICE_THEN_LABEL.match(line)
            if match is None or not looks_like_office(match["office"]):
                continue
            office = clean(match["office"])
        if len(line) > 90:
            continue
        rest, inline = match["rest"], _INLINE.match(match["rest"])
        if inline and (inline["date"] is not None or inline["time"] is not None):
            # The whole stamp read as one line: "เลขรับ 1234 วันที่ 12 พ.ย. 61 เวลา 10.30 น."
            blocks.append(_inline_stamp(inline, office, i))
            used |= blocks[-1].lines
            continue
        if not _label_rest_is_stampish(rest) or len(line) > 60:
            continue
        numbers = re.findall(r"\d+", rest)
        block = StampBlock(ReceiptStamp(office, numbers[-1] if numbers else None, None, None), {i})
        seen, j, has_date_line = 0, i + 1, False
        while j < end and seen < _LOOKAHEAD:
            text = norm[j].strip()
            j += 1
            if not text:
                continue
            seen += 1
            if STAMP_LABEL.match(text) or NUMBER_LINE.match(text):
                break
            if block.stamp.number is None and seen == 1 and re.fullmatch(r"[.…_\s]*\d+", text):
                block.stamp.number = re.findall(r"\d+", text)[-1]  # the number written under its label
                block.lines.add(j - 1)
                continue
            if text.startswith("วันที่") and not has_date_line:
                has_date_line = True
                block.lines.add(j - 1)
                found = find_date(text)
                if found:
                    block.stamp.date = found.value
                    block.warnings.extend(f"ตรารับ {block.stamp.number}: {w}" for w in found.warnings)
                else:
                    block.stamp.date = numeric_date(text, block.warnings, block.stamp.number)
            elif text.startswith("เวลา"):
                block.lines.add(j - 1)
                rest = text[len("เวลา") :]
                time = TIME.search(rest)
                if time:
                    block.stamp.time = f"{int(time['h']):02d}:{time['m']}"
                elif _THAI_LETTER.search(rest):
                    block.overflow = clean(rest)
                break
        if block.stamp.number is None and not has_date_line:
            continue
        above = _previous_text_line(norm, i, start)
        if office is None and above is not None and above not in used and looks_like_office(norm[above]):
            block.stamp.agency = clean(norm[above])
            block.lines.add(above)
        used |= block.lines
        blocks.append(block)
    return blocks


_INLINE = re.compile(r"^[\s.…:_\-A-Za-z]*(?P<number>\d+)?\s*(?:วันที่\s*(?P<date>.*?))?\s*(?:เวลา\s*(?P<time>.*?))?\s*$")


def _inline_stamp(match: re.Match[str], office: str | None, line: int) -> StampBlock:
    block = StampBlock(ReceiptStamp(office, match["number"], None, None), {line})
    if match["date"]:
        found = find_date(match["date"])
        block.stamp.date = found.value if found else numeric_date(match["date"], block.warnings, match["number"])
        if found:
            block.warnings.extend(f"ตรารับ {match['number']}: {w}" for w in found.warnings)
    if match["time"]:
        time = TIME.search(match["time"])
        if time:
            block.stamp.time = f"{int(time['h']):02d}:{time['m']}"
    return block


_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})(?!\d)")


def numeric_date(text: str, warnings: list[str], number: str | None) -> date | None:
    """A handwritten stamp date such as ``12/11/61`` or ``12.11.2561`` (day, month, BE year)."""
    match = _NUMERIC_DATE.search(text)
    if not match:
        return None
    year, _note = interpret_year(match[3])
    if year is None:
        return None
    try:
        return build_date(int(match[1]), int(match[2]), year)
    except ValueError as exc:
        warnings.append(f"ตรารับ {number}: {exc}")
        return None


def _previous_text_line(norm: list[str], i: int, start: int) -> int | None:
    j = i - 1
    while j >= start and not norm[j].strip():
        j -= 1
    return j if j >= start and i - j <= 3 else None

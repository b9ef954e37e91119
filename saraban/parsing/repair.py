"""Repairing what OCR does to the words that give a letter its shape.

The labels of the regulation's layout (เรื่อง, เรียน, สิ่งที่ส่งมาด้วย, ส่วนราชการ, บันทึกข้อความ …)
are how the parser finds a letter's parts, and they are exactly what Tesseract damages: it
drops or swaps tone marks and upper vowels (``เรอง``, ``สิงที่ส่งมาด้วย``, ``บนทกขอความ``), reads
ร as ว (``เลขวับ``) and ที่ as ที or ท. PyThaiNLP normalises mark order but cannot know that
``เรอง`` at the head of a line is เรื่อง, so that rule is here: a line's first word is compared
with each label without its marks, and month names are matched with RapidFuzz.
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz, process

from saraban.parsing.record import SECRECIES, URGENCIES
from saraban.thai.dates import MONTHS_FULL
from saraban.thai.text import skeleton

LABEL_WORDS = (
    "เรื่อง",
    "เรียน",
    "กราบเรียน",
    "อ้างถึง",
    "สิ่งที่ส่งมาด้วย",
    "สิ่งที่แนบมาด้วย",
    "ส่วนราชการ",
    "วันที่",
    "บันทึกข้อความ",
    "หนังสือประทับตรา",
    "เลขรับ",
    "เลขที่รับ",
    "ทะเบียนรับ",
)
_FIRST_WORD = re.compile(r"^(?P<lead>\s*[-•|]?\s*)(?P<word>[ก-๎]+)(?P<after>\s|:|$)")
# "ที่" of the number line read as ที, ท่ or ท, before a code and its digits.
_NUMBER_LABEL = re.compile(
    r"^(?P<lead>\s*)ท[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]{0,2}\s*(?=(?:[ก-ฮ]{2,3}|[A-Za-z]{1,4})[.)\]]?\s*[0-9๐-๙])"
)
# The whole "ที่ มท" read as a Latin smudge before the agency number: "NUN ๐๕๑๕.๕/๕๓๒๐".
_LOST_LABEL = re.compile(
    r"^(?P<lead>\s*)(?:[A-Za-z]{1,4}[.)\]]?\s+)?(?=[A-Za-z]{2,4}[.)\]]?\s+[0-9๐-๙][0-9๐-๙.]*\s*/)"
    r"|^(?P<lead2>\s*)(?:[A-Za-z]{1,4}[.)\]]?\s+)?(?=[ก-ฮ]{2,3}\.?\s+[0-9๐-๙]{2,}[0-9๐-๙.]*\s*/\S*.*(?:\S\s{4,}|[0-9๐-๙][.…]{4,})\S)"
)
"""A number line whose ที่ OCR lost or smudged into Latin letters; with a Thai code it must also
have the letterhead's column beside it, so a cited number wrapped to a line start is not one."""
_MONTH_CANDIDATE = re.compile(r"(?<=[\s0-9๐-๙])[ก-๎]{5,11}(?=[\s0-9๐-๙]|$)")


def _key(word: str) -> str:
    # Without marks, and with ร and ว made one letter: Tesseract confuses them in both directions.
    return skeleton(word).replace("ว", "ร")


@functools.cache
def _label_keys() -> dict[str, str]:
    return {_key(label): label for label in LABEL_WORDS}


_MARKS = {_key(mark): mark for mark in (*URGENCIES, *SECRECIES)}


_MEMO = "บันทึกข้อความ"
_THAI_WORD = re.compile(r"[ก-ฮ]{3,}")


def _memo_heading(line: str) -> str | None:
    """The memo's heading, as its line should read, when OCR damaged or crowded it.

    The heading stands alone, large, at the top: OCR drops its marks (``บนทกขอความ``), reads
    a stamp's figures or smudges onto its line (``บันทึกข้อความ ๓ 15.18``), and an urgency
    or secrecy mark set level with it lands before it (``ด่วนมาก บันทึกข้อความ``); the mark
    is kept as its own column. A line that goes on in words (a cited memo wrapped to the
    start of a line, ``บันทึกข้อความ ที่ …``) is not the heading.
    """
    tokens = line.split()
    marks: list[str] = []
    while tokens and len(marks) < 2 and _MARKS.get(_key(tokens[0])):
        marks.append(_MARKS[_key(tokens.pop(0))])
    if not tokens:
        return None
    match = re.match(r"[ก-๎]+", tokens[0])
    head = match[0] if match else ""
    if not (head.startswith("บ") and 9 <= len(head) <= 20 and fuzz.ratio(_key(head), _key(_MEMO)) >= 80):
        return None
    after = [t for t in tokens[1:] if not _MARKS.get(_key(t))]
    marks += [_MARKS[_key(t)] for t in tokens[1:] if _MARKS.get(_key(t))]
    rest = " ".join([tokens[0][len(head):], *after])
    if head == _MEMO and not rest.strip() and not marks:
        return None  # the heading as it should be: nothing to repair
    # What follows a heading is a stamp's figures or smudges, never words or a number: a
    # cited memo wrapped to a line's start ("บันทึกข้อความ ที่ ศธ ๐๔๐๐๒/๙๘", "… ๒ ฉบับ") goes on.
    if "/" in rest or _THAI_WORD.search(rest) or (head == _MEMO and re.search(r"[ก-ฮ]{2}", rest)):
        return None
    return "    ".join([*marks, _MEMO])


def repair_line(line: str) -> tuple[str, str | None]:
    """A line with its damaged label and month words repaired, and a note when anything changed."""
    notes = []
    stripped = re.split(r"\s{4,}", line.strip())[0].strip("*\"“”'()[]")
    mark = _MARKS.get(_key(stripped)) if stripped and len(stripped) <= 12 else None
    if mark and mark != stripped:
        # An urgency or secrecy mark stands alone on its line; OCR drops its tone marks.
        return line.replace(stripped, mark), f"'{stripped}' อ่านเป็น '{mark}' (OCR)"
    heading = _memo_heading(line)
    if heading is not None:
        read = " ".join(heading.split())
        return heading, (f"'{line.strip()}' อ่านเป็น '{read}' (OCR)" if read != " ".join(line.split()) else None)
    match = _FIRST_WORD.match(line)
    if match:
        word = match["word"]
        label = _label_keys().get(_key(word))
        if label and label != word:
            line = f"{match['lead']}{label}{line[match.end('word'):]}"
            notes.append(f"'{word}' อ่านเป็น '{label}'")
    number = _NUMBER_LABEL.match(line)
    if number and not line[number.end("lead") :].startswith("ที่ "):
        fixed = f"{number['lead']}ที่ {line[number.end():]}"
        notes.append(f"'{line[number.end('lead'):number.end()].strip()}' อ่านเป็น 'ที่'")
        line = fixed
    lost = _LOST_LABEL.match(line) if not number else None
    if lost:
        line = f"{lost['lead'] or lost['lead2'] or ''}ที่ {line[lost.end():]}"
        notes.append("บรรทัดเลขที่หนังสือไม่มีคำว่า 'ที่' (OCR)")
    if re.search(r"[0-9๐-๙]", line):
        line, month_note = _repair_months(line)
        if month_note:
            notes.append(month_note)
    return line, ("; ".join(notes) + " (OCR)") if notes else None


def _repair_months(line: str) -> tuple[str, str | None]:
    for candidate in _MONTH_CANDIDATE.finditer(line):
        word = candidate[0]
        if word in MONTHS_FULL:
            continue
        best = process.extractOne(word, MONTHS_FULL, scorer=fuzz.ratio, score_cutoff=80)
        if best:
            fixed = line[: candidate.start()] + best[0] + line[candidate.end() :]
            return fixed, f"'{word}' อ่านเป็น '{best[0]}'"
    return line, None

"""Splitting a file's text into letters.

A forwarded bundle holds several letters: the forwarding letter with its receipt stamps,
a handwritten forwarding endorsement written on it, the enclosed copy, memos. A letter is
anchored on its number line (``ที่ …/…``) or on ``บันทึกข้อความ``; the lines before an anchor
(stamps, letterhead, urgency marks) belong to it back to the previous letter's footer.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from saraban.parsing.lines import (
    ADDRESS,
    CLOSING,
    FOOTER,
    LABELS,
    MEMO_HEAD,
    NUMBER_LINE,
    PAREN_NAME,
    SECRECY_LINE,
    STAMP_LABEL,
    STAMPED_HEAD,
    URGENCY_LINE,
    looks_like_office,
)
from saraban.thai.dates import DATE_RE

_MEMO_NUMBER_WINDOW = 14
_MAX_NUMBER_LINE = 110


@dataclass
class Segment:
    """The lines of one letter: ``start``–``end`` (exclusive), and where it is anchored."""

    start: int
    end: int
    anchor: int
    head: str
    """``"number"``, ``"memo"``, ``"stamped"`` or ``"none"`` (no anchor was found)."""
    number_line: int | None = None
    embedded_in: Segment | None = None
    """For a forwarding endorsement written on another letter: that letter."""
    embedded: list[Segment] = field(default_factory=list)
    """Endorsements written on this letter."""
    own_lines: set[int] = field(default_factory=set)
    """For an endorsement: the lines that are its own (office, number, เรียน)."""
    signer_line: int | None = None
    """For an endorsement: its signer's name line, found while reading the host letter."""


def is_number_line(line: str) -> bool:
    """Whether a line is a letter-number line ("ที่ มท 0810.4/ว 3598", "ที่ aus. 234/2562")."""
    match = NUMBER_LINE.match(line)
    if not match:
        return False
    rest = match["rest"].strip()
    # "ที่ 267/2560" inside a body cites an order, not a letter; a letter number starts
    # with its code (or the OCR ruin of one).
    if rest[:1].isdigit():
        return False
    head = rest.split("\t")[0]
    return len(head.strip()) <= _MAX_NUMBER_LINE


def _has_inline_date(line: str) -> bool:
    after = line.split("/", 1)[-1]
    return "วันที่" in after or DATE_RE.search(after) is not None


def _has_salutation(norm: list[str], start: int, end: int) -> bool:
    return any(LABELS["salutation"].match(norm[i]) for i in range(start, end))


_MIN_THAI_LETTERS = 40
"""Thai letters a text needs to be a document at all when nothing in it looks like a letter."""


def find_segments(norm: list[str]) -> list[Segment]:
    """Split lines (Arabic digits) into letter segments, in text order."""
    segments: list[Segment] = []
    current: Segment | None = None
    for i, line in enumerate(norm):
        if MEMO_HEAD.match(line) or STAMPED_HEAD.match(line):
            current = Segment(i, len(norm), i, "memo" if MEMO_HEAD.match(line) else "stamped")
            segments.append(current)
        elif is_number_line(line):
            if current and current.number_line is None and i - current.anchor <= _MEMO_NUMBER_WINDOW:
                current.number_line = i
            elif (
                current
                and current.number_line is not None
                and _has_inline_date(line)
                and _has_salutation(norm, current.anchor, i)
                and not _signed_before(norm, current.anchor, i)
            ):
                endorsement = Segment(i, current.end, i, "number", number_line=i, embedded_in=current)
                endorsement.own_lines = _endorsement_lines(norm, i)
                current.embedded.append(endorsement)
                segments.append(endorsement)
            else:
                current = Segment(i, len(norm), i, "number", number_line=i)
                segments.append(current)
    if not segments:
        # A page the office registers all the same (an announcement, a routing sheet, a memo
        # form, a letter whose ที่ line OCR ruined): one record of what it has, kind other.
        labelled = any(LABELS["subject"].match(x) or LABELS["salutation"].match(x) for x in norm)
        if labelled or sum(len(re.findall(r"[ก-ฮ]", x)) for x in norm) >= _MIN_THAI_LETTERS:
            return [Segment(0, len(norm), 0, "none")]
        return []
    _set_boundaries(norm, [s for s in segments if s.embedded_in is None])
    for segment in segments:
        if segment.embedded_in is not None:
            segment.end = segment.embedded_in.end
    return segments


def _signed_before(norm: list[str], start: int, end: int) -> bool:
    return any(PAREN_NAME.match(norm[i]) for i in range(start, end))


def _endorsement_lines(norm: list[str], anchor: int) -> set[int]:
    lines = {anchor}
    above = anchor - 1
    while above >= 0 and not norm[above].strip():
        above -= 1
    if above >= 0 and looks_like_office(norm[above]):
        lines.add(above)
    below = anchor + 1
    while below < len(norm) and not norm[below].strip():
        below += 1
    if below < len(norm) and LABELS["salutation"].match(norm[below]):
        lines.add(below)
    return lines


def _set_boundaries(norm: list[str], segments: list[Segment]) -> None:
    """Move each letter's start back over its stamps and letterhead, to the previous footer."""
    segments[0].start = 0
    for previous, segment in itertools.pairwise(segments):
        lower = previous.anchor + 1
        start = segment.anchor
        footer = None
        for j in range(segment.anchor - 1, lower - 1, -1):
            if FOOTER.search(norm[j]) or CLOSING.match(norm[j]) or PAREN_NAME.match(norm[j]):
                footer = j
                break
        if footer is not None:
            start = footer + 1
            if not FOOTER.search(norm[footer]):
                start = _past_signature(norm, start, segment.anchor)
            # The previous letter's footer may run on for a few lines (unit, phone, e-mail).
            while start < segment.anchor and (FOOTER.search(norm[start]) or not norm[start].strip()):
                start += 1
        else:
            start = _walk_back_over_letterhead(norm, segment.anchor, lower)
        segment.start = start
        previous.end = start


def _belongs_to_next_letter(norm: list[str], i: int, anchor: int) -> bool:
    """Whether a line after a signature starts the next letter (its stamp, marks or letterhead)."""
    text = norm[i].strip()
    if STAMP_LABEL.match(text) or URGENCY_LINE.match(text) or SECRECY_LINE.match(text) or ADDRESS.search(text):
        return True
    if is_number_line(text) or MEMO_HEAD.match(text):
        return True
    following = [j for j in range(i + 1, min(anchor, i + 4)) if norm[j].strip()][:2]
    return any(STAMP_LABEL.match(norm[j]) or ADDRESS.search(norm[j]) or is_number_line(norm[j]) for j in following)


def _past_signature(norm: list[str], start: int, anchor: int) -> int:
    """After a signer's name: the position, acting-for and owning-unit lines stay with that letter."""
    j = start
    while j < anchor:
        if norm[j].strip():
            if _belongs_to_next_letter(norm, j, anchor):
                break
        j += 1
    return j


def _walk_back_over_letterhead(norm: list[str], anchor: int, lower: int) -> int:
    start = anchor
    j = anchor - 1
    while j >= lower:
        text = norm[j].strip()
        if text and len(text) > 80:
            break
        if text:
            start = j
        j -= 1
    return start

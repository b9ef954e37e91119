"""Reading the fields of one letter segment, in the order the regulation lays them out.

External letter: ที่ · office and address · date · เรื่อง · เรียน · อ้างถึง · สิ่งที่ส่งมาด้วย · body ·
closing · (signer) · position · owning unit · phone. Memo: ส่วนราชการ · ที่ · วันที่ · เรื่อง ·
เรียน · body · (signer) · position. Stamped letter: ที่ · ถึง · body · office · date · unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from saraban.parsing.docno import cited_numbers, read_number
from saraban.parsing.lines import (
    ADDRESS,
    BODY_OPENER,
    CLOSING,
    DEADLINE,
    FOOTER,
    ITEM_MARK,
    LABELS,
    LEADING_JUNK,
    NUMBER_LINE,
    ON_SERVICE,
    PAREN_NAME,
    PAREN_NAME_ANYWHERE,
    POSITION_HEAD,
    QUANTITY_END,
    RADIOGRAM,
    SECRECY_LINE,
    SPEAKS,
    URGENCY_LINE,
    clean,
    is_person_name,
    join_wrapped,
    looks_like_office,
)
from saraban.parsing.record import ParsedLetter, Reference
from saraban.parsing.segment import Segment
from saraban.parsing.stamps import StampBlock, find_stamps
from saraban.parsing.tails import trim_junk_tail
from saraban.thai.dates import DATE_RE, FoundDate, find_date, read_date_match
from saraban.thai.digits import to_arabic
from saraban.thai.offices import OFFICE_HEADS
from saraban.thai.text import fold_sara_am, skeleton

_HEADER_SPAN = 40
_CONTINUATION_LINES = 3

# "นาย" before the name of an office is always "นายก" (the mayor / chief executive):
# "นาย" as a title is followed by a person's name, never by "องค์การ" or "เทศมนตรี".
_DROPPED_KO = re.compile(r"นาย(?=องค์การบริหารส่วน|เทศมนตรี)")


@dataclass
class _Layout:
    """Where the labelled parts of one letter are (line indices, ``None`` when absent)."""

    subject: int | None = None
    salutation: int | None = None
    to: int | None = None
    reference: int | None = None
    attachment: int | None = None
    unit: int | None = None
    date_label: int | None = None
    body: int | None = None
    closing: int | None = None


class SegmentReader:
    """Reads one segment of a file into a :class:`ParsedLetter`."""

    def __init__(self, raw: list[str], norm: list[str], segment: Segment, record: ParsedLetter) -> None:
        self.raw = raw
        self.norm = norm
        self.seg = segment
        self.rec = record
        self.skip: set[int] = set()
        for endorsement in segment.embedded:
            self.skip |= endorsement.own_lines
        self.stamps: list[StampBlock] = []
        self.layout = _Layout()
        self._number_rest = ""
        """Text after the number on the number line (an office name, a date)."""

    # -- helpers ---------------------------------------------------------------------------

    def lines(self, start: int | None = None, end: int | None = None) -> range:
        return range(self.seg.start if start is None else start, self.seg.end if end is None else end)

    def text_lines(self, start: int, end: int) -> list[int]:
        stamp_lines = set().union(*(b.lines for b in self.stamps)) if self.stamps else set()
        return [
            i for i in self.lines(start, end) if self.norm[i].strip() and i not in self.skip and i not in stamp_lines
        ]

    def warn(self, message: str) -> None:
        self.rec.warnings.append(message)

    # -- the whole letter ------------------------------------------------------------------

    def read(self) -> ParsedLetter:
        if self.seg.embedded_in is not None:
            return self._read_endorsement()
        self.stamps = find_stamps(self.norm, self.seg.start, self.seg.end, self.skip)
        self._find_layout()
        self._read_number()
        self._read_kind()
        self._read_marks()
        self._read_subject()
        self._read_salutation()
        self._read_attachments_and_references()
        self._read_sender()
        self._read_date()
        self._read_signer()
        self._read_deadline()
        self.rec.receipt_stamps = [b.stamp for b in self.stamps]
        for n, block in enumerate(self.stamps):
            self.rec.spans[f"stamp{n}"] = "\n".join(self.raw[i] for i in sorted(block.lines))
            self.rec.at_stamps[n] = sorted(block.lines)
        for block in self.stamps:
            self.rec.warnings.extend(block.warnings)
        self._warn_missing()
        return self.rec

    def _warn_missing(self) -> None:
        """Say which expected parts were not found, so a clerk knows what to check."""
        if self.rec.kind == "other":
            self.warn("ไม่พบเรื่องและคำขึ้นต้น จึงระบุชนิดหนังสือไม่ได้ (other)")
        if self.rec.kind in ("external", "memo", "other"):
            if self.rec.subject is None:
                self.warn("ไม่พบเรื่อง")
            if self.rec.sender_agency is None:
                self.warn("ไม่พบชื่อส่วนราชการเจ้าของหนังสือ")
            if self.layout.salutation is None:
                self.warn("ไม่พบบรรทัดเรียน")

    def _find_layout(self) -> None:
        anchor = self.seg.anchor
        header_end = min(self.seg.end, anchor + _HEADER_SPAN)
        for i in self.text_lines(anchor, header_end):
            if self._body_started(i):
                # A เรียน or เรื่อง after the body is an endorsement written on the letter.
                break
            for name, pattern in LABELS.items():
                if getattr(self.layout, _LAYOUT_FIELD[name]) is None and pattern.match(self.norm[i]):
                    if name == "date" and self.seg.head != "memo":
                        continue
                    setattr(self.layout, _LAYOUT_FIELD[name], i)
                    break
        starts = [x for x in (self.layout.subject, self.layout.salutation, self.layout.to, anchor) if x is not None]
        after = max(starts)
        for i in self.text_lines(after + 1, self.seg.end):
            if CLOSING.match(self.norm[i]):
                self.layout.closing = i
                break

    def _body_started(self, i: int) -> bool:
        found = (self.layout.subject, self.layout.salutation, self.layout.to)
        if all(x is None for x in found) or i <= max(x for x in found if x is not None) + 1:
            return False
        line = self.norm[i].strip()
        return bool(CLOSING.match(line) or (BODY_OPENER.match(line) and len(line) > 30))

    # -- number, kind, marks ---------------------------------------------------------------

    def _read_number(self) -> None:
        line = self.seg.number_line
        if line is None:
            if self.seg.head != "none":
                self.warn("ไม่พบบรรทัดเลขที่หนังสือ (ที่ …)")
            return
        number = read_number(_number_text(self.raw[line]))
        self.rec.spans["doc_no"] = self.raw[line]
        self.rec.at["doc_no"] = line
        self.rec.doc_no = number.value
        self.rec.circular = number.circular
        self.rec.warnings.extend(number.warnings)
        self._number_rest = number.rest

    def _radiogram(self) -> int | None:
        """The ในราชการ… line of a radiogram (วิทยุสื่อสาร) heading this letter, if it is one."""
        anchor = self.seg.anchor
        head = self.text_lines(max(self.seg.start, anchor - 6), anchor + 1)
        if not any(RADIOGRAM.match(skeleton(self.norm[i])) for i in head):
            return None
        return next((i for i in head if ON_SERVICE.match(self.norm[i])), None)

    def _unit_line(self) -> int | None:
        """The ส่วนราชการ line heading this letter (above its number or below it), if any."""
        if self.layout.unit is not None and self.layout.unit < (self.layout.subject or self.seg.end):
            return self.layout.unit
        above = self.text_lines(max(self.seg.start, self.seg.anchor - 3), self.seg.anchor)
        return next((i for i in above if LABELS["unit"].match(self.norm[i])), None)

    def _read_kind(self) -> None:
        if self.seg.head == "memo":
            self.rec.kind = "memo"
        elif self.seg.head == "number" and self._radiogram() is not None:
            self.rec.kind = "other"  # a radiogram: neither a letter with เรียน nor a stamped one
        elif self._unit_line() is not None:
            # Only a memo opens with ส่วนราชการ (the regulation's form), whatever OCR made of
            # its บันทึกข้อความ heading.
            self.rec.kind = "memo"
            self.layout.unit = self._unit_line()
        elif self.seg.head == "stamped" or (
            self.layout.to is not None and self.layout.salutation is None and self.layout.closing is None
        ):
            self.rec.kind = "stamped"
        elif self.layout.subject is not None or self.layout.salutation is not None:
            self.rec.kind = "external"
        else:
            self.rec.kind = "other"

    def _read_marks(self) -> None:
        end = self.layout.salutation or self.layout.subject or self.seg.anchor + 6
        for i in self.text_lines(self.seg.start, min(end + 1, self.seg.end)):
            # A mark may share its line with another column (a stamp's เวลา beside it).
            column = re.split(r"\s{4,}", self.norm[i].strip())[0]
            urgency = URGENCY_LINE.match(column)
            if urgency and self.rec.urgency is None:
                self.rec.urgency = urgency[1]
            secrecy = SECRECY_LINE.match(column)
            if secrecy and self.rec.secrecy is None:
                self.rec.secrecy = secrecy[1]
        if self.rec.secrecy is None:
            # Secrecy is also stamped at the bottom centre of the page.
            for i in self.text_lines(max(self.seg.start, self.seg.end - 8), self.seg.end):
                secrecy = SECRECY_LINE.match(self.norm[i])
                if secrecy:
                    self.rec.secrecy = secrecy[1]
                    break

    # -- labelled parts --------------------------------------------------------------------

    def _label_rest(self, index: int, label: str) -> str:
        match = LABELS[label].match(self.raw[index])
        return match["rest"] if match else ""

    def _continuation(self, index: int, *, stop_at_body: bool, label: str | None = None) -> list[int]:
        """Lines that continue a labelled part, until the next label or the body.

        A label standing alone on its line ("เรื่อง" set as a table) has its value on the next
        line, whatever that line begins with.
        """
        bare = label is not None and not clean(self._label_rest(index, label))
        found = []
        for i in self.text_lines(index + 1, min(self.seg.end, index + 12)):
            line = self.norm[i]
            if any(p.match(line) for p in LABELS.values()) or CLOSING.match(line):
                break
            first_of_bare = bare and not found
            if stop_at_body and not first_of_bare and (BODY_OPENER.match(line) or len(line.strip()) > 120):
                break
            found.append(i)
            if len(found) >= _CONTINUATION_LINES:
                break
        return found

    def _read_subject(self) -> None:
        index = self.layout.subject
        if index is None:
            return
        parts = [self._label_rest(index, "subject")]
        parts += [self.raw[i] for i in self._continuation(index, stop_at_body=True, label="subject")]
        self.rec.subject = trim_junk_tail(join_wrapped(parts)) or None
        self.rec.at["subject"] = index
        self._mark_body_after(index, len(parts) - 1)

    def _mark_body_after(self, index: int, extra: int) -> None:
        self.layout.body = max(self.layout.body or 0, index + 1 + extra)

    def _read_salutation(self) -> None:
        index = self.layout.salutation if self.layout.salutation is not None else self.layout.to
        if index is None:
            return
        label = "salutation" if self.layout.salutation is not None else "to"
        self.rec.at["salutation_to"] = index
        text = clean(self._label_rest(index, label))
        if not text:
            self.warn("บรรทัดเรียนไม่มีชื่อผู้รับ")
            return
        repaired = _DROPPED_KO.sub("นายก", text)
        if repaired != text:
            self.warn("เติม 'ก' ใน 'นายองค์การ…/นายเทศมนตรี…' เป็น 'นายก…' (OCR)")
        self.rec.salutation_to = repaired

    def _items(self, index: int, label: str) -> list[str]:
        """The items of a สิ่งที่ส่งมาด้วย or อ้างถึง block, one string per item."""
        first = self._label_rest(index, label)
        items: list[str] = []
        numbered = bool(ITEM_MARK.match(self.norm[index].split(_LABEL_WORD[label], 1)[-1]))
        current = clean(first)
        for i in self.text_lines(index + 1, min(self.seg.end, index + 16)):
            line, raw = self.norm[i], self.raw[i]
            if any(p.match(line) for p in LABELS.values()) or CLOSING.match(line):
                break
            item = ITEM_MARK.match(line)
            if numbered and item:
                items.append(current)
                current = clean(raw)
                continue
            if BODY_OPENER.match(line) or len(line.strip()) > 120:
                break
            if not numbered and QUANTITY_END.search(current):
                break
            if numbered and QUANTITY_END.search(current) and not item:
                break
            current = f"{current} {clean(raw)}".strip()
        items.append(current)
        cleaned = []
        for item in items:
            item = re.sub(r"^[0-9๐-๙]{1,2}\s*[.)]\s*", "", item).strip()
            if item:
                cleaned.append(item)
        return cleaned

    def _read_attachments_and_references(self) -> None:
        cited_text: list[str] = []
        if self.layout.attachment is not None:
            self.rec.attachments = self._items(self.layout.attachment, "attachment")
            cited_text += self.rec.attachments
        if self.layout.reference is not None:
            cited_text += self._items(self.layout.reference, "reference")
        seen = set()
        for text in cited_text:
            for number, start, end in cited_numbers(text):
                if number in seen or number == self.rec.doc_no:
                    continue
                seen.add(number)
                self.rec.spans[f"ref{len(self.rec.references)}"] = text[start:]
                self.rec.references.append(Reference(number, self._date_after(text, end)))

    @staticmethod
    def _date_after(text: str, end: int) -> object:
        tail = text[end:]
        next_number = re.search(r"\sที่\s", tail)
        if next_number:
            tail = tail[: next_number.start()]
        dated = re.search(r"ลง\s*วันที่|วันที่", tail)
        if not dated:
            return None
        found = find_date(tail, dated.end())
        return found.value if found else None

    # -- sender and date -------------------------------------------------------------------

    def _read_sender(self) -> None:
        if self.rec.kind == "memo":
            self._read_memo_unit()
            return
        sender, sender_line = None, None
        rest = self._number_rest
        radio = self._radiogram()
        if radio is not None:
            on_service = ON_SERVICE.match(self.norm[radio])
            assert on_service is not None
            sender, sender_line = clean(on_service[1]), radio
        elif rest and not re.search(r"\d", rest) and len(rest) > 3:
            sender, sender_line = clean(rest), self.seg.number_line
        anchor = self.seg.number_line if self.seg.number_line is not None else self.seg.anchor
        limit = next(
            (x for x in (self.layout.subject, self.layout.salutation, self.layout.to) if x is not None),
            min(self.seg.end, anchor + 10),
        )
        candidates = self.text_lines(max(self.seg.start, anchor - 8), limit)
        if self.rec.kind == "stamped":
            # A stamped letter has no letterhead: its office stands at the foot, beside the
            # seal. An office named over its ที่ line is a receipt stamp's (กรม… / เลขรับ …).
            candidates = []
        if sender is None:
            for position, i in enumerate(candidates):
                if ADDRESS.search(self.norm[i]) and position > 0:
                    before = candidates[position - 1]
                    if before != anchor and not re.search(r"\d", self.norm[before]) and _is_text(self.norm[before]):
                        sender, sender_line = clean(self.raw[before]), before
                        break
                    # The line above holds the name's end and the street ("ขอนแก่น เขต 1 ถนน…"):
                    # the name begins one line higher.
                    top = candidates[position - 2] if position > 1 else None
                    if top is not None and top != self.seg.number_line and looks_like_office(self.norm[top]) \
                            and not re.search(r"\d", self.norm[top]) and _ADDRESS_WORD.search(self.norm[before]):
                        sender, sender_line = clean(self.raw[top]), top
                        break
        if sender is None:
            near = [i for i in candidates if abs(i - anchor) <= 4 and i != anchor]
            # "อำเภอเมือง จังหวัดขอนแก่น 40000" begins like an office but is its address.
            offices = (i for i in near if looks_like_office(self.norm[i]) and not ADDRESS.search(self.norm[i]))
            sender_line = next(offices, None)
            sender = clean(self.raw[sender_line]) if sender_line is not None else None
        if sender is not None and sender_line is not None:
            sender = LEADING_JUNK.sub("", self._letterhead_continues(sender, sender_line, limit))
            self.rec.at["sender_agency"] = sender_line
        if sender is None:
            sender = next((b.overflow for b in self.stamps if b.overflow), None)
            if sender:
                self.warn(f"ชื่อส่วนราชการเจ้าของหนังสืออ่านจากข้อความที่ทับช่องเวลาของตรารับ: '{sender}'")
        if sender is None and self.rec.kind == "stamped":
            sender = self._stamped_sender()
        self.rec.sender_agency = sender

    def _letterhead_continues(self, name: str, line: int, limit: int) -> str:
        """A letterhead that wraps in its narrow block: ``คณะ…`` then ``มหาวิทยาลัย…``, a long
        name over two or three lines, or the name's end before the address on one line."""
        parts = [name]
        following = [i for i in self.text_lines(line + 1, min(limit, line + 6))
                     if i != self.seg.number_line and _is_text(self.norm[i])]  # fmt: skip
        for i in following[:3]:
            text = clean(self.raw[i])
            if URGENCY_LINE.match(text) or SECRECY_LINE.match(text):
                break  # a mark stamped beside the letterhead (ด่วนมาก) is not a part of its name
            if _completes_head("".join(parts), text):
                parts.append(text)  # ส่งเสริมการปกครองท้องถิ่น / อำเภอท่าวังผา: the place ends the name
                break
            if ADDRESS.match(text) or skeleton(text).startswith(_ADDRESS_HEADS) or DATE_RE.search(to_arabic(text)):
                break
            address = _ADDRESS_WORD.search(text)
            if address and address.start() > 0:
                parts.append(text[: address.start()].strip())
                break
            if address or re.search(r"[0-9๐-๙]", text) or len(text) > 60 or any(p.match(text) for p in LABELS.values()):
                break
            if not looks_like_office(text) and len(text) > 30:
                break
            parts.append(text)
        if len(parts) == 1:
            return name
        # A new office (มหาวิทยาลัย…) after a faculty is a new word; a wrapped name runs on.
        joined = parts[0]
        for part in parts[1:]:
            joined += f" {part}" if looks_like_office(part) and not _completes_head(joined, part) else part
        return joined

    def _stamped_sender(self) -> str | None:
        """The office under a stamped letter's seal. The office named just over the phone line
        is the owning unit (สำนักควบคุม…, โทร. …), which is the issuer's part, not the issuer."""
        lines = self.text_lines(self.layout.body or self.seg.anchor, self.seg.end)
        for position in range(len(lines) - 1, -1, -1):
            i = lines[position]
            if not looks_like_office(self.norm[i]) or FOOTER.search(self.norm[i]):
                continue
            words = self.norm[i].split()
            if len(words) > 1 and SPEAKS.match(words[1]):
                continue  # a sentence of the body that opens with the office ("กรม… จึงขอแจ้ง")
            following = lines[position + 1] if position + 1 < len(lines) else None
            if following is not None and FOOTER.search(self.norm[following]):
                continue
            return clean(self.raw[i])
        return None

    def _read_memo_unit(self) -> None:
        index = self.layout.unit
        if index is None:
            return
        parts = [self._label_rest(index, "unit")]
        for i in self._continuation(index, stop_at_body=True):
            if not re.search(r"[ก-๙]{2}", self.norm[i]):
                continue  # a line of OCR junk (a stamp's or a signature's strokes)
            if i == self.seg.number_line or len(self.norm[i].strip()) > 80:
                break
            parts.append(self.raw[i])
            break  # a unit line wraps at most once
        text = clean(" ".join(parts))
        text = re.sub(r"^ส่วนราชการ\s*", "", text)
        # The phone number after the unit ("โทร. ๐-๕๔๗๙-…", its label often OCR'd as Latin junk).
        text = re.split(
            r"\s*โทร\s*[.:]?(?:\s*[0-9๐-๙]|\s*$)|\s+โทร\s*[.:]|\s+\S{0,5}\s*[0-9๐-๙][0-9๐-๙\-\s]{5,}"
            r"|\s+[A-Za-z]{2,}\.?(?:\s|$)", text
        )[0].strip()
        self.rec.sender_agency = text or None

    def _date_in(self, lines: list[int], start: int = 0) -> FoundDate | None:
        """The first date in these lines (from ``start`` in the first); its printed text is
        kept as the field's span (Thai→Arabic digits keep offsets, so raw and norm align)."""
        region = "\n".join(self.norm[i] for i in lines)
        match = DATE_RE.search(region, start)
        if not match:
            return None
        self.rec.spans["date"] = "\n".join(self.raw[i] for i in lines)[match.start() : match.end()]
        self.rec.at["date"] = lines[region.count("\n", 0, match.start())]
        return read_date_match(match)

    def _read_date(self) -> None:
        found = None
        line = self.seg.number_line
        rest = self._number_rest
        if rest and line is not None:
            found = self._date_in([line], max(0, self.norm[line].rfind(rest)))
        label = self.layout.date_label
        if label is None and self.rec.kind == "memo":
            # A memo known by its ส่วนราชการ line (its heading lost) was laid out as a letter.
            header = self.text_lines(self.seg.anchor, self.layout.subject or min(self.seg.end, self.seg.anchor + 6))
            label = next((i for i in header if LABELS["date"].match(self.norm[i])), None)
        if found is None and self.rec.kind == "memo" and label is not None:
            found = self._date_in(list(range(label, min(label + 3, len(self.norm)))))
        if found is None and self.rec.kind != "memo":
            anchor = self.seg.number_line if self.seg.number_line is not None else self.seg.anchor
            limit = next(
                (x for x in (self.layout.subject, self.layout.salutation, self.layout.to) if x is not None),
                min(self.seg.end, anchor + 10),
            )
            found = self._date_in(self.text_lines(anchor + 1, limit))
        if found is None and self.rec.kind == "stamped":
            found = self._date_in(self.text_lines(self.layout.body or 0, self.seg.end))
        if found is None:
            if self.seg.head != "none" or self.rec.subject:
                self.warn("ไม่พบวันที่ของหนังสือ")
            return
        self.rec.date = found.value
        self.rec.warnings.extend(f"วันที่: {w}" for w in found.warnings)

    # -- signer and deadline ---------------------------------------------------------------

    def _signer_names(self) -> list[int]:
        after = self.layout.closing
        if after is None:
            after = max(x for x in (self.layout.salutation, self.layout.subject, self.seg.anchor) if x is not None)
        names = []
        for i in self.text_lines(after + 1, self.seg.end):
            if FOOTER.search(self.norm[i]) and not self.seg.embedded:
                # After the owning unit's phone and mail lines comes the receiving office's
                # endorsement, whose signer is not this letter's.
                break
            match = PAREN_NAME.match(self.norm[i])
            if match and (is_person_name(match["name"]) or self.layout.closing is not None):
                names.append(i)
        return names

    def _position_after(self, index: int) -> str | None:
        for i in self.text_lines(index + 1, min(self.seg.end, index + 5)):
            line = self.norm[i]
            if PAREN_NAME.match(line) or FOOTER.search(line):
                return None
            if not _is_text(line):
                continue  # a smudge of the signature read as a character or two
            text = _position_text(clean(self.raw[i]))
            if text is not None:
                return text
        return None

    def _read_signer(self) -> None:
        names = self._signer_names()
        if names:
            first = names[0]
            self.rec.at["signer_name"] = first
            self.rec.signer_name = clean(PAREN_NAME.match(self.norm[first])["name"])  # type: ignore[index]
            self.rec.signer_position = self._position_after(first)
            for endorsement in self.seg.embedded:
                later = [i for i in names if i > first]
                endorsement.signer_line = later[-1] if later else None
            return
        if self._read_signer_through_noise():
            return
        if self.layout.closing is not None:
            after = [i for i in self.text_lines(self.layout.closing + 1, min(self.seg.end, self.layout.closing + 8))
                     if not FOOTER.search(self.norm[i])]  # fmt: skip
            if after and _BARE_NAME.match(clean(self.raw[after[0]])):
                # The parentheses were lost in OCR: a title and two names is the signer.
                self.rec.signer_name = clean(self.raw[after[0]])
                self.rec.signer_position = self._position_after(after[0])
                self.warn("ชื่อผู้ลงนามไม่มีวงเล็บ (OCR)")
                return
            if after:
                self.rec.signer_position = clean(self.raw[after[0]]) or None
            self.warn("ไม่มีชื่อผู้ลงนาม")

    def _read_signer_through_noise(self) -> bool:
        """A signature block OCR filled with strokes: a titled name in parentheses inside a
        junk line, and the position as the first column of a later line that reads as one."""
        start = self.layout.closing
        if start is None:
            # OCR may have lost the closing formula too; start after the body's last "จึง…".
            body = [i for i in self.text_lines(self.layout.body or self.seg.anchor, self.seg.end)
                    if self.norm[i].lstrip().startswith("จึง")]  # fmt: skip
            if not body:
                return False
            start = body[-1]
        lines = self.text_lines(start + 1, min(self.seg.end, start + 14))
        for n, i in enumerate(lines):
            if FOOTER.search(self.norm[i]):
                break
            match = PAREN_NAME_ANYWHERE.search(self.norm[i])
            if not match:
                continue
            self.rec.signer_name = clean(match["name"].rstrip(")"))
            self.rec.at["signer_name"] = i
            self.warn("ชื่อผู้ลงนามอ่านจากบรรทัดที่มีรอยลายมือชื่อปน (OCR)")
            for j in lines[n + 1 : n + 6]:
                if FOOTER.search(self.norm[j]):
                    break
                for part in re.split(r"\s{3,}", fold_sara_am(self.raw[j])):
                    for word in re.finditer(r"(?:^|(?<=[^ก-๙]))[ก-๙]", part):
                        text = clean(part[word.start() :])
                        if POSITION_HEAD.match(text):
                            self.rec.signer_position = text
                            return True
            return True
        return False

    def _read_deadline(self) -> None:
        end = self.layout.closing or self.seg.end
        lines = self.text_lines(self.seg.start, end)
        text = "\n".join(self.norm[i] for i in lines)
        self.rec.spans["deadline"] = "\n".join(self.raw[i] for i in lines)
        for match in DEADLINE.finditer(text):
            date_match = DATE_RE.match(text, match.end())
            if date_match and date_match["day"]:
                found = read_date_match(date_match)
                if found.value:
                    self.rec.deadline = found.value
                    # The checks judge the digits of the date itself, on the line it stands on.
                    self.rec.spans["deadline"] = date_match[0]
                    self.rec.at["deadline"] = lines[text.count("\n", 0, date_match.start())]
                    return

    # -- a forwarding endorsement written on another letter -------------------------------

    def _read_endorsement(self) -> ParsedLetter:
        self.rec.kind = "other"
        anchor = self.seg.anchor
        number = read_number(_number_text(self.raw[anchor]))
        self.rec.doc_no, self.rec.circular = number.value, number.circular
        self.rec.warnings.extend(number.warnings)
        found = find_date(number.rest) if number.rest else None
        if found:
            self.rec.date = found.value
        offices = [i for i in self.seg.own_lines if i < anchor]
        if offices:
            self.rec.sender_agency = clean(self.raw[offices[0]])
        salutations = [i for i in self.seg.own_lines if i > anchor]
        if salutations:
            text = clean(self._label_rest(salutations[0], "salutation"))
            self.rec.salutation_to = text or None
        signer = self.seg.signer_line
        if signer is not None:
            self.rec.signer_name = clean(PAREN_NAME.match(self.norm[signer])["name"])  # type: ignore[index]
            self.rec.signer_position = self._position_after(signer)
        self.rec.warnings.append("บันทึกสั่งการ/ส่งต่อที่เขียนบนหนังสือฉบับอื่น")
        return self.rec


def _number_text(line: str) -> str:
    """The text after ``ที่`` on a number line (the same rule that found the line)."""
    match = NUMBER_LINE.match(line)
    return match["rest"] if match else line


_ADDRESS_HEADS = (skeleton("ที่ว่าการ"), skeleton("ศาลากลาง"))


def _position_text(line: str) -> str | None:
    """A signer's position as its line reads, without what was written over it.

    An endorsement written beside the position (``… เพื่อโปรดพิจารณา``) is not part of it;
    one written level with it that OCR joined to its start (``เรียน ท้องถิ่นจังหวัด ท้องถิ่น
    อำเภอ…``) leaves its addressee there, and a signature's strokes leave Latin smudges.
    """
    text = re.split(r"\s+เพื่อ", line)[0]
    tokens = text.split()
    while len(tokens) > 1 and re.fullmatch(r"[A-Za-z%&@#*.,:;'\"!|=_\-]+", tokens[0]):
        tokens.pop(0)
    if tokens and tokens[0] == "เรียน":
        tokens = tokens[2:]  # the endorsement's addressee is one word: ท้องถิ่นจังหวัด, นายอำเภอ
    text = " ".join(tokens)
    return text if _is_text(text) else None


def _is_text(line: str) -> bool:
    """Whether a line has words in it, not just a smudge OCR read as a letter or two."""
    return bool(re.search(r"[ก-๙]{3}", line))


def _completes_head(name: str, text: str) -> bool:
    """Whether ``text`` (one word, ``อำเภอท่าวังผา``) finishes an office name cut before its
    place: the name is a head's beginning and the two together are that head and a place."""
    if " " in text.strip() or re.search(r"[0-9๐-๙]", text):
        return False
    # Compared without marks: OCR drops a tone mark or a vowel (ท้องถิน) more often than a letter.
    name, joined = skeleton(name), skeleton(name + text.strip())
    return any(len(head) > len(name) and head.startswith(name) and joined.startswith(head) and len(joined) > len(head)
               for head in _HEAD_SKELETONS)  # fmt: skip


_HEAD_SKELETONS = tuple(skeleton(head) for head in OFFICE_HEADS)


_ADDRESS_WORD = re.compile(r"(?:^|\s)(?:ถนน|ถ\.|เลขที่\s*[0-9๐-๙]|หมู่ที่|ตำบล|ต\.|อำเภอ|อ\.)")
_BARE_NAME = re.compile(r"^(?:นาย|นาง|นางสาว|ว่าที่\S*)\s?[ก-๙]+\s+[ก-๙]+$")

_LAYOUT_FIELD = {
    "subject": "subject",
    "salutation": "salutation",
    "to": "to",
    "reference": "reference",
    "attachment": "attachment",
    "unit": "unit",
    "date": "date_label",
}
_LABEL_WORD = {"attachment": "มาด้วย", "reference": "อ้างถึง"}

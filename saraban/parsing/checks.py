"""The last stage of reading: is each value believable, and how sure are we of it?

Three rules, for any letter:

- **Digits are believed only as the page bears them out** (:mod:`saraban.parsing.evidence`).
  Tesseract reads Thai words well and Thai digits badly even on clean print (๘→๕, ๗→๓, ๖→๒,
  ๙→๕; ๒๕๖๘ → ๒๕๒๕), the same way at every scale, and cannot read handwriting. A number or
  date is kept only where the digit reader (:mod:`saraban.digits`) read every digit of it
  from the page image, surely and in print — or, written by hand or stamped, where it and
  Tesseract each read every digit alike (kept at a low confidence, for a glance); a reading
  it was fairly sure of becomes a **suggestion** (``suggestions``) for the clerk; anything else is
  left empty, the reading kept in ``warnings``. Text OCR'd elsewhere has no image: its
  digits are never believed.
- **Values must fit together.** A letter dated after its receipt stamp, years before it,
  before a letter it cites, or on a day that does not exist is not believed either; nor a
  number whose letter code is not the known code of the office that signed it.
- **Office names are put right** against the known names (:mod:`saraban.parsing.names`).

Every field gets a confidence 0–1; a field left empty for the clerk gets 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from saraban.digits.reader import DigitRead
from saraban.parsing.docno import normalise_number
from saraban.parsing.evidence import HAND_FACTOR, Evidence, weigh
from saraban.parsing.lines import OFFICE_HEAD, SPEAKS
from saraban.parsing.names import OfficeNames
from saraban.parsing.record import ParsedLetter, ReceiptStamp
from saraban.parsing.segment import Segment
from saraban.thai.dates import MONTHS_ABBR, be_year, format_thai_date, stamp_time
from saraban.thai.digits import has_thai_digits, to_arabic
from saraban.thai.text import fold_sara_am, sara_am_written_apart

_LATIN_JUNK = re.compile(r"^[\s\W\d_]*[A-Za-z][A-Za-z\W\d_]{0,24}$")
_MAX_LETTER_AGE = timedelta(days=3 * 366)
"""A letter received more than this long after its date is read wrong, not late."""
ADDED_CONFIDENCE = 0.55
"""A number or date written by hand or stamped, kept on two readers' agreement: below
:data:`~saraban.parsing.record.LOW_CONFIDENCE`, so the form marks it for the clerk to check."""
_EARLIEST_YEAR_BE = 2475
"""No letter under the correspondence regulations is older than this."""

REQUIRED = ("doc_no", "date", "subject", "salutation_to", "sender_agency")
OPTIONAL = ("urgency", "secrecy", "attachments", "references", "receipt_stamps", "signer_name",
            "signer_position", "deadline", "circular", "kind")  # fmt: skip


def looks_like_ocr(text: str) -> bool:
    """Whether a text is OCR output rather than typed text or a PDF's text layer.

    Tesseract writes SARA AM as NIKHAHIT + SARA AA (``ํา``), which typed Thai and text layers
    almost never do, and turns stamps and handwriting into short Latin junk lines.
    """
    if sara_am_written_apart(text):
        return True
    lines = [line for line in text.split("\n") if line.strip()]
    thai_lines = sum(1 for line in lines if re.search(r"[ก-๙]", line))
    junk = sum(1 for line in lines if _LATIN_JUNK.match(line))
    return thai_lines > 5 and junk >= 3 and junk >= 0.05 * len(lines)


@dataclass
class Trust:
    """What the checks know about the text: OCR or not, per-line OCR confidence, repairs."""

    ocr: bool
    line_confidence: list[float | None] | None = None
    digits: list[list[DigitRead] | None] | None = None
    """Per line, the words the digit reader read from the page image (only when saraban ran OCR)."""
    layer: list[bool] | None = None
    """Per line, whether it came from a PDF page's text layer (in a PDF partly OCR'd)."""
    repairs: dict[int, str] = field(default_factory=dict)
    names: OfficeNames = field(default_factory=OfficeNames.standard)

    def weigh(self, span: str, lines: list[int]) -> Evidence:
        """The evidence for a value's digits; a value typed in a page's text layer stands."""
        if self.layer is not None and lines and all(i < len(self.layer) and self.layer[i] for i in lines):
            return Evidence(None, 1.0)
        return weigh(span, lines, self.digits)

    def base(self) -> float:
        return 0.8 if self.ocr else 0.95

    def line(self, index: int | None) -> float:
        """Confidence in a line: OCR's own where known, lowered where a label was repaired."""
        value = self.base()
        # Line confidences exist only for pages saraban OCR'd itself.
        if index is not None and self.line_confidence is not None and index < len(self.line_confidence):
            known = self.line_confidence[index]
            if known is not None:
                value = min(value, 0.5 + 0.5 * known)
        if index is not None and index in self.repairs:
            value *= 0.9
        return value


def check_letter(rec: ParsedLetter, raw: list[str], seg: Segment, trust: Trust) -> None:
    """Check one letter's fields in place and set its ``confidence``."""
    confidence: dict[str, float] = {}
    _check_names(rec, trust, confidence)
    if rec.kind == "stamped":
        _stamped_issuer_from_body(rec, raw, seg, trust, confidence)
    _code_from_sender(rec, trust)
    if trust.ocr:
        _distrust_ocr_digits(rec, raw, trust, confidence)
    _check_dates(rec)
    _check_code(rec, trust)
    for name in ("doc_no", "date"):
        if getattr(rec, name) is None and confidence.get(name) == ADDED_CONFIDENCE:
            del confidence[name]  # a later check left it empty after all
    for name in REQUIRED + OPTIONAL:
        if name in confidence:
            continue
        value = getattr(rec, name)
        if name in rec.spans and f"abstained:{name}" in rec.spans:
            confidence[name] = 0.0
        elif value in (None, [], ""):
            confidence[name] = 0.0 if name in REQUIRED and _expected(rec, name) else trust.base()
        elif name in ("doc_no", "date") and trust.ocr:
            confidence[name] = 0.85  # every digit read again from the page image
        else:
            confidence[name] = round(trust.line(rec.at.get(name)), 2)
    rec.confidence = {name: confidence[name] for name in REQUIRED + OPTIONAL}


def _expected(rec: ParsedLetter, name: str) -> bool:
    if rec.kind == "stamped":
        return name in ("doc_no", "date", "salutation_to", "sender_agency")
    if rec.kind == "other" and rec.written_on is not None:
        return name in ("doc_no", "date")
    return True


def _day(value: date) -> str:
    """A date in a warning, as the clerk reads dates (``5 ธ.ค. 2569``), never ISO."""
    return format_thai_date(value, digits="arabic", abbreviated=True)


def _abstain(rec: ParsedLetter, name: str, message: str) -> None:
    rec.spans[f"abstained:{name}"] = "1"
    rec.warnings.append(message)


def _check_names(rec: ParsedLetter, trust: Trust, confidence: dict[str, float]) -> None:
    if rec.sender_agency:
        repair = trust.names.repair(rec.sender_agency)
        if repair.note:
            rec.warnings.append(repair.note)
        rec.sender_agency = repair.name
        confidence["sender_agency"] = round(min(trust.base(), repair.score) if not repair.known else
                                            max(trust.base(), repair.score) * 0.98, 2)  # fmt: skip
    for stamp in rec.receipt_stamps:
        if stamp.agency:
            repair = trust.names.repair(stamp.agency)
            if repair.note:
                rec.warnings.append(f"ตรารับ: {repair.note}")
            stamp.agency = repair.name


_UNIT = re.compile(r"^\s*(?:กลุ่มงาน|กลุ่ม|ฝ่าย|งาน|ส่วน|ศูนย์)")



_GARBLED_CODE = re.compile(r"^\s*\S{0,3}\s*ที่?\s*(?P<code>\S{1,4}?)\.?\s*(?P<agency>\d[\d.]*\d)\s*/\s*"
                           r"(?P<circ>ว\s*\.?)?\s*(?P<seq>\d+)?")  # fmt: skip


def _code_from_sender(rec: ParsedLetter, trust: Trust) -> None:
    """A number whose code letters OCR garbled ("NYU 0023.11/ว 7475") takes the signing
    office's known letters, when its digits begin with the office's known code digits."""
    if rec.doc_no or not rec.sender_agency or "doc_no" not in rec.spans:
        return
    known = trust.names.code_for(rec.sender_agency)
    if not known or " " not in known:
        return
    letters, digits = known.split(" ", 1)
    match = _GARBLED_CODE.match(to_arabic(rec.spans["doc_no"]))
    if not match or re.fullmatch(r"[ก-ฮ]{2,3}", match["code"]) or not match["agency"].startswith(digits):
        return
    rec.doc_no = normalise_number(letters, match["agency"], bool(match["circ"]), match["seq"])
    rec.circular = bool(match["circ"])
    rec.warnings.append(f"อ่านอักษรรหัสหนังสือไม่ได้ ('{match['code']}'): ใช้รหัสของ {rec.sender_agency} ({known})")


def _stamped_issuer_from_body(
    rec: ParsedLetter, raw: list[str], seg: Segment, trust: Trust, conf: dict[str, float]
) -> None:
    """The office that issues a stamped letter, when its seal was not read.

    The line above the date at the foot is the owning unit (กลุ่มงาน…, ฝ่าย…), not the issuer;
    the issuer also speaks in the body ("กรมส่งเสริมการปกครองท้องถิ่น ขอความร่วมมือ…"), so a
    paragraph that opens with a known office's name names it.
    """
    if rec.sender_agency and not _UNIT.match(rec.sender_agency):
        return
    # The body, after ถึง: an office named over the ที่ line is a receipt stamp's.
    opening = max([seg.start - 1] + [rec.at[k] for k in ("doc_no", "salutation_to") if k in rec.at])
    for i in range(opening + 1, seg.end):
        words = raw[i].strip().split(" ")
        if not words or len(words[0]) < 6:
            continue
        repair = trust.names.repair(fold_sara_am(words[0]))
        name = repair.name if repair.known and repair.score >= 0.9 else None
        if name is None and len(words) > 1 and OFFICE_HEAD.match(words[0]) and SPEAKS.match(words[1]):
            name = words[0]  # "กรมโยธาธิการและผังเมือง จึงขอแจ้ง…": an office not in the directory
        if name:
            rec.warnings.append(f"ส่วนราชการเจ้าของหนังสือประทับตราอ่านจากเนื้อความ: '{name}'")
            rec.sender_agency = name
            conf["sender_agency"] = 0.6
            return


def _suggest(rec: ParsedLetter, name: str, value: object, evidence: Evidence, sure: str | None = None) -> None:
    if not evidence.suggestion:
        return
    entry: dict[str, object] = {"value": value, "confidence": evidence.confidence, "reason": evidence.reason}
    if sure:
        entry["sure"] = sure
    rec.suggestions[name] = entry


def _sure_prefix(rec: ParsedLetter, lines: list[int], trust: Trust) -> str | None:
    """The printed part of a number (``"พจ 75401/"``) when its digits are believed on their own."""
    if not rec.doc_no or "/" not in rec.doc_no:
        return None
    head = rec.doc_no.rsplit("/", 1)[0]
    if re.search(r"[0-9]", head) and trust.weigh(head, lines).believed:
        return head + "/"
    return None


_SHORT_MONTHS = "|".join(r"\.\s?".join(map(re.escape, abbr.strip(".").split("."))) for abbr in MONTHS_ABBR)
_ABBREVIATED_MONTH = re.compile(rf"(?<![ก-๎])(?:{_SHORT_MONTHS})\.")
"""A month written short, as a stamp writes it ("มิ.ย.", "ต. ค."); never พ.ศ."""


def _distrust_ocr_digits(rec: ParsedLetter, raw: list[str], trust: Trust, confidence: dict[str, float]) -> None:
    """Empty every number and date whose digits the page does not bear out; a reading the
    digit reader was fairly sure of becomes a suggestion, and every reading stays in a
    warning for the clerk.

    The digits weighed are the value's own (the number as read, the date as written on its
    line), so no digit of a value escapes the evidence, wherever it was read from.
    """
    number_line = [rec.at["doc_no"]] if "doc_no" in rec.at else []
    evidence = trust.weigh(rec.doc_no or "", number_line)
    if trust.digits is None and has_thai_digits(rec.spans.get("doc_no", "")):
        evidence = trust.weigh(rec.spans["doc_no"], number_line)  # as printed: Thai digits are not offered
    if rec.doc_no and not evidence.believed:
        _suggest(rec, "doc_no", rec.doc_no, evidence, _sure_prefix(rec, number_line, trust))
        _abstain(rec, "doc_no", f"เลขที่หนังสืออ่านจาก OCR ได้ '{rec.doc_no}' แต่{evidence.reason} จึงเว้นว่างให้ตรวจจากต้นฉบับ")
        rec.doc_no = None
    elif rec.doc_no and evidence.added:
        _added_but_agreed(rec, "doc_no", f"เลขที่หนังสือ '{rec.doc_no}'", confidence)
    date_span = rec.spans.get("date") or (rec.date.isoformat() if rec.date else "")
    evidence = trust.weigh(date_span, [rec.at["date"]] if "date" in rec.at else [])
    # A letter other than a memo dates itself with the month in full: an abbreviated one is a
    # receipt stamp's date whose label OCR lost ("14 มิ.ย. 2567" over the ที่ line of a scan
    # whose own date line was lost), however surely its digits were read. Never the letter's.
    stamp_like = rec.kind != "memo" and bool(_ABBREVIATED_MONTH.search(date_span))
    if rec.date and stamp_like and evidence.believed:
        evidence = Evidence("วันที่เขียนเดือนแบบย่อแบบตรารับ ไม่ใช่วันที่ของหนังสือ", 0.0)
    if rec.date and not evidence.believed:
        if not stamp_like:
            _suggest(rec, "date", rec.date.isoformat(), evidence)
        _abstain(rec, "date", f"วันที่อ่านจาก OCR ได้ {_day(rec.date)} แต่{evidence.reason} จึงเว้นว่างให้ตรวจจากต้นฉบับ")
        rec.date = None
    elif rec.date and evidence.added:
        _added_but_agreed(rec, "date", f"วันที่ {_day(rec.date)}", confidence)
    deadline_line = [rec.at["deadline"]] if "deadline" in rec.at else []
    if rec.deadline and not trust.weigh(rec.spans.get("deadline", ""), deadline_line).believed:
        _abstain(rec, "deadline", f"กำหนดส่งอ่านจาก OCR ได้ {_day(rec.deadline)} จึงเว้นว่างให้ตรวจ")
        rec.deadline = None
    kept = []
    for n, ref in enumerate(rec.references):
        # A cited number is kept only with its date read and its digits confirmed: OCR turns
        # the ว of a circular into a 2 as easily as it drops a digit.
        span = rec.spans.get(f"ref{n}", "")
        lines = [i for i, line in enumerate(raw) if ref.doc_no and span[:16] and span[:16] in line]
        if ref.doc_no and ref.date and trust.weigh(span, lines).believed:
            kept.append(ref)
    if len(kept) < len(rec.references):
        dropped = ", ".join(str(r.doc_no) for r in rec.references if r not in kept)
        _abstain(rec, "references", f"เลขที่หนังสืออ้างถึงจาก OCR ไม่น่าเชื่อถือ จึงไม่บันทึก: {dropped}")
        rec.references = kept
    offered = []
    for n, stamp in enumerate(rec.receipt_stamps):
        # A stamp's number, date and time are written by hand over a rubber stamp: read from
        # the page they are offered to the clerk, never stored on the reader's word alone.
        lines = [i for i in rec.at_stamps.get(n, []) if re.search(r"[0-9๐-๙]", raw[i])]
        evidence = trust.weigh(rec.spans.get(f"stamp{n}", ""), lines)
        if not (stamp.number or stamp.date or stamp.time):
            continue
        # Never a value, even where both readers agree: a stamp's handwriting is read in parts
        # (a number missing its first digits, a time lost) far more often than a letter's.
        if trust.digits is not None and (evidence.believed or evidence.suggestion):
            day = stamp.date.isoformat() if stamp.date else None
            sure = evidence.confidence * (HAND_FACTOR if evidence.believed else 1.0)
            offered.append({"index": n, "number": stamp.number, "date": day, "time": stamp.time,
                            "confidence": round(sure, 2)})  # fmt: skip
        _abstain_stamp(rec, stamp)
    if offered:
        rec.suggestions["receipt_stamps"] = offered


def _added_but_agreed(rec: ParsedLetter, name: str, what: str, confidence: dict[str, float]) -> None:
    """A value whose digits were written or stamped after printing, kept because the digit
    reader and Tesseract each read every one of them alike: kept, but for a glance."""
    rec.warnings.append(f"{what} เขียนด้วยมือหรือประทับภายหลัง อ่านตรงกันทั้งสองวิธี โปรดตรวจทาน")
    confidence[name] = ADDED_CONFIDENCE


def _stamp_text(stamp: ReceiptStamp) -> str:
    time = stamp_time(stamp.time) if stamp.time else "-"
    return f"เลขรับ {stamp.number or '-'} วันที่ {_day(stamp.date) if stamp.date else '-'} เวลา {time}"


def _abstain_stamp(rec: ParsedLetter, stamp: ReceiptStamp) -> None:
    if stamp.number or stamp.date or stamp.time:
        _abstain(rec, "receipt_stamps", f"ตรารับอ่านจาก OCR ได้ '{_stamp_text(stamp)}' แต่เป็นตัวเลขเขียนด้วยมือ "
                                        "จึงเว้นว่างให้ตรวจ")  # fmt: skip
    stamp.number = stamp.date = stamp.time = None


def _check_dates(rec: ParsedLetter) -> None:
    stamp_dates = [s.date for s in rec.receipt_stamps if s.date]
    if rec.date is None:
        return
    reason = None
    if be_year(rec.date) < _EARLIEST_YEAR_BE:
        reason = f"ปี พ.ศ. {be_year(rec.date)} เก่าเกินกว่าจะเป็นวันที่ของหนังสือ"
    elif stamp_dates and rec.date > min(stamp_dates) + timedelta(days=1):
        reason = f"ลงวันที่ {_day(rec.date)} หลังวันที่ลงรับ {_day(min(stamp_dates))}"
    elif stamp_dates and min(stamp_dates) - rec.date > _MAX_LETTER_AGE:
        reason = f"ลงวันที่ {_day(rec.date)} ก่อนวันที่ลงรับ {_day(min(stamp_dates))} หลายปี"
    else:
        cited = [r.date for r in rec.references if r.date]
        if cited and rec.date < max(cited) - timedelta(days=1):
            reason = f"ลงวันที่ {_day(rec.date)} ก่อนหนังสือที่อ้างถึง ({_day(max(cited))})"
    if reason:
        _abstain(rec, "date", f"วันที่ของหนังสือไม่น่าเป็นไปได้ ({reason}) จึงเว้นว่างให้ตรวจ")
        rec.date = None


def _check_code(rec: ParsedLetter, trust: Trust) -> None:
    """A number whose code is not the known code of the signing office was read wrong."""
    if not rec.doc_no or not rec.sender_agency or not rec.code_prefix:
        return
    known = trust.names.code_for(rec.sender_agency)
    if not known:
        return
    letters = known.split(" ")[0]
    prefix = rec.code_prefix.replace(".", " ", 1) if "." in rec.code_prefix.split(" ")[0] else rec.code_prefix
    if prefix.startswith(letters) and (" " not in known or prefix.replace(" ", "").startswith(known.replace(" ", ""))):
        return
    _abstain(rec, "doc_no", f"รหัสหนังสือ '{rec.code_prefix}' ไม่ตรงกับรหัสของ {rec.sender_agency} ({known}) "
                            "จึงเว้นว่างให้ตรวจ")  # fmt: skip
    rec.doc_no = None

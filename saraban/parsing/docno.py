"""Letter numbers ("ที่ มท ๐๘๑๐.๔/ว ๓๕๙๘"): reading them through OCR noise and normalising."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from saraban.thai.digits import to_arabic

# The code: 2–3 Thai consonants, OCR sometimes adds a dot ("อต."). The agency number:
# digits with dotted sub-units, OCR may put spaces inside. Then "/", the optional ว
# (written ว, ว., ว with no space), and the running number, possibly after dotted fill.
_NUMBER = re.compile(
    r"^(?P<code>[ก-ฮ]{2,3}\.?)\s*(?P<agency>\d[\d .]*?\d|\d)\s*/\s*"
    r"(?P<circ>ว\s*\.?)?\s*[.…_\s]*(?P<seq>\d[\d ]*\d|\d)?(?P<tail>.*)$"
)


@dataclass
class LetterNumber:
    """A letter number as read: ``value`` is the normalised number, or the prefix when the
    running number is blank or unreadable, or ``None`` when even the code is unreadable."""

    value: str | None
    circular: bool | None
    complete: bool
    rest: str = ""
    """Text after the number on the same line (an office name, a date)."""
    warnings: list[str] = field(default_factory=list)


def normalise_number(code: str, agency: str, circular: bool, seq: str | None) -> str:
    """The canonical spelling: ``"มท 0810.4/ว 3598"`` (Arabic digits, single spaces)."""
    agency = re.sub(r"\s+", "", agency)
    tail = ("ว " if circular else "") + (seq or "")
    return f"{code} {agency}/{tail}"


def read_number(raw: str) -> LetterNumber:
    """Read the text after ``ที่`` on a number line.

    Returns a :class:`LetterNumber`; a blank running number keeps the printed prefix and
    warns, a garbled one warns and leaves ``circular`` unknown.
    """
    text = to_arabic(raw).strip()
    # A wide gap ends the number: what stands after it is the next column (the office, a date);
    # on a memo form the gap is the dotted line the number was typed on.
    column = re.search(r"\s{4,}|(?<=\d)\s*[.…]{4,}\s*", text)  # dots after "/" are the blank to fill
    beside = text[column.end() :].strip() if column else ""
    if column:
        text = text[: column.start()]
    # OCR loses the slash before ว: "มท 0801.3ว 1503" is "มท 0801.3/ว 1503".
    text = re.sub(r"^([ก-ฮ]{2,3}\.?\s*\d[\d.]*\d)\s*(ว\s*\.?\s*\d)", r"\1/\2", text)
    match = _NUMBER.match(text)
    if match and re.search(r"\d[\u0e31-\u0e4e]+\d", text.split("/", 1)[-1]):
        # A tone mark among the digits: OCR merged a stroke into the number; no reading is safe.
        circular = bool(match["circ"])
        return LetterNumber(None, circular, False, beside, [f"เลขที่หนังสืออ่านไม่ชัด: 'ที่ {raw.strip()}'"])
    if match and re.match(r"\s*\d\s+\d", text.split("/", 1)[1]):
        # "/2 2300": OCR reads the ว of a circular as a digit; which one it was is unknowable.
        return LetterNumber(None, None, False, beside, [f"เลขหลัง '/' อ่านไม่ชัด (อาจเป็น ว): 'ที่ {raw.strip()}'"])
    if not match:
        circular = None
        after = text.split("/", 1)[1] if "/" in text else None
        if after is not None and not re.match(r"\s*\d{1,2}\s+\d", after):
            # The code is unreadable, but whether ว follows the slash is still plain to see
            # (unless it was read as a digit or two before the running number: "/23 1658").
            circular = after.lstrip()[:1] == "ว"
        return LetterNumber(None, circular, False, beside, [f"อ่านรหัสหนังสือไม่ได้: 'ที่ {raw.strip()}'"])
    code = match["code"]
    agency = re.sub(r"\s+", "", match["agency"]).strip(".")
    circular = bool(match["circ"])
    seq = re.sub(r"\s+", "", match["seq"] or "")
    # What stands beside the number in its own column is the rest; without a column, the tail.
    tail = beside or match["tail"]
    warnings: list[str] = []
    if seq and re.match(r"^\s*\.\s*\d", tail):
        # "18.6533": a handwritten number over print; no reading of it is safe.
        prefix = normalise_number(code, agency, False, None)
        return LetterNumber(prefix, None, False, "", [f"เลขที่หนังสืออ่านไม่ชัด: 'ที่ {raw.strip()}' (เก็บเฉพาะรหัส)"])
    if not seq:
        prefix = normalise_number(code, agency, circular, None)
        warnings.append(f"เลขที่หนังสือเว้นว่างไว้: '{prefix}'")
        return LetterNumber(prefix.rstrip(), circular, False, tail.strip(), warnings)
    if " " in (match["seq"] or "").strip():
        warnings.append(f"เลขที่หนังสือมีช่องว่างภายใน: '{match['seq'].strip()}' อ่านเป็น {seq}")
    return LetterNumber(normalise_number(code, agency, circular, seq), circular, True, tail.strip(), warnings)


_CITED = re.compile(r"ที่\s*(?P<num>[ก-ฮ]{2,3}\.?\s*[0-9๐-๙][0-9๐-๙ .]*\s*/\s*(?:ว\s*\.?\s*)?[0-9๐-๙]+(?:\s[0-9๐-๙]+)?)")


def cited_numbers(text: str) -> list[tuple[str, int, int]]:
    """Every letter number cited after ``ที่`` in a passage: (normalised, start, end)."""
    found = []
    for match in _CITED.finditer(text):
        number = read_number(match["num"])
        if number.value and number.complete:
            found.append((number.value, match.start(), match.end()))
    return found

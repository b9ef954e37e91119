"""Buddhist Era dates with Thai month names, as written in official letters.

Letters write "๑๓ พฤศจิกายน ๒๕๖๑" in the date line and "13 พ.ย. 61" in stamps; OCR adds
"ค.ค." for "ต.ค.", stray dots and spaces. :func:`find_date` reads all of these and reports
what it had to repair; it never guesses a missing day or year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from saraban.thai.digits import render_digits, to_arabic

BE_OFFSET = 543
BANGKOK = timezone(timedelta(hours=7), "ICT")
"""Thailand keeps UTC+7 all year (no daylight saving), so a fixed offset is exact."""

MONTHS_FULL = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_ABBR = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

# Spellings seen in real letters besides the standard ones (common typos, OCR, old forms).
_FULL_VARIANTS = {
    "กรกฏาคม": 7,
    "พฤศจิกายม": 11,
    "กุมภาพันธ": 2,
    "พฤษภาคม": 5,
}
# OCR confuses ต with ค in "ต.ค."; it is the only reading of "ค.ค." that is a month.
_ABBR_REPAIRS = {"คค": ("ตค", "ค.ค. อ่านเป็น ต.ค. (OCR)")}


def now_bangkok() -> datetime:
    """The current wall-clock time in Thailand, without tzinfo (as registers record it)."""
    return datetime.now(BANGKOK).replace(tzinfo=None)


def today_bangkok() -> date:
    """Today's date in Thailand."""
    return now_bangkok().date()


def be_year(d: date | int) -> int:
    """The Buddhist Era year of a date or a Gregorian year."""
    return (d if isinstance(d, int) else d.year) + BE_OFFSET


def ce_year(year: int) -> int:
    """A Gregorian year from a year that may be BE (≥ 2400) or CE."""
    return year - BE_OFFSET if year >= 2400 else year


def format_thai_date(d: date, *, digits: str = "thai", abbreviated: bool = False) -> str:
    """Format a date as letters write it: ``"๑๓ พฤศจิกายน ๒๕๖๑"``.

    Args:
        d: The date.
        digits: ``"thai"`` or ``"arabic"``.
        abbreviated: Use ``"พ.ย."`` instead of the full month name (registers, stamps).
    """
    month = (MONTHS_ABBR if abbreviated else MONTHS_FULL)[d.month - 1]
    return render_digits(f"{d.day} {month} {be_year(d)}", digits)


def stamp_time(hhmm: str) -> str:
    """A time as a receipt stamp writes it: ``"09:30"`` → ``"09.30 น."`` (digits as given)."""
    return f"{hhmm.replace(':', '.')} น."


def format_thai_datetime(dt: datetime, *, digits: str = "thai") -> str:
    """Format a receipt time: ``"๑๓ พ.ย. ๒๕๖๑ เวลา ๐๙.๔๕ น."``."""
    return render_digits(f"{format_thai_date(dt.date(), digits='arabic', abbreviated=True)} เวลา {dt:%H.%M} น.", digits)


def _month_alternatives() -> str:
    full = sorted({*MONTHS_FULL, *_FULL_VARIANTS}, key=len, reverse=True)
    # Abbreviations: two consonant groups with at least one dot, so "พ.ย.", "พ.ย", "พย." and
    # "พ. ย." match but the "กค" inside "ปกครอง" does not; "ค.ค." is matched for repair.
    abbr_parts = {m.replace(".", "") for m in MONTHS_ABBR} | set(_ABBR_REPAIRS)
    abbr = []
    for part in sorted(abbr_parts, key=len, reverse=True):
        # Split "มีค" into "มี" + "ค": the first group is everything before the last consonant.
        head, tail = part[:-1], part[-1]
        h, t = re.escape(head), re.escape(tail)
        abbr.append(rf"{h}(?:\s?\.\s?{t}\.?|{t}\.)")
    return "|".join([*map(re.escape, full), *abbr])


_MONTH = _month_alternatives()
_DIGIT = r"[0-9๐-๙]"
DATE_RE = re.compile(
    rf"(?<![0-9๐-๙])(?P<day>{_DIGIT}{{1,2}})?[\s.]*(?:เดือน\s*)?"
    rf"(?<![ก-๎])(?P<month>{_MONTH})\s*(?:พ\s?\.\s?ศ\s?\.?\s*)?"
    rf"(?P<year>{_DIGIT}\s?{_DIGIT}(?:\s?{_DIGIT}\s?{_DIGIT})?)?(?![0-9๐-๙])"
)
"""A Thai date: optional day, month name or abbreviation, optional (BE or 2-digit) year."""


@dataclass
class FoundDate:
    """A date read from text, with what was uncertain about it."""

    value: date | None
    start: int
    end: int
    warnings: list[str] = field(default_factory=list)


def month_number(token: str) -> tuple[int | None, str | None]:
    """The month (1–12) named by a full or abbreviated Thai month token, and a repair note."""
    token = token.strip()
    if token in MONTHS_FULL:
        return MONTHS_FULL.index(token) + 1, None
    if token in _FULL_VARIANTS:
        return _FULL_VARIANTS[token], None
    bare = re.sub(r"[\s.]", "", token)
    note = None
    if bare in _ABBR_REPAIRS:
        bare, note = _ABBR_REPAIRS[bare]
    for i, abbr in enumerate(MONTHS_ABBR):
        if abbr.replace(".", "") == bare:
            return i + 1, note
    return None, None


def interpret_year(raw: str) -> tuple[int | None, str | None]:
    """A Gregorian year from a written year: 4-digit BE (2561), 2-digit BE (61) or CE (2018)."""
    digits = re.sub(r"\s", "", to_arabic(raw))
    if not digits.isdigit():
        return None, None
    year = int(digits)
    if len(digits) == 2:
        return 2500 + year - BE_OFFSET, None
    if 2400 <= year <= 2700:
        return year - BE_OFFSET, None
    if 1900 <= year <= 2200:
        return year, f"ปี {digits} เป็นปี ค.ศ."
    return None, f"ปี {digits} ไม่น่าใช่ปี พ.ศ."


def build_date(day: int, month: int, year_ce: int) -> date:
    """A date, or :class:`ValueError` with a Thai message such as "ไม่มีวันที่ 31 ก.พ. 2561".

    The reading itself is PyThaiNLP's ``thai_strptime`` on the date as a letter writes it
    (day, Thai month name, Buddhist Era year); the check before it gives the clerk a message
    in Thai that says which day does not exist.
    """
    from pythainlp.util import thai_strptime

    last = calendar.monthrange(year_ce, month)[1] if 1 <= year_ce <= 9999 and 1 <= month <= 12 else 0
    if not 1 <= day <= last:
        raise ValueError(f"ไม่มีวันที่ {day} {MONTHS_ABBR[month - 1]} {year_ce + BE_OFFSET} (เดือนนี้มี {last} วัน)")
    return thai_strptime(f"{day} {MONTHS_FULL[month - 1]} {year_ce + BE_OFFSET}", "%d %B %Y").date()


def read_date_match(match: re.Match[str]) -> FoundDate:
    """Turn a :data:`DATE_RE` match into a date, never guessing a missing part."""
    warnings: list[str] = []
    month, note = month_number(match["month"])
    if note:
        warnings.append(note)
    value = None
    if month is None:
        warnings.append(f"อ่านชื่อเดือน '{match['month']}' ไม่ได้")
    elif not match["day"]:
        warnings.append("วันที่ไม่มีวัน (มีแต่เดือนและปี) จึงไม่ระบุวันที่")
    elif not match["year"]:
        warnings.append("วันที่ไม่มีปี จึงไม่ระบุวันที่")
    else:
        year, year_note = interpret_year(match["year"])
        if year_note:
            warnings.append(year_note)
        if year is not None:
            try:
                value = build_date(int(to_arabic(match["day"])), month, year)
            except ValueError as exc:
                warnings.append(str(exc))
    return FoundDate(value, match.start(), match.end(), warnings)


def find_date(text: str, start: int = 0) -> FoundDate | None:
    """The first Thai date in ``text`` at or after ``start``, or ``None`` when there is none."""
    match = DATE_RE.search(text, start)
    return read_date_match(match) if match else None


def parse_thai_date(text: str) -> date:
    """Parse a date a person typed: Thai (``"13 พ.ย. 2561"``) or ISO (``"2018-11-13"``).

    Raises:
        ValueError: With a message that says what is wrong (e.g. "ไม่มีวันที่ 31 ก.พ. 2561").
    """
    cleaned = to_arabic(text.strip())
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", cleaned)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
        if not 1 <= month <= 12:
            raise ValueError(f"เดือน {month} ไม่มีอยู่จริง")
        return build_date(day, month, ce_year(year))
    slashed = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", cleaned)
    if slashed:
        day, month = int(slashed[1]), int(slashed[2])
        year, _ = interpret_year(slashed[3])
        if year is None or not 1 <= month <= 12:
            raise ValueError(f"อ่านวันที่ '{text}' ไม่ได้")
        return build_date(day, month, year)
    found = find_date(cleaned)
    if found is None or found.value is None:
        reason = "; ".join(found.warnings) if found else "ไม่พบวัน เดือน ปี"
        raise ValueError(f"อ่านวันที่ '{text}' ไม่ได้: {reason}")
    return found.value


def fiscal_year_be(d: date) -> int:
    """The Thai fiscal year (BE) of a date: it starts on 1 October."""
    return be_year(d.year + 1 if d.month >= 10 else d.year)


def register_year_be(d: date, reset: str = "calendar") -> int:
    """The register year (BE) a date belongs to under the office's reset rule."""
    return fiscal_year_be(d) if reset == "fiscal" else be_year(d)


EARLIEST_WHEN_CE = 1970
"""No register saraban keeps goes back further; a year before it is a typing mistake."""

_ISO_WHEN = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2})[:.](?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?"
)
_CLOCK = re.compile(r"(?:เวลา\s*)?(?P<H>\d{1,2})[:.](?P<M>\d{2})\s*(?:น\.?)?\s*$")


def when_year(year: int, now: datetime) -> int:
    """A year typed with a receipt time, as a Christian-era year.

    Four digits from 2400 are Buddhist Era (2569 → 2026), as Thai clerks write them; a
    Christian-era year is taken as it is. Either must fall between
    :data:`EARLIEST_WHEN_CE` and next year.

    Raises:
        ValueError: The year is outside that window (in Thai, naming the window).
    """
    ce = year - BE_OFFSET if year >= 2400 else year
    if not EARLIEST_WHEN_CE <= ce <= now.year + 1:
        raise ValueError(
            f"ปี {year} อยู่นอกช่วงที่เป็นไปได้: ใช้ปี พ.ศ. {EARLIEST_WHEN_CE + BE_OFFSET}–{now.year + 1 + BE_OFFSET}"
            f" หรือ ค.ศ. {EARLIEST_WHEN_CE}–{now.year + 1}"
        )
    return ce


def parse_when(text: str, *, now: datetime | None = None) -> datetime:
    """A date and time a clerk typed, as Thailand wall-clock time without tzinfo.

    Accepted: ISO with a Buddhist-Era or Christian-era year (``2569-11-22T09:30``,
    ``2026-11-22 09:30``, with an optional UTC offset, which is converted to Thai time), or
    as a receipt stamp writes it (``22 พ.ย. 2569 09.30 น.``). Thai digits are read too. A
    time is required: a receipt without one would be a guess.

    Args:
        text: What was typed.
        now: The present, for the plausible-year window (default: now in Thailand).

    Raises:
        ValueError: With a one-line Thai message saying what is wrong.
    """
    now = now or now_bangkok()
    cleaned = to_arabic(text.strip())
    iso = _ISO_WHEN.fullmatch(cleaned)
    if iso:
        if iso["H"] is None:
            raise ValueError(f"'{text}' ไม่มีเวลา: ใส่เวลาด้วย เช่น {iso[0]}T09:30")
        year = when_year(int(iso["y"]), now)
        try:
            value = datetime(year, int(iso["m"]), int(iso["d"]), int(iso["H"]), int(iso["M"]), int(iso["S"] or 0))
        except ValueError:
            raise ValueError(f"'{text}' ไม่ใช่วันเวลาที่มีอยู่จริง") from None
        if iso["tz"]:
            offset = datetime.fromisoformat(f"2000-01-01T00:00{iso['tz'].replace('Z', '+00:00')}").utcoffset()
            assert offset is not None
            value = (value - offset + timedelta(hours=7)).replace(tzinfo=None)
        return value
    clock = _CLOCK.search(cleaned)
    found = find_date(cleaned[: clock.start()] if clock else cleaned)
    if found is None or found.value is None:
        reason = "; ".join(found.warnings) if found else "ไม่พบวัน เดือน ปี"
        raise ValueError(f"อ่านวันเวลา '{text}' ไม่ได้ ({reason}): ใช้ 2569-11-22T09:30 หรือ 22 พ.ย. 2569 09.30 น.")
    if clock is None:
        raise ValueError(f"'{text}' ไม่มีเวลา: ใส่เวลาด้วย เช่น {text.strip()} 09.30 น.")
    hour, minute = int(clock["H"]), int(clock["M"])
    if hour > 23 or minute > 59:
        raise ValueError(f"เวลา {clock['H']}.{clock['M']} ไม่มีอยู่จริง")
    when_year(found.value.year, now)
    return datetime.combine(found.value, datetime.min.time()).replace(hour=hour, minute=minute)

"""Date filters typed freely: "วันนี้", "เมื่อวาน", "7 วันก่อน", "1 พ.ย. 2561", "last week".

dateparser reads relative phrases in Thai and English; a Buddhist Era year ("2561") it takes
for a Gregorian one, so such years are corrected here. A relative phrase means "from then
until today"; a date means that day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from saraban.thai.dates import BE_OFFSET, MONTHS_ABBR, MONTHS_FULL, parse_thai_date
from saraban.thai.digits import to_arabic

_RELATIVE = re.compile(r"ก่อน|ที่แล้ว|ผ่านมา|ago|last|past", re.IGNORECASE)
_N_UNITS_BEFORE = re.compile(r"(\d+)\s*(วัน|สัปดาห์|อาทิตย์|เดือน|ปี)\s*ก่อน")
_MONTH_YEAR = re.compile(r"(?:เดือน\s*)?(?P<month>[\u0e01-\u0e4e.]+)\s*(?P<year>\d{4}|\d{2})")
_YEAR = re.compile(r"ปี\s*(?:พ\.\s*ศ\.\s*)?(?P<year>\d{4})")
_SAME_DAY = {"วันนี้", "today", "เมื่อวาน", "yesterday", "เมื่อวานนี้"}


_WORDS = sorted(
    [*MONTHS_FULL, *(m.rstrip(".") for m in MONTHS_ABBR), "วันนี้", "เมื่อวานนี้", "เมื่อวาน", "พรุ่งนี้", "มะรืน",
     "วันที่", "วัน", "สัปดาห์", "อาทิตย์", "เดือน", "ปี", "ก่อน", "ที่แล้ว", "ผ่านมา", "นี้", "ล่าสุด", "ที่", "พ.ศ",
     "ค.ศ", "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "พฤหัส", "ศุกร์", "เสาร์", "ม.ค", "ก.พ", "มี.ค", "เม.ย", "พ.ค",
     "มิ.ย", "ก.ค", "ส.ค", "ก.ย", "ต.ค", "พ.ย", "ธ.ค"],
    key=len, reverse=True,
)  # fmt: skip
_DATE_WORDS = re.compile("|".join(re.escape(w) for w in _WORDS) + r"|[a-z]+|[0-9]+|[\s.,/-]+", re.IGNORECASE)
_ENGLISH = {"today", "yesterday", "tomorrow", "ago", "last", "past", "this", "week", "weeks", "day", "days",
            "month", "months", "year", "years", "the", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
            "sep", "oct", "nov", "dec", "january", "february", "march", "april", "june", "july", "august",
            "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday"}  # fmt: skip


def _only_date_words(cleaned: str) -> bool:
    """Whether every part of the text is a date's: a filter never reads a date out of a longer
    text and drops the rest ("พรุ่งนี้/ว 1104" is not tomorrow)."""
    at = 0
    for found in _DATE_WORDS.finditer(cleaned):
        if found.start() != at:
            return False
        word = found.group()
        if word.isascii() and word.isalpha() and word.lower() not in _ENGLISH:
            return False
        at = found.end()
    return at == len(cleaned)


def parse_date_filter(text: str, today: date) -> tuple[date, date] | None:
    """The (first, last) days a typed filter means, or ``None`` when it is not (all) a date.

    Args:
        text: What the clerk typed.
        today: The day relative phrases count from.
    """
    cleaned = to_arabic(text.strip())
    if not cleaned or not _only_date_words(cleaned):
        return None
    try:
        day = parse_thai_date(cleaned)
        return day, day
    except ValueError:
        pass
    whole = _month_or_year(cleaned)
    if whole is not None:
        return whole
    import dateparser  # slow to import; only when a filter is typed

    phrase = _N_UNITS_BEFORE.sub(r"\1 \2ที่แล้ว", cleaned)
    parsed = dateparser.parse(
        phrase,
        languages=["th", "en"],
        settings={"RELATIVE_BASE": datetime.combine(today, datetime.min.time()), "PREFER_DATES_FROM": "past"},
    )
    if parsed is None:
        return None
    day = parsed.date()
    if day.year >= 2400:  # a Buddhist Era year read as a Gregorian one
        day = day.replace(year=day.year - BE_OFFSET)
    if cleaned.lower() in _SAME_DAY or not _RELATIVE.search(cleaned):
        return day, day
    return min(day, today), today


def _month_or_year(cleaned: str) -> tuple[date, date] | None:
    """"พ.ย. 2569" is November, "ปี 2568" the whole year (dateparser would pick one day)."""
    from saraban.thai.dates import interpret_year, month_number

    found = _MONTH_YEAR.fullmatch(cleaned)
    if found:
        month, _ = month_number(found["month"])
        year, _ = interpret_year(found["year"])
        if month and year:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    found = _YEAR.fullmatch(cleaned)
    if found:
        year, _ = interpret_year(found["year"])
        if year:
            return date(year, 1, 1), date(year, 12, 31)
    return None


def describe_range(first: date, last: date) -> str:
    """A short Thai description of a date range, for the screen."""
    from saraban.thai.dates import format_thai_date

    if first == last:
        return format_thai_date(first, digits="arabic", abbreviated=True)
    return (
        f"{format_thai_date(first, digits='arabic', abbreviated=True)} – "
        f"{format_thai_date(last, digits='arabic', abbreviated=True)}"
    )

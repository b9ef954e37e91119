"""Date filters typed freely: "วันนี้", "เมื่อวาน", "7 วันก่อน", "1 พ.ย. 2561", "last week".

dateparser reads relative phrases in Thai and English; a Buddhist Era year ("2561") it takes
for a Gregorian one, so such years are corrected here. A relative phrase means "from then
until today"; a date means that day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from saraban.thai.dates import BE_OFFSET, MONTHS_ABBR, MONTHS_FULL, parse_thai_date
from saraban.thai.digits import to_arabic

_RELATIVE = re.compile(r"ก่อน|ที่แล้ว|ผ่านมา|ago|last|past", re.IGNORECASE)
_N_UNITS_BEFORE = re.compile(r"(\d+)\s*(วัน|สัปดาห์|อาทิตย์|เดือน|ปี)\s*ก่อน")
_MONTH_YEAR = re.compile(r"(?:เดือน\s*)?(?P<month>[\u0e01-\u0e4e.]+)\s*(?P<year>\d{4}|\d{2})")
_YEAR = re.compile(r"ปี\s*(?:พ\.\s*ศ\.\s*|ค\.\s*ศ\.\s*)?(?P<year>\d{4}|\d{2})")
_MONTH_ONLY = re.compile(r"(?:เดือน\s*)?(?P<month>[\u0e01-\u0e4e.]+)")
_DAY_MONTH = re.compile(r"(?P<day>\d{1,2})\s*(?:เดือน\s*)?(?P<month>[\u0e01-\u0e4e.]+)\s*(?P<year>\d{2}|\d{4})?")
EARLIEST = date(1957, 1, 1)
"""2500 BE: a date filter before it is a misreading, not a register's day."""
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
    if cleaned.isdigit():  # a number alone is a year ("2569") or nothing ("1104" was 1647)
        return _whole_year(cleaned) if len(cleaned) == 4 else None
    if _impossible_day(cleaned):
        return None
    try:
        day = parse_thai_date(cleaned)
        return day, day
    except ValueError:
        pass
    whole = _this(cleaned, today) or _month_or_year(cleaned, today)
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
    if not EARLIEST <= day <= today + timedelta(days=366):  # no register holds it: a misreading
        return None
    if cleaned.lower() in _SAME_DAY or not _RELATIVE.search(cleaned):
        return day, day
    return min(day, today), today


def _whole_month(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _whole_year(typed: str) -> tuple[date, date] | None:
    from saraban.thai.dates import interpret_year

    year, problem = interpret_year(typed)
    # A Christian-era year ("2026") is a year too; a number no calendar would hold is not.
    sure = year and (not problem or (len(typed) == 4 and 1957 <= year <= 2100))
    return (date(year, 1, 1), date(year, 12, 31)) if sure else None


def _this(cleaned: str, today: date) -> tuple[date, date] | None:
    """"เดือนนี้" is this month, "ปีนี้" this year, "สัปดาห์นี้" Monday until today."""
    word = re.sub(r"\s+", "", cleaned)
    if word == "เดือนนี้":
        return _whole_month(today.year, today.month)
    if word == "ปีนี้":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if word in ("สัปดาห์นี้", "อาทิตย์นี้"):
        return today - timedelta(days=today.weekday()), today
    return None


def _impossible_day(cleaned: str) -> bool:
    """A day no calendar has ("32 พ.ย.", "31 ก.พ. 2569"): dateparser made 2475 of the first."""
    from saraban.thai.dates import interpret_year, month_number

    found = _DAY_MONTH.fullmatch(cleaned)
    if not found:
        return False
    month, _ = month_number(found["month"])
    if not month:
        return False
    year = interpret_year(found["year"])[0] if found["year"] else None
    return not 1 <= int(found["day"]) <= calendar.monthrange(year or 2024, month)[1]  # 2024: 29 ก.พ. may be


def _month_or_year(cleaned: str, today: date) -> tuple[date, date] | None:
    """"พ.ย. 2569" is November, "ปี 2568" the whole year, "พ.ย." alone the latest November
    (dateparser would pick one day)."""
    from saraban.thai.dates import interpret_year, month_number

    found = _MONTH_YEAR.fullmatch(cleaned)
    if found:
        month, _ = month_number(found["month"])
        year, _ = interpret_year(found["year"])
        if month and year:
            return _whole_month(year, month)
    found = _MONTH_ONLY.fullmatch(cleaned)
    if found:
        month, _ = month_number(found["month"])
        if month:
            return _whole_month(today.year if month <= today.month else today.year - 1, month)
    found = _YEAR.fullmatch(cleaned)
    if found:
        return _whole_year(found["year"])
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

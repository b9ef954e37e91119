"""Date filters typed freely: "วันนี้", "เมื่อวาน", "7 วันก่อน", "1 พ.ย. 2561", "last week".

dateparser reads relative phrases in Thai and English; a Buddhist Era year ("2561") it takes
for a Gregorian one, so such years are corrected here. A relative phrase means "from then
until today"; a date means that day.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from saraban.thai.dates import BE_OFFSET, parse_thai_date
from saraban.thai.digits import to_arabic

_RELATIVE = re.compile(r"ก่อน|ที่แล้ว|ผ่านมา|ago|last|past", re.IGNORECASE)
_N_UNITS_BEFORE = re.compile(r"(\d+)\s*(วัน|สัปดาห์|อาทิตย์|เดือน|ปี)\s*ก่อน")
_SAME_DAY = {"วันนี้", "today", "เมื่อวาน", "yesterday", "เมื่อวานนี้"}


def parse_date_filter(text: str, today: date) -> tuple[date, date] | None:
    """The (first, last) days a typed filter means, or ``None`` when it is not a date.

    Args:
        text: What the clerk typed.
        today: The day relative phrases count from.
    """
    cleaned = to_arabic(text.strip())
    if not cleaned:
        return None
    try:
        day = parse_thai_date(cleaned)
        return day, day
    except ValueError:
        pass
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


def describe_range(first: date, last: date) -> str:
    """A short Thai description of a date range, for the screen."""
    from saraban.thai.dates import format_thai_date

    if first == last:
        return format_thai_date(first, digits="arabic", abbreviated=True)
    return (
        f"{format_thai_date(first, digits='arabic', abbreviated=True)} – "
        f"{format_thai_date(last, digits='arabic', abbreviated=True)}"
    )

"""Receipt times as clerks type them: Buddhist-Era or Christian-era years, ISO or stamp style."""

from __future__ import annotations

from datetime import datetime

import pytest

from saraban.thai.dates import parse_when

NOW = datetime(2026, 12, 3, 12, 0)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2567-01-05T09:00", datetime(2024, 1, 5, 9, 0)),  # BE, the finding: once read as CE 2567
        ("2024-01-05T09:00", datetime(2024, 1, 5, 9, 0)),
        ("2569-11-22 09:30", datetime(2026, 11, 22, 9, 30)),
        ("๒๕๖๙-๑๑-๒๒T๐๙:๓๐", datetime(2026, 11, 22, 9, 30)),
        ("22 พ.ย. 2569 09.30 น.", datetime(2026, 11, 22, 9, 30)),
        ("๒๒ พฤศจิกายน ๒๕๖๙ เวลา ๐๙.๓๐ น.", datetime(2026, 11, 22, 9, 30)),
        ("2026-11-22T02:30Z", datetime(2026, 11, 22, 9, 30)),  # UTC, converted to Thai time
        ("2026-11-22T09:30+07:00", datetime(2026, 11, 22, 9, 30)),
    ],
)
def test_accepted_forms(typed: str, expected: datetime) -> None:
    assert parse_when(typed, now=NOW) == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("3110-01-05T09:00", "นอกช่วง"),  # 2567 read as CE then shifted: never a register year 3110
        ("2200-01-05T09:00", "นอกช่วง"),
        ("1900-01-05T09:00", "นอกช่วง"),
        ("2571-01-05T09:00", "นอกช่วง"),  # beyond next year
        ("2569-02-30T09:00", "ไม่ใช่วันเวลาที่มีอยู่จริง"),
        ("2569-11-22", "ไม่มีเวลา"),
        ("22 พ.ย. 2569", "ไม่มีเวลา"),
        ("22 พ.ย. 2569 25.10 น.", "ไม่มีอยู่จริง"),
        ("เมื่อวาน", "อ่านวันเวลา"),
    ],
)
def test_refused_with_one_thai_line(typed: str, says: str) -> None:
    with pytest.raises(ValueError, match=says) as caught:
        parse_when(typed, now=NOW)
    assert "\n" not in str(caught.value)

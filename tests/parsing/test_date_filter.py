"""The register's date box: a month and year mean the month, a year the year (#12 item 9)."""

from __future__ import annotations

from datetime import date

import pytest

from saraban.thai.date_filter import parse_date_filter

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("พ.ย. 2569", (date(2026, 11, 1), date(2026, 11, 30))),
        ("พฤศจิกายน ๒๕๖๙", (date(2026, 11, 1), date(2026, 11, 30))),
        ("เดือน ก.พ. 67", (date(2024, 2, 1), date(2024, 2, 29))),
        ("ปี 2568", (date(2025, 1, 1), date(2025, 12, 31))),
        ("ปี พ.ศ. ๒๕๖๘", (date(2025, 1, 1), date(2025, 12, 31))),
        ("1 พ.ย. 2569", (date(2026, 11, 1), date(2026, 11, 1))),
        ("วันนี้", (TODAY, TODAY)),
    ],
)
def test_what_the_date_box_means(typed: str, expected: tuple[date, date]) -> None:
    assert parse_date_filter(typed, TODAY) == expected


@pytest.mark.parametrize("typed", ["พรุ่งนี้/ว 1104", "1 พ.ย. 2569 เรื่องประชุม", "วันนี้ xyz", "/"])
def test_a_date_read_out_of_a_longer_text_is_no_date(typed: str) -> None:
    # "พรุ่งนี้/ว 1104" was read as tomorrow and the rest dropped: the clerk saw "0 รายการ".
    assert parse_date_filter(typed, TODAY) is None


@pytest.mark.parametrize("typed", ["2 weeks ago", "สัปดาห์ที่แล้ว", "7/11/2569", "๑ พฤศจิกายน ๒๕๖๙"])
def test_dates_written_in_full_still_read(typed: str) -> None:
    assert parse_date_filter(typed, TODAY) is not None

from datetime import date

import pytest

from saraban.thai.dates import (
    find_date,
    fiscal_year_be,
    format_thai_date,
    format_thai_datetime,
    parse_thai_date,
    register_year_be,
)
from saraban.thai.digits import to_arabic, to_thai
from saraban.thai.text import search_key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๑๓ พฤศจิกายน ๒๕๖๑", date(2018, 11, 13)),
        ("13 พ.ย. 61", date(2018, 11, 13)),
        ("12 พ. ย. 2561", date(2018, 11, 12)),
        ("วันที่12พย.2561", date(2018, 11, 12)),
        ("๓\n\nพฤศจิกายน ๒๕๖๑", date(2018, 11, 3)),
        ("ลงวันที่ 31 พฤษภาคม 2562  จำนวน 1 ชุด", date(2019, 5, 31)),
        ("5 กรกฏาคม 2566", date(2023, 7, 5)),
        ("29 ก.พ. 2567", date(2024, 2, 29)),
    ],
)
def test_find_date_reads_the_forms_letters_use(text: str, expected: date) -> None:
    found = find_date(text)
    assert found is not None and found.value == expected


def test_ocr_month_is_repaired_with_a_warning() -> None:
    found = find_date("วันที่ 17 ค.ค. 2561")
    assert found is not None and found.value == date(2018, 10, 17)
    assert any("ต.ค." in w for w in found.warnings)


@pytest.mark.parametrize("text", ["มิถุนายน 2562", "12 ตุลาคม"])
def test_missing_day_or_year_is_never_guessed(text: str) -> None:
    found = find_date(text)
    assert found is not None and found.value is None and found.warnings


def test_impossible_date_is_explained() -> None:
    found = find_date("31 ก.พ. 2561")
    assert found is not None and found.value is None
    assert "ไม่มีวันที่ 31 ก.พ. 2561" in found.warnings[0]
    with pytest.raises(ValueError, match=r"ไม่มีวันที่ 31 ก\.พ\. 2561"):
        parse_thai_date("31 ก.พ. 2561")


def test_abbreviation_inside_a_word_is_not_a_month() -> None:
    assert find_date("องค์กรปกครองส่วนท้องถิ่น ๑๒") is None


def test_formatting_and_years() -> None:
    d = date(2018, 11, 13)
    assert format_thai_date(d) == "๑๓ พฤศจิกายน ๒๕๖๑"
    assert format_thai_date(d, digits="arabic", abbreviated=True) == "13 พ.ย. 2561"
    assert parse_thai_date("๑๓/๑๑/๒๕๖๑") == d
    assert parse_thai_date("2018-11-13") == d
    assert fiscal_year_be(date(2018, 10, 1)) == 2562
    assert register_year_be(date(2018, 10, 1)) == 2561
    assert register_year_be(date(2018, 10, 1), "fiscal") == 2562
    from datetime import datetime

    assert format_thai_datetime(datetime(2018, 11, 13, 9, 5)) == "๑๓ พ.ย. ๒๕๖๑ เวลา ๐๙.๐๕ น."


def test_digits_and_search_key() -> None:
    assert to_arabic("ว ๕๕๕๑") == "ว 5551"
    assert to_thai("2561") == "๒๕๖๑"
    assert search_key("ว5551") == search_key("ว. ๕๕๕๑") == search_key("ว 5551")

import pytest

from saraban.parsing.docno import cited_numbers, read_number


@pytest.mark.parametrize(
    ("raw", "value", "circular", "complete"),
    [
        ("อต ๐๐๒๓.๓/ว ๕๕๕๑", "อต 0023.3/ว 5551", True, True),
        ("มท 0808.2/ว.1989", "มท 0808.2/ว 1989", True, True),
        ("มท ๐๘๑๐.๔/ว๓๕๙๘", "มท 0810.4/ว 3598", True, True),
        ("มท 08 10.4/ว 3598", "มท 0810.4/ว 3598", True, True),
        ("รย 0021/123", "รย 0021/123", False, True),
        ("อต. ๐๐๒๓.๑๔/..... 1368 วันที่ ๑๓ พ.ย. ๒๕๖๑", "อต. 0023.14/1368", False, True),
        ("มท 0810.3/ \tกรมส่งเสริมการปกครองท้องถิ่น", "มท 0810.3/", False, False),
        ("มท ๐๒๑๒.๑/๑๘.๖๕๓๓", "มท 0212.1/", None, False),
        ("aus. ๒๓๔ / ๒๕๖๒", None, False, False),
    ],
)
def test_read_number(raw: str, value: str | None, circular: bool | None, complete: bool) -> None:
    number = read_number(raw)
    assert (number.value, number.circular, number.complete) == (value, circular, complete)
    if not complete:
        assert number.warnings


def test_blank_number_keeps_office_text() -> None:
    assert read_number("มท 0810.3/ \tกรมส่งเสริมการปกครองท้องถิ่น").rest == "กรมส่งเสริมการปกครองท้องถิ่น"


def test_cited_numbers_skip_orders_without_a_code() -> None:
    text = "คำสั่งที่ ๒๖๗/๒๕๖๐ และหนังสือ ที่ มท ๐๒๑๑.๕/๑๗๖๑๗ ลงวันที่ ๑๒ ตุลาคม ๒๕๖๑"
    assert [n for n, _s, _e in cited_numbers(text)] == ["มท 0211.5/17617"]


def test_a_wa_ocr_read_as_digits_before_the_running_number_leaves_the_circular_unknown() -> None:
    from saraban.parsing.docno import read_number

    assert read_number("มท 0808.2%/23 1658").circular is None

import csv
from datetime import datetime

import pytest
from sqlmodel import select

from saraban.db.tables import RegisterEntry
from saraban.errors import DuplicateLetter, InvalidInput, PermissionDenied
from saraban.services.context import open_context
from saraban.services.register_view import register_rows, write_csv
from saraban.services.registers import acknowledge, receive, void
from saraban.services.users import add_user
from tests.services.helpers import parsed

NAN = "นน 0023"
WHEN = datetime(2024, 1, 3, 9, 30)


def test_numbers_run_per_agency_and_year(ctx) -> None:
    first = receive(ctx, parsed("นน 0023.5/ว 1"), NAN, WHEN)
    second = receive(ctx, parsed("นน 0023.5/ว 2"), NAN, WHEN)
    other = receive(ctx, parsed("นน 0023.5/ว 3"), "ลป 0023", WHEN)
    next_year = receive(ctx, parsed("นน 0023.5/ว 4"), NAN, datetime(2025, 1, 2, 8, 0))
    assert (first.number, second.number, other.number, next_year.number) == (1, 2, 1, 1)
    assert (first.year, next_year.year) == (2567, 2568)
    assert first.to_json() == {
        "number": 1,
        "year": 2567,
        "date": "2024-01-03",
        "time": "09:30",
        "doc_no": "นน 0023.5/ว 1",
    }


def test_duplicate_is_refused_before_a_number_is_taken(ctx) -> None:
    receive(ctx, parsed("นน 0023.5/ว 10"), NAN, WHEN)
    with pytest.raises(DuplicateLetter, match="เลขรับ 1/2567"):
        receive(ctx, parsed("นน ๐๐๒๓.๕/ว ๑๐"), NAN, WHEN)
    assert receive(ctx, parsed("นน 0023.5/ว 11"), NAN, WHEN).number == 2
    # The same circular received at another office is one letter with two receipts.
    assert receive(ctx, parsed("นน 0023.5/ว 10"), "ลป 0023", WHEN).number == 1
    with ctx.reading() as s:
        entries = s.exec(select(RegisterEntry)).all()
        assert len({e.letter_id for e in entries}) == 2


def test_void_keeps_the_entry_and_never_reuses_its_number(ctx, tmp_path) -> None:
    for n in range(1, 4):
        receive(ctx, parsed(f"นน 0023.5/{n}"), NAN, WHEN)
    with pytest.raises(InvalidInput, match="เหตุผล"):
        void(ctx, NAN, 2, " ", year=2567)
    void(ctx, NAN, 2, "ลงทะเบียนผิดฉบับ", year=2567)
    with pytest.raises(InvalidInput, match="ยกเลิกไปแล้ว"):
        void(ctx, NAN, 2, "ซ้ำ", year=2567)
    assert receive(ctx, parsed("นน 0023.5/4"), NAN, WHEN).number == 4
    rows = register_rows(ctx, NAN, year=2567)
    assert [r.number for r in rows] == [4, 3, 2, 1]
    assert rows[2].void and rows[2].void_reason == "ลงทะเบียนผิดฉบับ"
    path = write_csv(rows, tmp_path / "register.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert table[0][:8] == ["เลขทะเบียนรับ", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง", "การปฏิบัติ", "หมายเหตุ"]
    assert [row[0] for row in table[1:]] == ["1", "2", "3", "4"]
    assert table[2][7].startswith("ยกเลิก: ลงทะเบียนผิดฉบับ")


def test_search_matches_thai_and_arabic_digits(ctx) -> None:
    receive(ctx, parsed("นน 0023.5/ว 5551", subject="การขับเคลื่อนโครงการ"), NAN, WHEN)
    receive(ctx, parsed("นน 0023.5/ว 77", subject="เรื่องอื่น"), NAN, WHEN)
    for query in ("ว5551", "ว. ๕๕๕๑", "ว 5551", "ขับเคลื่อน"):
        assert [r.doc_no for r in register_rows(ctx, NAN, search=query)] == ["นน 0023.5/ว 5551"], query


def test_fiscal_year_reset_is_a_setting(ctx) -> None:
    ctx.settings.numbering_reset = "fiscal"
    september = receive(ctx, parsed("นน 0023.5/1"), NAN, datetime(2024, 9, 30, 16, 0))
    october = receive(ctx, parsed("นน 0023.5/2"), NAN, datetime(2024, 10, 1, 8, 0))
    assert (september.year, september.number) == (2567, 1)
    assert (october.year, october.number) == (2568, 1)


def test_secret_letters_show_only_number_and_date_to_uncleared_users(ctx, db_url) -> None:
    receive(ctx, parsed("นน 0023.5/9", secrecy="ลับมาก", subject="เรื่องลับ"), NAN, WHEN)
    with ctx.writing() as s:
        add_user(s, "cleared", "clerk", clearance="ลับมาก")
        add_user(s, "plain", "clerk")
    (row,) = register_rows(open_context(db_url, user="plain"), NAN)
    assert row.hidden and row.subject != "เรื่องลับ" and row.doc_no is None and row.number == 1
    (row,) = register_rows(open_context(db_url, user="cleared"), NAN)
    assert not row.hidden and row.subject == "เรื่องลับ"


def test_auditor_is_read_only_in_the_services(ctx, db_url) -> None:
    receive(ctx, parsed("นน 0023.5/1"), NAN, WHEN)
    with ctx.writing() as s:
        add_user(s, "auditor1", "auditor")
    auditor = open_context(db_url, user="auditor1")
    with pytest.raises(PermissionDenied):
        receive(auditor, parsed("นน 0023.5/2"), NAN, WHEN)
    with pytest.raises(PermissionDenied):
        void(auditor, NAN, 1, "ลองยกเลิก", year=2567)
    with pytest.raises(PermissionDenied):
        acknowledge(auditor, "นน 0023.5/1", "ลป 0023")
    assert len(register_rows(auditor, NAN)) == 1


def test_a_clerk_voids_only_in_their_own_office_s_books(ctx, db_url) -> None:  # type: ignore[no-untyped-def]
    # Before: a district clerk switched to a local body's register and voided its entry 1.
    receive(ctx, parsed("นน 0023.5/ว 1"), "ลป 0023", WHEN)
    with ctx.writing() as s:
        add_user(s, "district", "clerk", NAN)
    district = open_context(db_url, user="district")
    with pytest.raises(PermissionDenied, match="หน่วยงานตนเอง"):
        void(district, "ลป 0023", 1, "ลงผิด", year=2567)
    receive(district, parsed("นน 0023.5/ว 2"), NAN, WHEN)
    assert void(district, NAN, 1, "ลงผิด", year=2567).void  # its own book
    district.engine.dispose()


def test_a_clerk_writes_in_no_other_office_s_books(ctx, db_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """#28 item 4: voiding was refused, but a district clerk could still receive, acknowledge,
    amend, endorse and send in a local body's books; every one of them is refused now."""
    from saraban.services.amendment import amend
    from saraban.services.forwarding import ForwardRequest, endorse, forward
    from saraban.services.retention import make_list

    receive(ctx, parsed("นน 0023.5/ว 1"), "ลป 0023", WHEN)
    with ctx.writing() as s:
        add_user(s, "district", "clerk", NAN)
    district = open_context(db_url, user="district")
    refused = [
        lambda: receive(district, parsed("นน 0023.5/ว 2"), "ลป 0023", WHEN),
        lambda: acknowledge(district, "นน 0023.5/ว 1", "ลป 0023"),
        lambda: amend(district, "ลป 0023", 1, {"subject": "เรื่องอื่น"}, "ลองแก้", year=2567),
        lambda: endorse(district, "นน 0023.5/ว 1", "ลป 0023", "ทราบ"),
        lambda: forward(district, ForwardRequest("นน 0023.5/ว 1", "ลป 0023", all_children=True, out_dir=tmp_path)),
        lambda: make_list(district, 2567, at="ลป 0023"),  # the review: a destruction list of its books too
    ]
    for attempt in refused:
        with pytest.raises(PermissionDenied, match="หน่วยงานตนเอง"):
            attempt()
    assert len(register_rows(ctx, "ลป 0023")) == 1  # nothing written there
    assert receive(district, parsed("นน 0023.5/ว 3"), NAN, WHEN).number == 1  # its own book
    assert endorse(ctx, "นน 0023.5/ว 1", "ลป 0023", "ทราบ")  # a user bound to no office is not limited
    district.engine.dispose()

"""Every screen driven with Textual's Pilot; assertions on what the services recorded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from sqlmodel import select
from textual.widgets import DataTable, Input, Label, SelectionList, Static, TextArea, Tree

from saraban.db.tables import Agency, RegisterEntry, RoutingEvent
from saraban.services.register_view import register_rows
from saraban.tui.widgets import fit
from tests.conftest import DATA, TODAY
from tests.demo_copy import copy_demo
from tests.tui.conftest import DISTRICT, SIZE, make_app, settle


def _table(app, selector: str) -> DataTable:  # type: ignore[no-untyped-def]
    return app.screen.query_one(selector, DataTable)


def _nodes(node):  # type: ignore[no-untyped-def]
    yield node
    for child in node.children:
        yield from _nodes(child)


def _cell(table: DataTable, row: int, column: int) -> str:
    value = table.get_row_at(row)[column]
    return getattr(value, "plain", str(value))


async def test_registers_screen_lists_newest_first_and_pages(context) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = _table(app, "#register")
        assert table.row_count == 200  # a page, never the whole register
        numbers = [int(_cell(table, i, 0)) for i in range(5)]
        # #28 item 15: times as the stamp writes them (they read "05:01" beside the CLI's "05.01 น.")
        assert all(re.fullmatch(r"\d\d\.\d\d น\.", _cell(table, i, 6)) for i in range(5)), _cell(table, 0, 6)
        assert numbers[0] == max(r.number for r in register_rows(context, DISTRICT, year=2569, limit=5))
        table.move_cursor(row=table.row_count - 1)
        await settle(pilot)
        assert table.row_count > 200
        status = app.screen.query_one("#status", Static).render()
        assert "สถ.อ.ท่าวังผา" in str(status) and "2569" in str(status)


async def test_search_matches_thai_and_arabic_digits(context) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for query in ("ว1104", "ว ๑๑๐๔"):
            await _type(app, pilot, "#search", query)
            table = _table(app, "#register")
            assert table.row_count == 1 and "ว 1104" in _cell(table, 0, 1), query


async def test_date_filter_and_void_shown_struck_through(context) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _type(app, pilot, "#date-filter", "7 วันก่อน")
        table = _table(app, "#register")
        title = str(app.screen.query_one("#register-title").render())
        assert "14 พ.ย. 2569 – 21 พ.ย. 2569" in title and 0 < table.row_count < 60
        box = app.screen.query_one("#date-filter", Input)
        assert not box.has_class("-invalid")
        await _type(app, pilot, "#date-filter", "พรุ่งนี้/ว 1104")  # read as tomorrow, with "0 รายการ"
        assert box.has_class("-invalid") and "ไม่ได้" in str(box.border_subtitle)
        assert "อ่านวันที่" in str(app.screen.query_one("#register-title").render())
        box.value = ""
        await _type(app, pilot, "#search", "97")
        assert not box.has_class("-invalid")
        row = next(i for i in range(table.row_count) if _cell(table, i, 0) == "97")
        assert "ยกเลิก: ลงผิดหน่วยงาน" in _cell(table, row, 7)
        assert "strike" in str(table.get_row_at(row)[0].style)


async def test_void_from_the_screen(context) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = _cell(_table(app, "#register"), 0, 0)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")  # no reason yet: the form stays and says what it needs (#28 item 13)
        await pilot.pause()
        assert any("ต้องกรอก" in str(n.message) for n in app._notifications)
        app.screen.query_one("#field-reason", Input).value = "ลงทะเบียนผิด"
        await pilot.press("enter")
        await settle(pilot)
    with context.reading() as s:
        entry = s.exec(
            select(RegisterEntry).where(
                RegisterEntry.number == int(first),
                RegisterEntry.book == "receive",
                RegisterEntry.year == 2569,
                RegisterEntry.agency_id == _district_id(s),
            )
        ).one()
        assert entry.void and entry.void_reason == "ลงทะเบียนผิด"


async def _type(app, pilot, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Focus an input, type into it and press Enter, as a clerk would."""
    field = app.screen.query_one(selector, Input)
    field.focus()
    field.value = text
    await pilot.press("enter")
    await settle(pilot)


def _district_id(session) -> int:  # type: ignore[no-untyped-def]
    return session.exec(select(Agency.id).where(Agency.code == DISTRICT)).one()


async def test_receive_screen_parses_confirms_and_refuses_duplicates(context) -> None:
    letter = DATA / "letters" / "urgent_secret_refs.txt"
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(letter)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.screen.query_one("#f-doc_no", Input).value == "ลป 0023.2/ว 145"
        assert app.screen.query_one("#f-date", Input).value == "5 มกราคม 2567"
        app.screen.query_one("#f-subject", Input).value = "ขอข้อมูลบุคลากร (แก้โดยเจ้าหน้าที่)"
        await pilot.press("ctrl+s")
        await settle(pilot)
        stamp = str(app.screen.query_one("#stamp", Static).render())
        assert "เลขรับ" in stamp and "๓๒๕" in stamp
        await pilot.press("ctrl+s")  # the same letter again
        await settle(pilot)
    with context.reading() as s:
        entries = s.exec(select(RegisterEntry).where(RegisterEntry.doc_no == "ลป 0023.2/ว 145")).all()
        assert len(entries) == 1 and entries[0].number == 325
        assert entries[0].subject == "ขอข้อมูลบุคลากร (แก้โดยเจ้าหน้าที่)"


async def test_receive_screen_pasted_text_with_a_wrong_date(context) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        app.screen.query_one("#paste", TextArea).text = (DATA / "letters" / "stamped_copy.txt").read_text(
            encoding="utf-8"
        )
        await pilot.press("ctrl+l")
        await settle(pilot)
        app.screen.query_one("#f-date", Input).value = "31 ก.พ. 2567"
        app.screen.query_one("#f-subject", Input).value = "การจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("ไม่มีวันที่ 31 ก.พ. 2567" in str(n.message) for n in app._notifications)
    with context.reading() as s:
        assert not s.exec(select(RegisterEntry).where(RegisterEntry.doc_no == "สข 0023.4/ว 33")).all()


async def test_receive_screen_offers_the_directorys_name_before_a_new_office(context) -> None:
    from saraban.tui.dialogs import ChoiceDialog

    songkhla = "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดสงขลา"
    app = make_app(context)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        app.screen.query_one("#paste", TextArea).text = (DATA / "letters" / "stamped_copy.txt").read_text(
            encoding="utf-8"
        )
        await pilot.press("ctrl+l")
        await settle(pilot)
        sender = app.screen.query_one("#f-sender_agency", Input)
        sender.value = "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวดสงขลา"  # a vowel lost
        await pilot.press("ctrl+s")
        await settle(pilot)
        # A stamped letter has no เรื่อง line: that is asked first, and the cursor waits there.
        assert app.focused.id == "f-subject" and type(app.screen).__name__ == "ReceiveScreen"
        app.screen.query_one("#f-subject", Input).value = "การจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert app.screen.answers[0] == (f"known:{songkhla}", f"ใช่ {songkhla}")
        assert app.screen.answers[-1][0] == "new"
        await pilot.press("escape")  # not sure yet: nothing is registered, the field waits
        await settle(pilot)
        assert app.focused is sender
        with context.reading() as s:
            assert not s.exec(select(RegisterEntry).where(RegisterEntry.doc_no == "สข 0023.4/ว 33")).all()
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("enter")  # the best answer: the directory's own name
        await settle(pilot)
        assert sender.value == songkhla, [(n.title, str(n.message)) for n in app._notifications]
        assert "stamped" in app.screen.query_one("#stamp", Static).classes, [str(n.message) for n in app._notifications]
    with context.reading() as s:
        entry = s.exec(select(RegisterEntry).where(RegisterEntry.doc_no == "สข 0023.4/ว 33")).one()
        assert entry.from_text == songkhla
        assert not s.exec(select(Agency).where(Agency.name.startswith("สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวดสงขลา"))).all()


async def _open_cascade_letter(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await _type(app, pilot, "#search", "ว 1104")
    await pilot.press("enter")
    await settle(pilot)


async def _on_cascade_letter_press(app, pilot, key: str) -> None:  # type: ignore[no-untyped-def]
    """Wait for the register, open the cascade's circular and press ``key`` there."""
    await settle(pilot)
    await _open_cascade_letter(app, pilot)
    await pilot.press(key)
    await settle(pilot)


async def test_letter_screen_endorse_and_jump_to_parent(context) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open_cascade_letter(app, pilot)
        fields = str(app.screen.query_one("#letter-fields", Static).render())
        assert "การป้องกันและแก้ไขปัญหาหมอกควันและไฟป่า" in fields and "ด่วนที่สุด" in fields
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-text", Input).value = "ทราบ ดำเนินการแจ้ง อปท."
        await pilot.press("enter")
        await settle(pilot)
        events = _table(app, "#letter-events")
        assert any("ทราบ ดำเนินการแจ้ง อปท." in _cell(events, i, 5) for i in range(events.row_count))
        await pilot.press("p")
        await settle(pilot)
        assert app.screen.sub_title == "มท 0816.3/ว 5072"
    with context.reading() as s:
        assert (
            s.exec(select(RoutingEvent).where(RoutingEvent.note == "ทราบ ดำเนินการแจ้ง อปท.")).one().created_by == "สมศรี"
        )


async def test_letter_screen_amends_the_offices_entry_and_shows_its_history(context) -> None:
    from saraban.tui.dialogs import FormDialog

    app = make_app(context)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await _open_cascade_letter(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        subject = app.screen.query_one("#field-subject", Input)
        assert subject.value == "การป้องกันและแก้ไขปัญหาหมอกควันและไฟป่า"  # starts from the register's value
        subject.value = "การป้องกันและแก้ไขปัญหาหมอกควันและไฟป่า ปี 2570"
        await pilot.press("enter")
        await pilot.pause()
        # No reason yet: the form stays, nothing typed is lost, the cursor waits in the reason.
        assert isinstance(app.screen, FormDialog) and app.screen.focused.id == "field-reason"
        assert subject.value.endswith("ปี 2570")
        await _type(app, pilot, "#field-reason", "เพิ่มปี")
        history = _table(app, "#letter-history")
        assert history.row_count == 1
        assert [_cell(history, 0, i) for i in (3, 6)] == ["เรื่อง", "เพิ่มปี"]
        assert "ปี 2570" in str(app.screen.query_one("#letter-fields", Static).render())
    (row,) = register_rows(context, DISTRICT, search="ปี 2570")
    assert row.amended and row.subject.endswith("ปี 2570")


async def test_trace_screen_and_exports(context, isolated_home: Path) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await _on_cascade_letter_press(app, pilot, "t")
        tree = app.screen.query_one("#trace-tree", Tree)
        assert "มท 0211.3/8842" in str(tree.root.label)
        labels = []

        def walk(node) -> None:  # type: ignore[no-untyped-def]
            labels.append(str(node.label))
            for child in node.children:
                walk(child)

        walk(tree.root)
        assert "สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอเวียงสา" in labels  # a pending district, folded
        # The clerk's own branch: the cursor rests on the district's letter, the long lists are folded.
        assert "นน 0023.11/ว 1" in str(tree.cursor_node.label)
        pending = [n for n in _nodes(tree.root) if "ยังไม่รับ" in str(n.label) and "แห่ง" in str(n.label)]
        provinces = max(pending, key=lambda n: len(n.children))
        assert len(provinces.children) > 50 and not provinces.is_expanded
        assert not any(re.search(r"\d{4}-\d\d-\d\d", x) for x in labels)  # dates in BE for people
        for key in ("j", "d", "w"):
            await pilot.press(key)
            await settle(pilot)
    written = sorted(p.suffix for p in (isolated_home / "output").glob("เส้นทาง*"))
    assert written == [".docx", ".dot", ".json"]


async def test_forward_screen_generates_letters_for_all_local_bodies(context, isolated_home: Path) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await _on_cascade_letter_press(app, pilot, "f")
        await pilot.press("ctrl+a")
        assert len(app.screen.query_one("#recipients", SelectionList).selected) == 8  # a TickList is one
        await pilot.press("ctrl+g")
        await settle(pilot)
        # The demo already sent this circular to these eight (ว 1): the app shows it and asks (#12 item 4).
        from saraban.tui.dialogs import ChoiceDialog

        assert isinstance(app.screen, ChoiceDialog)
        assert "นน 0023.11/ว 1" in app.screen.question
        await pilot.press("escape")
        await settle(pilot)
        with context.reading() as s:
            assert s.exec(select(RegisterEntry).where(RegisterEntry.doc_no == "นน 0023.11/ว 2")).first() is None
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "enter")  # the second answer: send again
        await settle(pilot)
        result = str(app.screen.query_one("#forward-result", Static).render())
        assert "นน 0023.11/ว 2" in result
    with context.reading() as s:
        entry = s.exec(select(RegisterEntry).where(RegisterEntry.doc_no == "นน 0023.11/ว 2")).one()
        assert entry.book == "send" and entry.series == "circular"
    assert list((isolated_home / "output").glob("นน 0023.11-ว 2*.docx"))


async def test_audit_screen_verifies_and_is_read_only_for_auditors(demo_db, tmp_path) -> None:

    from saraban.services.context import open_context
    from saraban.settings import Settings

    copy = tmp_path / "a.sqlite"
    copy_demo(demo_db, copy)
    auditor = open_context(f"sqlite:///{copy}", user="วิชัย", settings=Settings(office=DISTRICT))
    app = make_app(auditor)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert "ห่วงโซ่ถูกต้อง" in str(app.screen.query_one("#audit-result", Static).render())
        assert _table(app, "#audit-records").row_count > 100
        # Thai names and BE dates for people; a Thai filter finds the voids (#12 item 10).
        await _type(app, pilot, "#audit-action", "ยกเลิก")
        records = _table(app, "#audit-records")
        assert records.row_count >= 1
        assert {_cell(records, i, 3) for i in range(records.row_count)} == {"ยกเลิกเลข"}
        assert "2569" in _cell(records, 0, 1) and _cell(records, 0, 4).startswith("เลขรับ ")  # as the book names it
        assert _cell(records, 0, 5) == "เจ้าหน้าที่สารบรรณ"
        await pilot.press("f2")
        await settle(pilot)
        # Keys that would be refused are not offered: not in the footer, F1 or the palette (#12 item 8).
        offered = {description for _key, description, _action in app.screen.own_keys()}
        assert {"ยกเลิกเลข", "ส่งต่อ", "ลงรับ"}.isdisjoint(offered) and {"เส้นทาง", "เปลี่ยนสำนักงาน"} <= offered
        await pilot.press("x")
        await pilot.pause()
        assert type(app.screen).__name__ == "RegistersScreen"  # no void dialog opened
        # A wrong office is one message, from the screen; never "could not open the database" (#12 item 6).
        await pilot.press("o")
        await pilot.pause()
        await _type(app, pilot, "#field-office", "ไม่มีสำนักงานนี้")
        assert len([n for n in app._notifications if n.title == "ทำรายการไม่สำเร็จ"]) == 1
        assert not any(n.title == "เปิดฐานข้อมูลไม่สำเร็จ" for n in app._notifications)
    with auditor.reading() as s:
        assert not s.exec(select(RegisterEntry).where(RegisterEntry.void_reason.is_not(None))).all() == []


async def test_an_auditor_opens_where_the_work_is_and_switches_office(demo_db, tmp_path) -> None:

    from saraban.services.context import open_context
    from saraban.settings import Settings

    copy = tmp_path / "a.sqlite"
    copy_demo(demo_db, copy)
    auditor = open_context(f"sqlite:///{copy}", user="วิชัย", settings=Settings())  # no office of his own
    app = make_app(auditor)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.office.code == DISTRICT and _table(app, "#register").row_count > 0
        await pilot.press("o")
        await pilot.pause()
        await _type(app, pilot, "#field-office", "นน 0023")
        assert app.office.code == "นน 0023"
        assert "สำนักงาน: สถ.จ.นน." in str(
            app.screen.query_one("#status", Static).render()
        )


async def _import_dla_list(app, pilot) -> None:  # type: ignore[no-untyped-def]
    """F6, then ``i`` with the DLA list of local bodies, as an administrator would."""
    await settle(pilot)
    await pilot.press("f6")
    await settle(pilot)
    await pilot.press("i")
    await pilot.pause()
    app.screen.query_one("#field-path", Input).value = str(DATA / "dla_local_bodies_sample.csv")
    await pilot.press("enter")
    await settle(pilot)


async def test_agencies_screen_imports_and_edits(context) -> None:
    from saraban.demo.builder import ADMIN
    from saraban.services.context import open_context

    clerk = make_app(context)
    async with clerk.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        # A clerk is not offered what only an administrator may do (the service refuses it too).
        offered = {description for _key, description, _action in clerk.screen.own_keys()}
        assert "นำเข้ารายชื่อ อปท." not in offered and "แก้ไข" not in offered and "ค้นหา" in offered
        await pilot.press("i")
        await pilot.pause()
        assert type(clerk.screen).__name__ == "AgenciesScreen"
    context = open_context(context.settings.database_url, user=ADMIN, settings=context.settings)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await _import_dla_list(app, pilot)
        await _type(app, pilot, "#agency-search", "ไหล่หิน")
        assert _table(app, "#agency-table").row_count == 1
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-code", Input).value = "ลป 73502"
        await pilot.press("enter")
        await settle(pilot)
    with context.reading() as s:
        assert s.exec(select(Agency).where(Agency.name == "องค์การบริหารส่วนตำบลไหล่หิน")).one().code == "ลป 73502"


async def test_an_administrator_merges_an_office_added_from_a_letter(context) -> None:
    from dataclasses import replace

    from saraban.demo import ADMIN
    from saraban.services.context import open_context
    from saraban.services.registers import receive
    from tests.services.helpers import parsed

    # A letter from the municipality whose name OCR read with a vowel lost.
    slip = replace(parsed("นน 0023.5/ว 77"), doc_no="นน 73501/ว 77", sender_agency="เทศบาลตำบลท่าวงผา")
    receive(context, slip, DISTRICT)
    admin = open_context(context.settings.database_url, user=ADMIN, settings=context.settings)
    app = make_app(admin)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("r")  # only those waiting for review
        await settle(pilot)
        table = _table(app, "#agency-table")
        waiting = [_cell(table, i, 0) for i in range(table.row_count)]
        assert "เทศบาลตำบลท่าวงผา" in waiting and "เทศบาลตำบลท่าวังผา" not in waiting
        await _type(app, pilot, "#agency-search", "ท่าวงผา")
        assert [_cell(table, i, 0) for i in range(table.row_count)] == ["เทศบาลตำบลท่าวงผา"]
        await pilot.press("m")
        await pilot.pause()
        await _type(app, pilot, "#field-into", "เทศบาลตำบลท่าวังผา")
        assert _table(app, "#agency-table").row_count == 0
    with admin.reading() as s:
        assert not s.exec(select(Agency).where(Agency.name == "เทศบาลตำบลท่าวงผา")).all()
    (row,) = register_rows(admin, DISTRICT, search="73501/ว 77")
    assert row.from_ == "เทศบาลตำบลท่าวงผา"  # the book keeps what was written; the office is the real one


async def test_help_screen_lists_the_keys_of_the_current_screen(context) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        keys = app.screen.query_one("#help-keys", DataTable)
        described = {_cell(keys, i, 1) for i in range(keys.row_count)}
        assert {"ลงรับ", "ยกเลิกเลข", "เส้นทาง", "เลื่อนรายการ"} <= described
        # Thai only: the widgets' own English names ("Cursor down") are not listed.
        assert all(re.search(r"[\u0e00-\u0e7f]", d) for d in described), described
        # n was never listed (F3 took its line), and with the cursor in the search box the
        # letter keys of the screen were dropped from F1 altogether.
        rows = {_cell(keys, i, 1): _cell(keys, i, 0) for i in range(keys.row_count)}
        assert "n" in rows["ลงรับ"].split(" / ") and "f3" in rows["ลงรับ"].lower()
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#search", Input).focus()
        await pilot.press("f1")
        await pilot.pause()
        keys = app.screen.query_one("#help-keys", DataTable)
        shown = {_cell(keys, i, 0) for i in range(keys.row_count)}
        assert {"s", "f", "t", "x", "e"} <= shown and any("n" in k.split(" / ") for k in shown), shown
        # Keys as they are printed on the keyboard (#28 item 15): "escape", "enter" and "ctrl+s"
        # are Textual's names for them.
        raw = re.compile(r"\b(escape|enter|ctrl\+|shift\+|f\d+|delete|space|question_mark)\b")
        assert not any(raw.search(k) for k in shown), shown
        palette = [command.help for command in app.get_system_commands(app.screen)]
        assert not any(raw.search(h) for h in palette), palette


async def test_the_command_palette_offers_the_screens_actions_in_thai(context) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"ยกเลิกเลข", "เส้นทาง", "ค้นหา", "ลงรับหนังสือ", "ออกจากโปรแกรม"} <= set(titles)
        assert not any(title in ("Quit", "Keys", "Theme", "Screenshot") for title in titles)
        search = next(c for c in app.get_system_commands(app.screen) if c.title == "ค้นหา")
        app.call_later(search.callback)  # as the palette runs a chosen command
        await settle(pilot)
        assert app.focused.id == "search"


def _footer_fits(app) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey, FooterLabel

    footer = app.screen.query_one(Footer)
    items = list(footer.query(FooterKey)) + list(footer.query(FooterLabel))
    assert items
    for item in items:
        text = f"{getattr(item, 'key_display', '')} {getattr(item, 'description', '')}".strip()
        # Whole, and inside the terminal: a cut Thai word leaves its vowels drawn over the next key.
        assert item.region.right <= footer.region.right, (text, item.region, footer.region)
        assert item.region.width >= cell_len(text) if isinstance(item, FooterKey) else True, (text, item.region)


async def test_at_100_by_30_every_footer_fits(context) -> None:
    app = make_app(context)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        _footer_fits(app)
        await _open_cascade_letter(app, pilot)
        _footer_fits(app)
        for key in ("t", "escape", "f", "escape", "f3", "f5", "f6", "f7", "f4"):
            await pilot.press(key)
            await settle(pilot)
            _footer_fits(app)


async def test_the_search_boxs_example_is_a_letter_of_the_demo(context) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        example = re.search(r"\((ว\s*\d+) =", app.screen.query_one("#search", Input).placeholder)
        assert example
        await _type(app, pilot, "#search", example[1])
        assert _table(app, "#register").row_count >= 1  # a newcomer who types it finds a letter


def test_widths_are_measured_in_cells() -> None:
    text = "สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา"
    assert len(text) > cell_len(text)
    assert cell_len(fit(text, 20)) <= 20


async def test_registers_export_writes_csv_and_docx(context, isolated_home: Path) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")  # asks where, and writes nothing unasked
        await pilot.pause()
        assert not list(isolated_home.rglob("ทะเบียนหนังสือรับ*"))
        folder = isolated_home / "exports"
        folder.mkdir(parents=True)
        await _type(app, pilot, "#field-folder", str(folder))
    written = sorted(p.suffix for p in folder.glob("ทะเบียนหนังสือรับ 2569*"))
    assert written == [".csv", ".docx"]


async def test_forward_screen_shows_the_agency_tree(context) -> None:
    from saraban.tui.screens.forward import load_choices

    with context.reading() as s:
        province = s.exec(select(Agency.id).where(Agency.code == "นน 0023")).one()
        letter_id = s.exec(select(RegisterEntry.letter_id).where(RegisterEntry.doc_no == "นน 0023.5/ว 1104")).first()
    loaded = load_choices(context, province, letter_id, TODAY)
    names = [name for name, _id, _level in loaded.recipients]
    assert "สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา" in names
    assert any(name.strip().startswith(("├─", "└─")) and "ป่าคา" in name for name in names)
    assert loaded.doc_no == "นน 0023.5/ว 1104" and loaded.body


async def test_forward_screen_signs_from_the_settings_and_passes_down_its_own_deadline(
    demo_db: Path, tmp_path: Path, isolated_home: Path, monkeypatch
) -> None:

    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)  # a terminal with no desktop, as over SSH

    from docx import Document

    from saraban.services.context import open_context
    from saraban.settings import Settings
    from saraban.tui.widgets import Tick, TickList

    copy = tmp_path / "f.sqlite"
    copy_demo(demo_db, copy)
    settings = Settings(office=DISTRICT, signer_name="นายสมชาย ใจดี", office_phone="0 5479 9999")
    ctx = open_context(f"sqlite:///{copy}", user="มานพ", settings=settings)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await _on_cascade_letter_press(app, pilot, "f")
        value = {key: app.screen.query_one(f"#forward-{key}", Input).value for key in ("signer", "position", "phone")}
        assert not app.screen.query_one("#progress").display  # nothing runs yet: no bar spins
        assert value == {"signer": "นายสมชาย ใจดี", "position": "ท้องถิ่นอำเภอท่าวังผา", "phone": "0 5479 9999"}
        deadline = app.screen.query_one("#forward-deadline", Input)
        received = app.screen.deadline
        assert received is not None and deadline.value  # the district's own date, earlier than the province's
        recipients = app.screen.query_one("#recipients", TickList)
        unticked = "".join(seg.text for seg in recipients.render_line(0))
        assert "X" not in unticked[:4]  # an unticked row shows an empty box
        await pilot.press("ctrl+a")
        assert "X" in "".join(seg.text for seg in recipients.render_line(0))[:4]
        mail = app.screen.query_one("#mail", Tick)
        assert "X" not in str(mail.render()) and "●" not in str(app.screen.query_one("#mode-per-recipient").render())
        assert "●" in str(app.screen.query_one("#mode-circular").render())
        mail.value = True
        assert "X" in str(mail.render())
        mail.value = False
        app.screen.query_one("#forward-position", Input).value = "ท้องถิ่นอำเภอท่าวังผา ปฏิบัติราชการแทนนายอำเภอ"
        deadline.value = "๙ ธ.ค. ๒๕๖๙"
        await pilot.press("ctrl+g")
        await settle(pilot)
        # Already sent to these offices: the question names them, whole, and Enter sends nothing.
        from saraban.tui.dialogs import ChoiceDialog

        assert isinstance(app.screen, ChoiceDialog)
        asked = app.screen.question
        assert "แห่ง (" in asked, asked  # the offices that have it, by name
        assert "--again" not in asked, asked  # no command-line option in the app
        question = app.screen.query_one(Label)
        assert question.region.height >= 2, "the question wraps, it is not clipped"
        await pilot.press("enter")
        await settle(pilot)
        assert not list((isolated_home / "output").glob("นน 0023.11-ว 2*.docx"))
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("down", "enter")  # yes, a second circular to the same offices
        await settle(pilot)
        await pilot.press("ctrl+o")  # no desktop here: the path is named and copied
        await settle(pilot)
        notes = [(n.title, str(n.message)) for n in app._notifications]
        assert any("คัดลอกที่อยู่โฟลเดอร์" in message for _title, message in notes), notes
        assert not any(title == "ทำรายการไม่สำเร็จ" for title, _m in notes), notes  # asked, not shown as an error
    (written,) = (isolated_home / "output").glob("นน 0023.11-ว 2*.docx")
    text = "\n".join(p.text for p in Document(str(written)).paragraphs)
    assert "(นายสมชาย ใจดี)" in text and "ปฏิบัติราชการแทนนายอำเภอ" in text
    assert "๐ ๕๔๗๙ ๙๙๙๙" in text or "0 5479 9999" in text
    assert "๙ ธันวาคม ๒๕๖๙" in text or "9 ธันวาคม 2569" in text  # the typed deadline, in the body too
    ctx.engine.dispose()


async def test_receive_screen_reads_a_scan_and_points_at_what_to_check(context, letter_files) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(letter_files["png_thai"])
        await pilot.press("ctrl+l")
        await settle(pilot)
        screen = app.screen
        assert "ป่าคา" in screen.query_one("#f-salutation_to", Input).value
        # The number and the date printed in Thai digits are read from the page by the digit
        # reader: either a sure value, or a suggestion marked for the clerk, never a wrong value.
        number = screen.query_one("#f-doc_no", Input)
        assert number.value == "นน 0023.11/ว 4187"
        if number.has_class("low-confidence"):
            assert "ข้อเสนอ" in str(screen.query_one("#w-doc_no").render())
        screen.query_one("#f-date", Input).value = "17 มิถุนายน 2568"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "เลขรับ" in str(screen.query_one("#stamp", Static).render())
    with context.reading() as s:
        entry = s.exec(select(RegisterEntry).where(RegisterEntry.doc_no == "นน 0023.11/ว 4187")).one()
        from saraban.db.tables import Letter

        stored = s.get(Letter, entry.letter_id)
        assert stored.source_kind == "image-ocr" and stored.source_sha256


async def _receive_screen_on(app, pilot, letter):  # type: ignore[no-untyped-def]
    """The Receive screen (F3) showing ``letter`` as if it had just been read."""
    await settle(pilot)
    await pilot.press("f3")
    await settle(pilot)
    screen = app.screen
    screen.letters, screen.index = [letter], 0
    screen._fill()
    await settle(pilot)
    return screen


async def test_receive_screen_offers_a_suggestion_marked_with_the_cursor_after_the_sure_part(context) -> None:
    from saraban.parsing import parse_text

    [letter] = parse_text((DATA / "letters" / "tour_meeting.txt").read_text(encoding="utf-8"))
    letter.doc_no = None
    letter.confidence["doc_no"] = 0.0
    letter.suggestions = {"doc_no": {"value": "นน 0023.5/ว 2207", "confidence": 0.66,
                                     "reason": "ตัวเลขเขียนด้วยมือหรือประทับภายหลัง", "sure": "นน 0023.5/"}}  # fmt: skip
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _receive_screen_on(app, pilot, letter)
        number = screen.query_one("#f-doc_no", Input)
        assert number.value == "นน 0023.5/ว 2207"
        assert number.has_class("low-confidence") and app.focused is number
        assert (number.selection.start, number.selection.end) == (len("นน 0023.5/"), len(number.value))
        assert "ข้อเสนอจากภาพ (66%)" in str(screen.query_one("#w-doc_no").render())


async def test_inbox_screen_opens_an_emailed_letter_and_accepts_it(context, tmp_path: Path) -> None:
    from saraban.db.tables import InboxMessage
    from saraban.services.inbox import import_mail
    from tests.mail.test_mail_in import text_letters

    (tmp_path / "one.eml").write_bytes(text_letters(1, seed=21)[0])
    [message_id] = import_mail(context, [tmp_path / "one.eml"]).added
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert _table(app, "#inbox").row_count == 1
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#f-subject", Input).value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "เลขรับ" in str(app.screen.query_one("#stamp", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert _table(app, "#inbox").row_count == 0
    with context.reading() as s:
        message = s.get(InboxMessage, message_id)
        assert message is not None and message.status == "accepted" and message.register_entry_id


async def test_retention_screen_lists_what_is_due_and_writes_the_list(context, tmp_path: Path) -> None:
    from saraban.services.retention import set_retention
    from saraban.tui.app import SarabanApp

    with context.reading() as s:
        entry = s.exec(select(RegisterEntry).order_by(RegisterEntry.id)).first()
        assert entry is not None
    set_retention(context, f"#{entry.letter_id}", retention="1", file_code="1.2", reason="หนังสือทั่วไป")
    # Two years on: the year after the demo's has ended, and its list may be drawn up.
    app = SarabanApp(context, today=TODAY.replace(year=TODAY.year + 2))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        table = _table(app, "#due")
        ids = [_cell(table, i, 0) for i in range(table.row_count)]
        assert f"#{entry.letter_id}" in ids
        await pilot.press("l")
        await settle(pilot)
        app.screen.query_one("#field-path", Input).value = str(tmp_path / "list.docx")
        await pilot.press("enter")
        await settle(pilot)
    assert (tmp_path / "list.docx").exists()


async def test_forward_screen_sends_by_mail(context, isolated_home: Path, smtp_server, office_tools: str) -> None:
    from textual.widgets import Checkbox

    for key, value in smtp_server.settings().items():
        setattr(context.settings, key, value)
    with context.writing() as s:
        district = s.exec(select(Agency).where(Agency.code == DISTRICT)).one()
        bodies = list(s.exec(select(Agency).where(Agency.parent_id == district.id)))
        for n, body in enumerate(bodies[:-1]):
            body.email = f"saraban{n}@local{n}.example.go.th"
            s.add(body)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await _on_cascade_letter_press(app, pilot, "f")
        await pilot.press("ctrl+a")
        app.screen.query_one("#mail", Checkbox).value = True
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("down", "enter")  # yes, send this circular again (the demo sent it on paper)
        await settle(pilot)
        result = str(app.screen.query_one("#forward-result", Static).render())
    assert f"ส่งอีเมลแล้ว {len(bodies) - 1} ราย" in result and bodies[-1].name in result
    assert len(smtp_server.messages) == len(bodies) - 1


async def test_a_shared_computer_opens_on_the_login_screen(demo_db, tmp_path) -> None:
    """``login = "password"``: the app asks who is at the keyboard, checks it, then opens (#10 finding 1)."""

    from saraban.demo.builder import CLERK
    from saraban.services.context import open_context
    from saraban.services.users import set_password
    from saraban.settings import Settings
    from saraban.tui.screens.login import LoginScreen
    from saraban.tui.screens.registers import RegistersScreen

    copy = tmp_path / "shared.sqlite"
    copy_demo(demo_db, copy)
    url = f"sqlite:///{copy}"
    set_password(open_context(url, user=CLERK, settings=Settings(office=DISTRICT)), CLERK, "รหัสของสมศรี")
    shared = open_context(url, settings=Settings(office=DISTRICT, login="password"))
    app = make_app(shared)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        await _type(app, pilot, "#login-name", CLERK)
        await _type(app, pilot, "#login-password", "เดาผิด")
        assert isinstance(app.screen, LoginScreen)
        assert any("รหัสผ่านไม่ถูกต้อง" in str(n.message) for n in app._notifications)
        await _type(app, pilot, "#login-password", "รหัสของสมศรี")
        assert isinstance(app.screen, RegistersScreen)
        assert app.actor is not None and app.actor.name == CLERK


async def test_search_as_you_type_keeps_the_focus_and_hotkeys_stay_quiet(context) -> None:
    """#12 item 5: a clerk types a number one key at a time (each key answered before the next,
    however slow); the focus never leaves the box and letters typed there are text, not hotkeys."""
    from saraban.tui.screens.registers import RegistersScreen

    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        search = app.screen.query_one("#search", Input)
        for key in "นน 0023.5/ว 1104":
            await pilot.press("space" if key == " " else key)
            await settle(pilot)  # the slow typist: this key's answer is on screen before the next
            assert app.focused is search
        table = _table(app, "#register")
        assert table.row_count == 1 and "1104" in _cell(table, 0, 1)
        search.value = ""
        for key in "stxfe":
            await pilot.press(key)
            await settle(pilot)
        assert search.value == "stxfe" and isinstance(app.screen, RegistersScreen)
        assert not any("ส่งออก" in str(n.title) for n in app._notifications)


async def test_receive_screen_asks_whether_a_second_file_is_the_same_letter(context) -> None:
    # #28 item 3: the e-mailed letter is registered; its paper scan, number and date blank,
    # would have taken a second เลขรับ without a word.
    from saraban.parsing import parse_text
    from saraban.tui.dialogs import ChoiceDialog

    text = (
        "ที่ นน 0023.3/ว 9911                 สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดน่าน\n"
        "ถนนสุริยพงษ์ นน 55000\n1 มกราคม 2567\n"
        "เรื่อง ขอความร่วมมือสำรวจแหล่งน้ำเพื่อการเกษตรในเขตองค์กรปกครองส่วนท้องถิ่น\n"
        "เรียน ท้องถิ่นอำเภอ ทุกอำเภอ\nด้วยจังหวัดขอความร่วมมือสำรวจแหล่งน้ำ จึงเรียนมาเพื่อโปรดทราบ\n"
        "ขอแสดงความนับถือ\n(นายสมชาย ใจงาม)\nท้องถิ่นจังหวัดน่าน\n"
    )
    [emailed] = parse_text(text)
    [scanned] = parse_text(text.replace("ว 9911", "ว").replace("1 มกราคม 2567\n", ""))
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _receive_screen_on(app, pilot, emailed)
        await pilot.press("ctrl+s")
        await settle(pilot)
        first = str(screen.query_one("#stamp", Static).render())
        screen.letters, screen.index = [scanned], 0
        screen._fill()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert app.screen.answers[0][0].startswith("same:") and app.screen.answers[-1][0] == "another"
        # A question, not a failure: no red "ทำรายการไม่สำเร็จ" beside it (the trial after #28 item 3).
        assert not any(n.title == "ทำรายการไม่สำเร็จ" for n in app._notifications)
        await pilot.press("enter")  # the same letter: linked to the first entry
        await settle(pilot)
        assert any("ผูกกับเลขรับเดิม" in str(n.message) for n in app._notifications)
        assert str(screen.query_one("#stamp", Static).render()) == first  # the same stamp to copy
    with context.reading() as s:
        entries = s.exec(select(RegisterEntry).where(RegisterEntry.subject == emailed.subject)).all()
        assert len(entries) == 1
        assert s.exec(select(RoutingEvent).where(RoutingEvent.event == "copy",
                                                 RoutingEvent.letter_id == entries[0].letter_id)).one()  # fmt: skip


async def test_a_failed_read_or_fetch_stops_saying_it_is_working(context, tmp_path: Path) -> None:
    # #28 item 12: the progress bar span on after a failed read; F4 kept "กำลังรับอีเมล…".
    from textual.widgets import Label, ProgressBar

    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(tmp_path / "missing.pdf")
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert not app.screen.query_one("#read-progress", ProgressBar).display
        assert "อ่านไม่สำเร็จ" in str(app.screen.query_one("#parsed-info", Label).render())
        failures = [n for n in app._notifications if n.title == "ทำรายการไม่สำเร็จ"]
        assert len(failures) == 1, [n.message for n in failures]  # said once, not twice
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("g")  # no mailbox is set up here: the fetch fails
        await settle(pilot)
        info = str(app.screen.query_one("#inbox-info", Static).render())
        assert "รับอีเมลไม่สำเร็จ" in info and "กำลังรับ" not in info
        failures = [n for n in app._notifications if n.title == "ทำรายการไม่สำเร็จ"]
        assert len(failures) == 2, [n.message for n in failures]  # the read's and the fetch's, once each


async def test_the_stamped_choice_gives_the_body_a_stamped_letters_words(demo_db: Path, tmp_path: Path) -> None:
    # The app's หนังสือประทับตรา kept the external letter's wording ("…จึงเรียนมาเพื่อทราบ").
    from textual.widgets import RadioButton, TextArea

    from saraban.services.context import open_context
    from saraban.settings import Settings

    copy = tmp_path / "s.sqlite"
    copy_demo(demo_db, copy)
    ctx = open_context(f"sqlite:///{copy}", user="มานพ", settings=Settings(office=DISTRICT))
    app = make_app(ctx)
    async with app.run_test(size=(120, 35)) as pilot:
        await _on_cascade_letter_press(app, pilot, "f")
        body = app.screen.query_one("#body", TextArea)
        assert "จึงเรียนมาเพื่อ" in body.text
        app.screen.query_one("#template-stamped", RadioButton).value = True
        await settle(pilot)
        assert "จึงเรียนมา" not in body.text and "ขอส่งสำเนาหนังสือ" in body.text
        app.screen.query_one("#template-external", RadioButton).value = True
        await settle(pilot)
        assert "จึงเรียนมาเพื่อ" in body.text
        body.text = "ข้อความที่เลขานุการเขียนเอง"
        app.screen.query_one("#template-stamped", RadioButton).value = True
        await settle(pilot)
        assert body.text == "ข้อความที่เลขานุการเขียนเอง", "what the secretary wrote is never thrown away"


async def test_the_register_shows_what_others_wrote_and_what_was_received_meanwhile(
    demo_db: Path, tmp_path: Path
) -> None:
    # The register kept showing the page it first read: a receipt taken on another screen or
    # by another clerk appeared only at the next search.
    from datetime import datetime

    from saraban.services.context import open_context
    from saraban.services.registers import receive
    from saraban.settings import Settings
    from tests.services.helpers import parsed

    copy = tmp_path / "r.sqlite"
    copy_demo(demo_db, copy)
    settings = Settings(office=DISTRICT)
    app = make_app(open_context(f"sqlite:///{copy}", user="มานพ", settings=settings))
    other = open_context(f"sqlite:///{copy}", user="มานพ", settings=settings)
    noon = datetime(TODAY.year, TODAY.month, TODAY.day, 12, 0)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#register", DataTable)
        table.move_cursor(row=2)
        kept = screen.selected()
        first = receive(other, parsed("นน 0023.5/ว 7771"), DISTRICT, noon)
        assert screen.rows[0].number != first.number  # not yet: nobody asked
        screen.check_for_changes()  # what the screen's timer does every few seconds
        await settle(pilot)
        assert screen.rows[0].number == first.number
        assert screen.selected() == kept, "the cursor stays on the row the clerk was on"
        await pilot.press("n")
        await settle(pilot)
        second = receive(other, parsed("นน 0023.5/ว 7772"), DISTRICT, noon)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and screen.rows[0].number == second.number


async def test_the_palette_runs_what_was_typed_on_enter_and_speaks_thai(context) -> None:
    # Typing a command and Enter did nothing until ↓; the box said "Search for commands…" and
    # Ctrl+C answered "Do you want to quit?".
    from textual.command import CommandInput

    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        box = app.screen.query_one(CommandInput)
        assert "คำสั่ง" in str(box.placeholder) and "Search" not in str(box.placeholder)
        for char in "ทะเบียนหน่วยงาน":
            await pilot.press(char)
        await pilot.press("enter")  # at once, before the palette has gathered its hits
        for _ in range(400):  # the hits come on the palette's timer: wait for the screen they open
            if type(app.screen).__name__ == "AgenciesScreen":
                break
            await pilot.pause(0.05)
        await settle(pilot)
        assert type(app.screen).__name__ == "AgenciesScreen"
        app.action_help_quit()
        await pilot.pause()
        said = [(n.title, n.message) for n in app._notifications]
        assert any("Ctrl+Q" in message and "quit" not in title.lower() for title, message in said), said


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_the_stamp_and_the_dialogs_ok_are_on_screen_at_common_sizes(context, size: tuple[int, int]) -> None:
    # At 120×35 the receipt stamp and the amend dialog's ตกลง were below the fold.
    from textual.widgets import Button

    def on_screen(widget) -> bool:  # type: ignore[no-untyped-def]
        region = widget.region
        return region.height > 0 and region.y >= 0 and region.bottom <= size[1]

    app = make_app(context)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(DATA / "letters" / "urgent_secret_refs.txt")
        await pilot.press("ctrl+l")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        stamp = app.screen.query_one("#stamp", Static)
        assert "เลขรับ" in str(stamp.render()) and on_screen(stamp), (stamp.region, size)
        await pilot.press("escape")
        await _on_cascade_letter_press(app, pilot, "a")
        ok = app.screen.query_one("#ok", Button)
        assert on_screen(ok), (ok.region, size)


async def test_a_letter_too_secret_for_the_user_is_refused_when_forward_opens(demo_db: Path, tmp_path: Path) -> None:
    # The screen opened with a body built around a hidden subject ("ด้วยได้แจ้งเรื่อง  …") and
    # refused only at Ctrl+G.
    from datetime import datetime

    from saraban.services.context import open_context
    from saraban.services.registers import receive
    from saraban.services.users import add_user
    from saraban.settings import Settings
    from tests.services.helpers import parsed

    copy = tmp_path / "s.sqlite"
    copy_demo(demo_db, copy)
    settings = Settings(office=DISTRICT)
    url = f"sqlite:///{copy}"
    ctx = open_context(url, user="มานพ", settings=settings)
    with ctx.writing() as s:
        add_user(s, "ผู้มีสิทธิ์", "clerk", DISTRICT, clearance="ลับที่สุด")
    cleared = open_context(url, user="ผู้มีสิทธิ์", settings=settings)
    secret = receive(cleared, parsed("นน 0023.5/ว 9901", secrecy="ลับที่สุด"), DISTRICT,
                     datetime(TODAY.year, TODAY.month, TODAY.day, 10, 0))  # fmt: skip
    app = make_app(ctx)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        app.open_forward(secret.letter_id)
        await settle(pilot)
        said = str(app.screen.query_one("#forward-result", Static).render())
        assert "ส่งต่อไม่ได้" in said and "ลับที่สุด" in said
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert app.screen.result is None


async def test_a_deadline_passed_down_unchanged_is_said_not_silent(context) -> None:
    # When the parent's deadline less forward_deadline_days fell before the day of sending,
    # the parent's own deadline was passed down without a word.
    from datetime import timedelta

    from saraban.services.letter_view import letter_detail
    from saraban.tui.screens.forward import load_choices

    with context.reading() as s:
        district = s.exec(select(Agency.id).where(Agency.code == DISTRICT)).one()
        letter_id = s.exec(select(RegisterEntry.letter_id).where(RegisterEntry.doc_no == "นน 0023.5/ว 1104")).first()
    parent = letter_detail(context, letter_id).deadline
    assert parent is not None
    roomy = load_choices(context, district, letter_id, parent - timedelta(days=10))
    assert roomy.deadline < parent and not roomy.deadline_note
    tight = load_choices(context, district, letter_id, parent - timedelta(days=1))
    assert tight.deadline == parent and "ใกล้เกินกว่าจะให้เร็วขึ้น" in tight.deadline_note
    late = load_choices(context, district, letter_id, parent + timedelta(days=13))  # the trial: sent after it
    assert late.deadline is None and late.defaults["deadline"] == "" and "ผ่านมาแล้ว" in late.deadline_note
    assert "ภายในวันที่" not in " ".join(late.body), late.body


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_a_search_box_says_how_to_reach_the_letter_keys(context, size) -> None:
    """#28 item 10: the letter keys (n s f t x e) type into a focused search box, so Textual
    drops them from the footer; the footer says instead which key leaves the box for them,
    and that key does."""
    from textual.widgets._footer import FooterKey

    app = make_app(context)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.screen.query_one("#search", Input).focus()
        await pilot.pause()
        shown = {key.key: key.description for key in app.screen.query(FooterKey)}
        assert "escape" in shown, shown
        assert all(letter in shown["escape"] for letter in "nsftxe"), shown["escape"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, DataTable)
        shown = {key.key: key.description for key in app.screen.query(FooterKey)}
        assert {"n", "f", "x"} <= set(shown), shown


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_forward_tab_goes_from_the_recipients_to_the_signer(context, size) -> None:
    """#28 item 11: Tab follows the secretary's order: whom to, who signs, the deadline, the
    body, then the choices of form (they were between the recipients and the signer)."""
    app = make_app(context)
    async with app.run_test(size=size) as pilot:
        await _on_cascade_letter_press(app, pilot, "f")
        app.screen.query_one("#recipients").focus()
        order = []
        for _ in range(8):
            await pilot.press("tab")
            order.append(app.focused.id if app.focused else None)
        assert order == ["forward-signer", "forward-position", "forward-phone", "forward-deadline", "body",
                         "mode", "template", "mail"], order  # fmt: skip


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_the_amend_dialogs_fields_and_ok_are_all_reachable(context, size) -> None:
    """#28 item 8: the amend dialog's ตกลง was below the fold at 120×35, and docked at its foot
    it then covered the last field at 80×24. Each field, when the cursor is in it, is in view
    and not under ตกลง, and ตกลง is in view."""
    from textual.widgets import Button

    from saraban.tui.dialogs import FormDialog

    app = make_app(context)
    async with app.run_test(size=size) as pilot:
        await _on_cascade_letter_press(app, pilot, "a")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        ok = dialog.query_one("#ok", Button)
        screen = dialog.region
        for field in dialog.query(Input):
            field.focus()
            await pilot.pause()
            await pilot.wait_for_scheduled_animations()
            shown = field.region
            assert shown.height >= 1 and screen.contains_region(shown), (field.id, shown)
            assert not shown.overlaps(ok.region), (field.id, shown, ok.region)
            assert screen.contains_region(ok.region), ok.region



@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_another_office_s_book_offers_no_key_that_writes_in_it(context, size) -> None:
    """The trial after #28 item 4: the services refused a district clerk's void in a local
    body's book, but the footer still offered n and x there and x asked for a reason first."""
    app = make_app(context)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        writes = {"ลงรับ", "ยกเลิกเลข", "ส่งต่อ"}
        assert writes <= {d for _k, d, _a in app.screen.own_keys()}  # in its own book
        await pilot.press("o")
        await pilot.pause()
        await _type(app, pilot, "#field-office", "เทศบาลตำบลท่าวังผา")
        offered = {d for _k, d, _a in app.screen.own_keys()}
        assert writes.isdisjoint(offered) and "เส้นทาง" in offered, offered
        await pilot.press("x")
        await pilot.pause()
        assert type(app.screen).__name__ == "RegistersScreen"  # no reason asked for nothing
        await pilot.press("o")
        await pilot.pause()
        await _type(app, pilot, "#field-office", "สถ.อ.ท่าวังผา")
        assert writes <= {d for _k, d, _a in app.screen.own_keys()}  # back in its own book


def test_the_register_columns_keep_the_subject_on_screen() -> None:
    from saraban.tui.screens.registers import COLUMNS, SUBJECT, register_widths

    wide = register_widths(200)
    assert wide == [width for _label, width in COLUMNS]  # room for all: the paper book's widths
    subjects = []
    for available in range(78, 201):  # from an 80-column terminal up
        widths = register_widths(available)
        assert sum(widths[: SUBJECT + 1]) + 2 * (SUBJECT + 1) <= available, (available, widths)
        assert 12 <= widths[SUBJECT] <= COLUMNS[SUBJECT][1] and widths[2] == 13  # a date is never cut
        subjects.append(widths[SUBJECT])
    assert subjects == sorted(subjects), "a wider terminal never gives เรื่อง less"


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_the_register_shows_the_subject_at_80x24(context, size) -> None:
    """The trial after #28 item 8: at 80×24 the register showed เลขทะเบียน, ที่, ลงวันที่ and
    จาก only; เรื่อง, what a clerk looks for, was beyond the right edge."""
    app = make_app(context)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#register", DataTable)
        assert table.row_count > 0
        shown = _screen_text(app)
        assert "เรื่อง" in shown, shown
        subject = table.get_row_at(0)[SUBJECT_COLUMN].plain.strip("[]").split("] ")[-1][:8]
        assert subject and subject in shown, (subject, shown)


SUBJECT_COLUMN = 4


def _screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """What a person sees on the screen, line by line (from Textual's screenshot)."""
    import html
    from collections import defaultdict

    svg = app.export_screenshot()
    rows: dict[float, str] = defaultdict(str)
    for y, text in re.findall(r'<text[^>]*y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows[float(y)] += html.unescape(re.sub("<[^>]+>", "", text)).replace("\xa0", " ")
    return "\n".join(rows[y] for y in sorted(rows))


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_the_audit_log_shows_what_each_record_is_about(context, size) -> None:
    """The trial after #28 item 14: F5's ผู้ทำ column took 34 cells and รายการ (เลขรับ 325/2569)
    was cut at 120×35 and off screen at 80×24."""
    app = make_app(context)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        records = _table(app, "#audit-records")
        assert records.row_count > 0
        about = next(_cell(records, i, 4) for i in range(records.row_count) if _cell(records, i, 4).startswith("เลขรับ"))
        assert about[:6] in _screen_text(app), about


def test_a_deadline_typed_into_a_body_written_without_one_is_asked_for_in_it() -> None:
    # The review: past the source's deadline the body is written with no report sentence; a
    # date the secretary then typed reached the register but never the printed letter.
    from datetime import date

    from saraban.letters.content import forwarding_body
    from saraban.tui.screens.forward import with_deadline

    for stamped in (False, True):
        body = forwarding_body(source_issuer="จังหวัดน่าน", subject="ทดสอบ", sender_name="อำเภอท่าวังผา",
                               recipients_are_local=True, deadline=None, stamped=stamped)  # fmt: skip
        given = with_deadline(body, None, date(2026, 12, 20))
        assert sum("ขอให้รายงานผลภายในวันที่ 20 ธันวาคม 2569" in line for line in given) == 1, given
        assert len(given) == len(body) and "ถือปฏิบัติ ทั้งนี้" in " ".join(given)
    assert with_deadline(body, None, None) == body


async def test_the_register_remeasures_when_the_terminal_grows(context) -> None:
    # The review: widths changed on resize but the table kept its old measure and rows cut
    # to the old widths.
    from saraban.tui.screens.registers import COLUMNS, SUBJECT

    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#register", DataTable)
        narrow = list(table.columns.values())[SUBJECT].width
        await pilot.resize_terminal(180, 30)
        await settle(pilot)
        table = app.screen.query_one("#register", DataTable)
        assert list(table.columns.values())[SUBJECT].width == COLUMNS[SUBJECT][1] > narrow
        longest = max(len(table.get_row_at(i)[SUBJECT].plain) for i in range(table.row_count))
        assert longest > narrow, "rows are cut to the new width, not the old"

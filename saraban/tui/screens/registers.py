"""Registers: the receiving and sending registers of the office, newest first, paged from the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label

from saraban.errors import InvalidInput
from saraban.services.context import Context
from saraban.services.register_view import RegisterRow, books_version, register_rows
from saraban.thai.date_filter import describe_range, parse_date_filter
from saraban.thai.dates import format_thai_date, stamp_time
from saraban.tui.dialogs import FormDialog
from saraban.tui.messages import WorkDone, run_service
from saraban.tui.office import office_for
from saraban.tui.screens.base import BaseScreen
from saraban.tui.widgets import SearchBox, StatusLine, fit

PAGE = 200
REFRESH_SECONDS = 10.0
"""How often the screen asks whether anyone wrote in the books (one indexed query)."""
YEAR_GROUP = Binding.Group("ปี", compact=True)
BOOK_NAMES = {"receive": "ทะเบียนหนังสือรับ", "send": "ทะเบียนหนังสือส่ง"}
COLUMNS = (("เลขทะเบียน", 10), ("ที่", 22), ("ลงวันที่", 13), ("จาก", 28), ("เรื่อง", 48),
           ("วันที่รับ", 13), ("เวลา", 8), ("หมายเหตุ", 24))  # fmt: skip
SUBJECT = 4
"""เรื่อง's place among the columns."""


def register_widths(available: int) -> list[int]:
    """Each column's width in a table ``available`` cells wide: เรื่อง is always on screen.

    At 80 columns the paper book's order put เรื่อง beyond the right edge. It narrows first
    (to 30 cells), then จาก, ที่ and เลขทะเบียน narrow to what they hold at least; the columns
    after เรื่อง keep their widths and are reached by scrolling right.
    """
    widths = [width for _label, width in COLUMNS]
    padding = 2 * (SUBJECT + 1)  # one cell each side of every column up to เรื่อง

    def before() -> int:
        return sum(widths[:SUBJECT]) + padding

    if before() + widths[SUBJECT] <= available:
        return widths
    widths[SUBJECT] = max(30, available - before())
    if before() + widths[SUBJECT] <= available:
        return widths
    for column, least in ((3, 14), (1, 18), (0, 8)):  # จาก, ที่, เลขทะเบียน, as far as needed
        over = before() + 30 - available
        if over > 0:
            widths[column] = max(least, widths[column] - over)
    widths[SUBJECT] = min(COLUMNS[SUBJECT][1], max(12, available - before()))
    return widths


@dataclass
class Page:
    rows: list[RegisterRow]
    offset: int
    filter_note: str
    asked: tuple[str, str, str, int | None] = ("", "", "", None)
    """The search, date filter, book and year this page answers (a newer question may be waiting)."""
    version: int = 0
    """How far the books were written when the page was read (:func:`books_version`)."""


def load_page(
    context: Context, office: str, book: str, year: int | None, search: str, date_text: str, offset: int, today: date
) -> Page:
    """One page of a register with the typed filters applied (runs in a worker thread)."""
    note = ""
    first = last = None
    version = books_version(context)  # before the rows: a write in between shows as a change
    if date_text.strip():
        found = parse_date_filter(date_text, today)
        if found is None:
            note = f"อ่านวันที่ '{date_text}' ไม่ได้"
        else:
            first, last = found
            note = f"วันที่ {describe_range(first, last)}"
            year = None
    rows = register_rows(
        context,
        office,
        year=year,
        book=book,
        search=search.strip() or None,
        date_from=first,
        date_to=last,
        limit=PAGE,
        offset=offset,
    )
    return Page(rows, offset, note, (search, date_text, book, year if not date_text.strip() else None), version)


class RegistersScreen(BaseScreen):
    """The first screen: the office's registers, as the paper books."""

    SCREEN_TITLE = "ทะเบียนหนังสือ"
    WRITES = frozenset({"void", "forward"})
    widths: list[int]
    """The columns' widths for this terminal (:func:`register_widths`)."""
    BINDINGS = [
        Binding("n", "app.receive", "ลงรับ"),
        Binding("o", "switch_office", "เปลี่ยนสำนักงาน", show=False),
        Binding("s", "toggle_book", "รับ/ส่ง"),
        Binding("enter", "open", "เปิดหนังสือ", show=False),
        Binding("f", "forward", "ส่งต่อ"),
        Binding("t", "trace", "เส้นทาง"),
        Binding("x", "void", "ยกเลิกเลข"),
        Binding("e", "export", "ส่งออก"),
        Binding("slash", "search", "ค้นหา", key_display="/", show=False),
        Binding("left_square_bracket", "year(-1)", "ปีก่อน", key_display="[", group=YEAR_GROUP),
        Binding("right_square_bracket", "year(1)", "ปีถัดไป", key_display="]", group=YEAR_GROUP),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.book = "receive"
        self.rows: list[RegisterRow] = []
        self.exhausted = False
        # Not ``loading``: that is Textual's own reactive, which covers the screen with a spinner
        # and takes the focus out of the search box while a page loads.
        self.fetching = False
        self.version: int | None = None
        self.keep: str | None = None
        """The row the cursor was on before a refresh, to put it back there."""

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="filters"):
            yield SearchBox(placeholder="ค้นหา: เลขที่ เรื่อง ผู้ส่ง (ว1104 = ว ๑๑๐๔)", id="search")
            yield SearchBox(placeholder="วันที่: วันนี้ · เมื่อวาน · 7 วันก่อน · 1 พ.ย. 2561", id="date-filter")
        yield Label("", id="register-title")
        table: DataTable[Text] = DataTable(id="register", cursor_type="row", zebra_stripes=True)
        # Fixed widths (in terminal cells): columns must not jump as pages of rows arrive.
        self.widths = register_widths(self.app.size.width - 2)  # less the scroll bar
        self._add_columns(table)
        yield table

    def _add_columns(self, table: DataTable[Text]) -> None:
        for (label, _width), width in zip(COLUMNS, self.widths, strict=True):
            table.add_column(label, width=width)

    def on_resize(self) -> None:
        widths = register_widths(self.app.size.width - 2)
        if widths != self.widths:
            # The table measures its columns when they are added, and the rows were cut to
            # the old widths: both are made again.
            self.widths = widths
            table = self.query_one("#register", DataTable)
            table.clear(columns=True)
            self._add_columns(table)
            self.reload()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#register", DataTable).focus()
        self.reload()
        self.set_interval(REFRESH_SECONDS, self.check_for_changes)

    def on_screen_resume(self) -> None:
        self.check_for_changes()  # back from receiving, a letter, a forward: show what was written

    def check_for_changes(self) -> None:
        """Ask, off the UI thread, whether the books moved since the page was read."""
        if self.version is not None and not self.fetching:
            run_service(self, "version", books_version, self.saraban.context)

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self.rows, self.exhausted = [], False
        self.query_one("#register", DataTable).clear()
        self._load(0)

    def _load(self, offset: int) -> None:
        app = self.saraban
        assert app.office is not None
        self.fetching = True
        run_service(
            self,
            "page",
            load_page,
            app.context,
            app.office.query,
            self.book,
            app.year,
            self.query_one("#search", Input).value,
            self.query_one("#date-filter", Input).value,
            offset,
            app.today,
        )

    def on_work_done(self, message: WorkDone) -> None:
        if message.tag == "page":
            self._show_page(message.result)
        elif message.tag == "version":
            if self.version is not None and message.result != self.version and not self.fetching:
                cursor = self.selected()
                self.keep = f"{cursor.series}-{cursor.year}-{cursor.number}" if cursor else None
                self.reload()
        elif message.tag == "export":
            self.notify("\n".join(message.result), title="ส่งออกทะเบียนแล้ว", timeout=10)
        elif message.tag == "void":
            self.notify(f"ยกเลิกเลข {message.result.number}/{message.result.year} แล้ว")
            self.reload()
        elif message.tag == "office":
            self.saraban.office = message.result
            self.refresh_bindings()  # the keys that write are offered in the clerk's own book only
            self.query_one("#status", StatusLine).update(self.saraban.status_text())
            self.notify(f"ทะเบียนของ {message.result.name}")
            self.reload()

    def _asked(self) -> tuple[str, str, str, int | None]:
        date_text = self.query_one("#date-filter", Input).value
        year = None if date_text.strip() else self.saraban.year
        return self.query_one("#search", Input).value, date_text, self.book, year

    def _show_page(self, page: Page) -> None:
        if page.asked != self._asked():
            return  # an answer to an earlier keystroke: the page for the latest is on its way
        self.fetching = False
        table = self.query_one("#register", DataTable)
        if page.offset == 0:
            table.clear()
            self.rows = []
            self.version = page.version
        for row in page.rows:
            table.add_row(*self._cells(row), key=f"{row.series}-{row.year}-{row.number}")
        self.rows.extend(page.rows)
        if page.offset == 0 and self.keep is not None:
            keys = [f"{r.series}-{r.year}-{r.number}" for r in self.rows]
            if self.keep in keys:
                table.move_cursor(row=keys.index(self.keep))
            self.keep = None
        self.exhausted = len(page.rows) < PAGE
        unread = page.filter_note.startswith("อ่านวันที่")
        box = self.query_one("#date-filter", Input)
        box.set_class(unread, "-invalid")
        box.border_subtitle = "อ่านเป็นวันที่ไม่ได้" if unread else ""
        title = f"{BOOK_NAMES[self.book]} ปี พ.ศ. {self.saraban.year}"
        if page.filter_note:
            title = f"{BOOK_NAMES[self.book]} · {page.filter_note}"
        self.query_one("#register-title", Label).update(
            f"{title} · {len(self.rows)} รายการ" + ("" if self.exhausted else "+")
        )

    def _cells(self, row: RegisterRow) -> list[Text]:
        today = self.saraban.today
        style = "strike dim" if row.void else ""
        widths = self.widths
        subject = fit(row.subject, widths[SUBJECT])
        remark = f"ยกเลิก: {row.void_reason}" if row.void else (row.remark or "")
        if row.urgency and not row.void:
            subject = f"[{row.urgency}] {subject}"
        cells = [
            Text(row.label, style=style),
            Text(fit(row.doc_no, widths[1]), style=style),
            Text(
                format_thai_date(row.letter_date, digits="arabic", abbreviated=True) if row.letter_date else "",
                style=style,
            ),
            Text(fit(row.from_, widths[3]), style=style),
            Text(subject, style=style or ("bold red" if row.urgency else "")),
            Text(format_thai_date(row.date, digits="arabic", abbreviated=True), style=style),
            Text(stamp_time(row.time), style=style),
            Text(fit(remark, 24), style="italic" if row.void else ""),
        ]
        if row.deadline and not row.void and row.deadline <= today + timedelta(days=3):
            overdue = row.deadline < today
            when = format_thai_date(row.deadline, digits="arabic", abbreviated=True)
            note = f"{'เกินกำหนด' if overdue else 'กำหนด'} {when}"
            cells[7] = Text(fit(note, 24), style="bold white on red" if overdue else "bold black on yellow")
        if row.secrecy:
            cells[1] = Text(f"[{row.secrecy}] " + cells[1].plain, style="bold magenta")
        return cells

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        if not self.exhausted and not self.fetching and event.cursor_row >= table.row_count - 20:
            self._load(len(self.rows))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    # -- filters ---------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        # Search as you type, at whatever speed: every keystroke asks again and the focus stays
        # in the box; answers to older keystrokes are dropped when they arrive (no timer to race).
        self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.reload()
        self.query_one("#register", DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_toggle_book(self) -> None:
        self.book = "send" if self.book == "receive" else "receive"
        self.reload()

    def action_year(self, step: int) -> None:
        self.saraban.year += step
        self.query_one("#status").update(self.saraban.status_text())  # type: ignore[attr-defined]
        self.reload()

    # -- actions on the selected letter ----------------------------------------------------

    def selected(self) -> RegisterRow | None:
        table = self.query_one("#register", DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def action_open(self) -> None:
        row = self.selected()
        if row:
            self.saraban.open_letter(row.letter_id)

    def action_trace(self) -> None:
        row = self.selected()
        if row:
            self.saraban.open_trace(row.letter_id)

    def action_forward(self) -> None:
        row = self.selected()
        if row:
            self.saraban.open_forward(row.letter_id)

    def action_void(self) -> None:
        row = self.selected()
        if row is None or row.void:
            return

        def done(values: dict[str, str] | None) -> None:
            if values and values.get("reason", "").strip():
                from saraban.services.registers import void

                office = self.saraban.office
                assert office is not None
                run_service(
                    self,
                    "void",
                    void,
                    self.saraban.context,
                    office.query,
                    row.number,
                    values["reason"],
                    year=row.year,
                    book=self.book,
                    series=row.series,
                )

        self.app.push_screen(
            FormDialog(f"ยกเลิกเลข {row.label}/{row.year} (เลขจะไม่ถูกใช้ซ้ำ)", [("reason", "เหตุผลการยกเลิก", "")],
                       required={"reason"}), done
        )

    def action_switch_office(self) -> None:
        """Another office's registers (an auditor checks each office; a clerk of several units)."""
        current = self.saraban.office

        def done(values: dict[str, str] | None) -> None:
            if values and values["office"].strip():
                run_service(self, "office", office_for, self.saraban.context, values["office"])

        field = ("office", "รหัสหนังสือหรือชื่อสำนักงาน (เช่น นน 0023.11)", current.code or "" if current else "")
        self.app.push_screen(FormDialog("เปลี่ยนสำนักงาน", [field], required={"office"}), done)

    def action_export(self) -> None:
        """Write the year's book as CSV and DOCX into a folder the clerk names (never unasked)."""
        from saraban import paths

        office = self.saraban.office
        assert office is not None

        def done(values: dict[str, str] | None) -> None:
            if values and values["folder"].strip():
                run_service(self, "export", export_register, self.saraban.context, office.query, self.book,
                            self.saraban.year, Path(values["folder"].strip()).expanduser())  # fmt: skip

        title = f"ส่งออก{BOOK_NAMES[self.book]} ปี {self.saraban.year} (CSV และ DOCX)"
        field = ("folder", "เขียนลงโฟลเดอร์", str(paths.output_dir()))
        self.app.push_screen(FormDialog(title, [field], required={"folder"}), done)


def export_register(context: Context, office: str, book: str, year: int, folder: Path) -> list[str]:
    """Write the register of a year as CSV (for Excel) and as the DOCX report (worker thread).

    Existing files are never replaced: a new name is taken beside them.
    """
    from saraban.letters.render import safe_filename, unique_path
    from saraban.services.register_view import write_csv
    from saraban.services.reports import write_register_report

    if not folder.is_dir():
        raise InvalidInput(f"{folder}: ไม่มีโฟลเดอร์นี้")
    rows = register_rows(context, office, year=year, book=book)
    stem = f"{BOOK_NAMES[book]} {year}"
    csv_path = write_csv(rows, unique_path(folder, safe_filename(stem, ".csv")), book)
    docx_path = unique_path(folder, safe_filename(stem))
    write_register_report(context, office, rows, docx_path, book=book, year=year)
    return [str(csv_path), str(docx_path)]

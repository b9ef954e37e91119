"""การเก็บรักษาและการทำลาย: what is due this year, holds, and the year-end list (แบบที่ ๒๕)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from saraban import paths
from saraban.services.retention import DueLetter, due, hold, make_list
from saraban.tui.dialogs import FormDialog
from saraban.tui.messages import WorkDone, run_service
from saraban.tui.screens.base import BaseScreen
from saraban.tui.widgets import fit, row_at_cursor


class RetentionScreen(BaseScreen):
    """The letters whose retention ends by the end of the year, and the list for the committee."""

    SCREEN_TITLE = "การเก็บรักษาและการทำลายหนังสือ"
    WRITES = frozenset({"make_list", "hold"})
    BINDINGS = [
        Binding("l", "make_list", "ทำบัญชีขอทำลาย"),
        Binding("h", "hold", "อายัด"),
        Binding("left_square_bracket", "year(-1)", "ปีก่อน", key_display="["),
        Binding("right_square_bracket", "year(1)", "ปีถัดไป", key_display="]"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="retention-info")
        table: DataTable[str] = DataTable(id="due", cursor_type="row", zebra_stripes=True)
        table.add_columns("#", "ที่", "ลงวันที่", "เรื่อง", "รหัสแฟ้ม", "เก็บ", "ครบปี", "บัญชี")
        yield table

    def on_mount(self) -> None:
        super().on_mount()
        self.year = self.saraban.year
        self.rows: list[DueLetter] = []
        self._load()

    def _load(self) -> None:
        office = self.saraban.office
        assert office is not None
        run_service(self, "due", due, self.saraban.context, self.year, office.query)

    def action_year(self, step: int) -> None:
        self.year += step
        self._load()

    def selected(self) -> DueLetter | None:
        return row_at_cursor(self.query_one("#due", DataTable), self.rows)

    def action_hold(self) -> None:
        row = self.selected()
        if row is None:
            return

        def done(values: dict[str, str] | None) -> None:
            if values and values.get("reason", "").strip():
                run_service(self, "hold", hold, self.saraban.context, f"#{row.letter_id}", values["reason"])

        self.app.push_screen(FormDialog(f"อายัดหนังสือ {row.doc_no or '#' + str(row.letter_id)}",
                                        [("reason", "เหตุผลที่อายัด", "")]), done)  # fmt: skip

    def action_make_list(self) -> None:
        default = paths.output_dir() / f"บัญชีหนังสือขอทำลาย-{self.year}.docx"

        def done(values: dict[str, str] | None) -> None:
            if values and values.get("path", "").strip():
                office = self.saraban.office
                assert office is not None
                target = Path(values["path"].strip()).expanduser()
                run_service(self, "list", make_list, self.saraban.context, self.year, at=office.query, docx=target,
                            today=self.saraban.today)  # fmt: skip

        self.app.push_screen(FormDialog(f"ทำบัญชีหนังสือขอทำลาย ปี {self.year}", [("path", "บันทึกเป็นไฟล์", str(default))]),
                             done)  # fmt: skip

    def on_work_done(self, message: WorkDone) -> None:
        if message.tag in ("hold", "list"):
            if message.tag == "list":
                self.notify(f"บัญชีหมายเลข {message.result.id}: {len(message.result.letter_ids)} ฉบับ")
            self._load()
            return
        if message.tag != "due":
            return
        self.rows = message.result
        table = self.query_one("#due", DataTable)
        table.clear()
        for r in self.rows:
            table.add_row(f"#{r.letter_id}", r.doc_no or "-", r.letter_date or "-", fit(r.subject or "-", 44),
                          r.file_code or "-", r.retention, str(r.ends), str(r.listed or ""))  # fmt: skip
        listed = sum(1 for r in self.rows if r.listed)
        self.query_one("#retention-info", Static).update(
            f"ครบกำหนดเก็บภายในสิ้นปี {self.year}: {len(self.rows)} ฉบับ (ลงบัญชีแล้ว {listed}) · l ทำบัญชี · h อายัด · [ ] ปี"
        )

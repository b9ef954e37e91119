"""Agencies: browse and search the directory, edit an office, import the DLA list."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input

from saraban.db.tables import LEVEL_NAMES
from saraban.services.context import Context
from saraban.services.directory import AgencyView, ImportSummary, edit_agency, import_dla_file, list_agencies
from saraban.tui.dialogs import FormDialog
from saraban.tui.messages import WorkDone, run_service
from saraban.tui.screens.base import BaseScreen
from saraban.tui.widgets import SearchBox, fit


def search_agencies(context: Context, text: str, review_only: bool = False) -> list[AgencyView]:
    with context.reading() as session:
        found = list_agencies(session, search=text.strip() or None)
    return [a for a in found if a.needs_review] if review_only else found


def merge_into(context: Context, agency_id: int, into: str) -> tuple[str, int]:
    """Merge an office added from a letter into the real one (``saraban agencies merge``)."""
    from saraban.services.agency_review import merge_agency

    with context.administering("รวมหน่วยงาน") as session:
        kept, moved = merge_agency(session, str(agency_id), into.strip())
        return kept.name, moved


def save_agency(context: Context, agency_id: int, values: dict[str, str]) -> None:
    with context.administering("แก้ไขหน่วยงาน") as session:
        edit_agency(
            session,
            str(agency_id),
            name=values["name"] or None,
            short_name=values["short"],
            code=values["code"] or None,
            reviewed=True,
        )


def import_list(context: Context, path: str) -> ImportSummary:
    with context.administering("นำเข้าทะเบียนหน่วยงาน") as session:
        return import_dla_file(session, Path(path.strip()).expanduser())


class AgenciesScreen(BaseScreen):
    """The directory of offices."""

    SCREEN_TITLE = "ทะเบียนหน่วยงาน"
    ADMIN = frozenset({"edit", "import_list", "merge"})
    BINDINGS = [
        Binding("slash", "search", "ค้นหา", key_display="/"),
        Binding("r", "review", "รอตรวจ/ทั้งหมด"),
        Binding("e", "edit", "แก้ไข"),
        Binding("m", "merge", "รวมเข้ากับ…"),
        Binding("i", "import_list", "นำเข้ารายชื่อ อปท."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[AgencyView] = []
        self.review_only = False

    def compose_body(self) -> ComposeResult:
        yield SearchBox(placeholder="ค้นหา: ชื่อ ชื่อย่อ หรือรหัสหนังสือ", id="agency-search")
        table: DataTable[str] = DataTable(id="agency-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("ชื่อ", "ชื่อย่อ", "รหัส", "ระดับ", "สังกัด", "ตรวจ")
        yield table

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#agency-table", DataTable).focus()
        self._load()

    def _load(self) -> None:
        typed = self.query_one("#agency-search", Input).value
        run_service(self, "agencies", search_agencies, self.saraban.context, typed, self.review_only)

    def on_input_submitted(self) -> None:
        self._load()
        self.query_one("#agency-table", DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#agency-search", Input).focus()

    def on_work_done(self, message: WorkDone) -> None:
        if message.tag == "agencies":
            self.rows = message.result
            table = self.query_one("#agency-table", DataTable)
            table.clear()
            for a in self.rows:
                table.add_row(
                    fit(a.name, 50),
                    a.short_name or "",
                    a.code or "",
                    LEVEL_NAMES.get(a.level, a.level),
                    fit(a.parent, 36),
                    "รอตรวจ" if a.needs_review else "",
                )
            self.sub_title = f"{len(self.rows)} แห่ง" + (" (รอผู้ดูแลตรวจ)" if self.review_only else "")
        elif message.tag == "merge":
            kept, moved = message.result
            self.notify(f"รวมเข้ากับ {kept} แล้ว ({moved} รายการย้ายตาม)")
            self._load()
        elif message.tag == "save":
            self.notify("บันทึกแล้ว")
            self._load()
        elif message.tag == "import":
            summary: ImportSummary = message.result
            self.notify(
                f"สำนักงานอำเภอใหม่ {summary.districts_created} แห่ง, อปท. ใหม่ {summary.bodies_created} แห่ง"
                + (f", ปัญหา {len(summary.problems)} แถว" if summary.problems else ""),
                timeout=10,
            )
            self._load()

    def action_edit(self) -> None:
        table = self.query_one("#agency-table", DataTable)
        if not self.rows or table.cursor_row >= len(self.rows):
            return
        agency = self.rows[table.cursor_row]

        def done(values: dict[str, str] | None) -> None:
            if values:
                run_service(self, "save", save_agency, self.saraban.context, agency.id, values)

        fields = [
            ("name", "ชื่อ", agency.name),
            ("short", "ชื่อย่อ", agency.short_name or ""),
            ("code", "รหัสหนังสือ (เช่น อต 0023.14)", agency.code or ""),
        ]
        self.app.push_screen(FormDialog("แก้ไขหน่วยงาน", fields), done)

    def action_review(self) -> None:
        """Only the offices added from letters, waiting for an administrator (or all again)."""
        self.review_only = not self.review_only
        self._load()

    def action_merge(self) -> None:
        table = self.query_one("#agency-table", DataTable)
        if not self.rows or table.cursor_row >= len(self.rows):
            return
        agency = self.rows[table.cursor_row]

        def done(values: dict[str, str] | None) -> None:
            if values and values["into"].strip():
                run_service(self, "merge", merge_into, self.saraban.context, agency.id, values["into"])

        field = ("into", "หน่วยงานที่ถูกต้อง (ชื่อ หรือรหัสหนังสือ): หนังสือและเลขรับจะย้ายไปทั้งหมด", "")
        self.app.push_screen(FormDialog(f"รวม '{agency.name}' เข้ากับ…", [field], required={"into"}), done)

    def action_import_list(self) -> None:
        def done(values: dict[str, str] | None) -> None:
            if values and values["path"].strip():
                self.notify("กำลังนำเข้ารายชื่อ อปท. …", timeout=3)
                self.sub_title = "กำลังนำเข้า…"
                run_service(self, "import", import_list, self.saraban.context, values["path"])

        self.app.push_screen(FormDialog("นำเข้ารายชื่อ อปท. ของ สถ. (CSV)", [("path", "ไฟล์ CSV", "")]), done)

"""หนังสือเข้าทางอีเมล: the e-mails waiting for the clerk; fetch, open to check and accept, reject."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from saraban.db.tables import InboxMessage
from saraban.services.context import Context
from saraban.services.inbox import fetch_mail, inbox_letters, list_inbox, reject, shown_letter, shown_subject
from saraban.thai.dates import format_thai_datetime
from saraban.tui.dialogs import FormDialog
from saraban.tui.messages import WorkDone, WorkFailed, run_service
from saraban.tui.screens.base import BaseScreen
from saraban.tui.widgets import fit, row_at_cursor


def load(context: Context) -> list[InboxMessage]:
    return list_inbox(context)


class InboxScreen(BaseScreen):
    """Letters that came by e-mail, each with what the reading found and what to check."""

    SCREEN_TITLE = "หนังสือเข้าทางอีเมล"
    WRITES = frozenset({"fetch", "open", "reject"})
    BINDINGS = [
        Binding("g", "fetch", "รับอีเมลใหม่"),
        Binding("enter", "open", "ตรวจและลงรับ"),
        Binding("r", "reject", "ไม่รับ"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="inbox-info")
        table: DataTable[str] = DataTable(id="inbox", cursor_type="row", zebra_stripes=True)
        table.add_columns("#", "มาถึง", "จาก", "ที่", "เรื่อง", "ต้องตรวจ")
        yield table

    def on_mount(self) -> None:
        super().on_mount()
        self.messages: list[InboxMessage] = []
        run_service(self, "load", load, self.saraban.context)

    def action_fetch(self) -> None:
        self.query_one("#inbox-info", Static).update("กำลังรับอีเมลจากกล่อง saraban@ …")
        run_service(self, "fetch", fetch_mail, self.saraban.context)

    def selected(self) -> InboxMessage | None:
        return row_at_cursor(self.query_one("#inbox", DataTable), self.messages)

    def action_open(self) -> None:
        message = self.selected()
        if message is None:
            return
        from saraban.tui.screens.receive import ReceiveScreen

        letters = inbox_letters(message)
        if not letters:
            self.notify("อีเมลนี้ไม่มีหนังสือที่อ่านได้: " + "; ".join(message.problems[:2]), severity="warning")
            return
        screen = ReceiveScreen(letters=letters, inbox_id=message.id)
        screen.index = shown_letter(message)[0]  # the first letter still waiting
        self.app.push_screen(screen)

    def on_data_table_row_selected(self) -> None:
        self.action_open()

    def action_reject(self) -> None:
        message = self.selected()
        if message is None:
            return

        def done(values: dict[str, str] | None) -> None:
            if values and values.get("reason", "").strip():
                run_service(self, "reject", reject, self.saraban.context, message.id, values["reason"])

        dialog = FormDialog(f"ไม่รับอีเมลหมายเลข {message.id}", [("reason", "เหตุผล", "")], required={"reason"})
        self.app.push_screen(dialog, done)

    def on_screen_resume(self) -> None:
        run_service(self, "load", load, self.saraban.context)

    def on_work_failed(self, message: WorkFailed) -> None:
        if message.tag == "fetch":  # the mailbox answered no: the line says so, not "fetching…"
            self.query_one("#inbox-info", Static).update(f"รับอีเมลไม่สำเร็จ: {message.error} · g ลองอีกครั้ง")
        # BaseScreen's handler runs after this one (Textual calls each class's): it notifies once.

    def on_work_done(self, message: WorkDone) -> None:
        if message.tag in ("fetch", "reject"):
            if message.tag == "fetch":
                report = message.result
                problems = f", ปัญหา {len(report.problems)}" if report.problems else ""
                self.notify(f"อีเมลใหม่ {len(report.added)} ฉบับ{problems}")
            run_service(self, "load", load, self.saraban.context)
            return
        if message.tag != "load":
            return
        self.messages = message.result
        table = self.query_one("#inbox", DataTable)
        table.clear()
        for m in self.messages:
            _index, first, which = shown_letter(m)
            sender = (m.sender_address or "-") + ("" if m.sender_agency_id else " (ไม่รู้จัก)")
            check = ", ".join(first.low_confidence()) if first else "ไม่มีหนังสือ"
            number = (first.doc_no if first else None) or "-"
            when = format_thai_datetime(m.arrived_at, digits="arabic")  # as the register writes times
            table.add_row(str(m.id), when, fit(sender, 32), number, fit(shown_subject(m, first, which), 40),
                          fit(check or "-", 24))  # fmt: skip
        self.query_one("#inbox-info", Static).update(
            f"รอลงรับ {len(self.messages)} ฉบับ · g รับอีเมลใหม่ · Enter ตรวจและลงรับ · r ไม่รับ"
        )

"""Audit (read-only): verify the hash chain, browse the ledger with filters."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Static

from saraban.services.context import ROLE_NAMES, Context
from saraban.services.ledger import AuditRecord, VerifyReport, list_records, verify
from saraban.services.ledger_names import action_name
from saraban.thai.dates import format_thai_datetime
from saraban.tui.messages import WorkDone, run_service
from saraban.tui.screens.base import BaseScreen
from saraban.tui.widgets import SearchBox, fit


def run_verify(context: Context) -> VerifyReport:
    with context.reading() as session:
        return verify(session)


def load_records(context: Context, action: str, actor: str) -> list[tuple[AuditRecord, str]]:
    """The newest records, each with what it is about as a person names it."""
    from saraban.services.record_names import record_subjects

    with context.reading() as session:
        records = list_records(session, action=action.strip() or None, actor=actor.strip() or None)
        return list(zip(records, record_subjects(session, records), strict=True))


class AuditScreen(BaseScreen):
    """What an auditor sees: nothing here can change a record."""

    SCREEN_TITLE = "ตรวจสอบบันทึก"
    BINDINGS = [Binding("v", "verify", "ตรวจห่วงโซ่"), Binding("slash", "filter", "กรอง", key_display="/")]

    def compose_body(self) -> ComposeResult:
        yield Static("กด v เพื่อตรวจห่วงโซ่แฮชทั้งหมด", id="audit-result")
        with Horizontal(id="audit-filters"):
            actions = "การกระทำ: ลงทะเบียนรับ, ยกเลิก, แก้ไข, เกษียน … (หรือ receive, void)"
            yield SearchBox(placeholder=actions, id="audit-action")
            yield SearchBox(placeholder="ผู้ทำรายการ", id="audit-actor")
        table: DataTable[str] = DataTable(id="audit-records", cursor_type="row", zebra_stripes=True)
        # What was done and to which record come before the role and the hash: at 80 columns
        # รายการ was off screen behind a wide ผู้ทำ.
        table.add_columns("ลำดับ", "วันเวลา", "ผู้ทำ", "การกระทำ", "รายการ", "บทบาท", "แฮช")
        yield table

    def on_mount(self) -> None:
        super().on_mount()
        self.action_verify()
        self._load()

    def _load(self) -> None:
        run_service(
            self,
            "records",
            load_records,
            self.saraban.context,
            self.query_one("#audit-action", Input).value,
            self.query_one("#audit-actor", Input).value,
        )

    def action_verify(self) -> None:
        self.query_one("#audit-result", Static).update("กำลังตรวจ…")
        run_service(self, "verify", run_verify, self.saraban.context)

    def action_filter(self) -> None:
        self.query_one("#audit-action", Input).focus()

    def on_input_submitted(self) -> None:
        self._load()

    def on_work_done(self, message: WorkDone) -> None:
        if message.tag == "verify":
            report: VerifyReport = message.result
            widget = self.query_one("#audit-result", Static)
            if report.ok:
                widget.update(
                    f"[b green]✔ ห่วงโซ่ถูกต้อง[/]: บันทึก {report.records} รายการ, ทะเบียน {report.entries}, "
                    f"เส้นทาง {report.events}"
                )
            else:
                widget.update("[b red]✘ พบการแก้ไข[/]: " + "; ".join(report.problems))
        elif message.tag == "records":
            table = self.query_one("#audit-records", DataTable)
            table.clear()
            for r, subject in message.result:
                table.add_row(
                    str(r.seq),
                    format_thai_datetime(r.at, digits="arabic"),
                    fit(r.actor, 14),
                    fit(action_name(r.action), 18),
                    subject,
                    ROLE_NAMES.get(r.role, r.role),
                    fit(r.hash, 16),
                )

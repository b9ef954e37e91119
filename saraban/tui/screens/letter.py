"""Letter: every field, attachments, references, endorsements, receipts and routing events."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from saraban.services.forwarding import endorse
from saraban.services.letter_view import LetterDetail, letter_detail
from saraban.thai.dates import format_thai_date
from saraban.tui.dialogs import FormDialog
from saraban.tui.messages import WorkDone, run_service
from saraban.tui.screens.base import BaseScreen

EVENT_NAMES = {"received": "ลงรับ", "sent": "ส่ง", "endorsed": "เกษียน"}


def _date(value) -> str:  # type: ignore[no-untyped-def]
    return format_thai_date(value, digits="arabic") if value else "-"


class LetterScreen(BaseScreen):
    """One letter and its journey."""

    SCREEN_TITLE = "หนังสือ"
    BINDINGS = [
        Binding("p", "parent", "หนังสือต้นเรื่อง"),
        Binding("e", "endorse", "เกษียน"),
        Binding("f", "forward", "ส่งต่อ"),
        Binding("t", "trace", "เส้นทาง"),
    ]

    def __init__(self, letter_id: int) -> None:
        super().__init__()
        self.letter_id = letter_id
        self.detail: LetterDetail | None = None

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="letter"):
            yield Static("กำลังโหลด…", id="letter-fields")
            yield Static("", id="letter-links")
            receipts: DataTable[str] = DataTable(id="letter-receipts", cursor_type="none")
            receipts.add_columns("หน่วยงานที่รับ", "เลขรับ", "วันเวลา")
            yield receipts
            events: DataTable[str] = DataTable(id="letter-events", cursor_type="none")
            events.add_columns("เหตุการณ์", "หน่วยงาน", "ถึง", "วันเวลา", "โดย", "ข้อความ")
            yield events

    def on_mount(self) -> None:
        super().on_mount()
        self.load()

    def load(self) -> None:
        run_service(self, "detail", letter_detail, self.saraban.context, self.letter_id)

    def on_work_done(self, message: WorkDone) -> None:
        if message.tag == "detail":
            self._show(message.result)
        elif message.tag == "endorse":
            self.notify("บันทึกเกษียนแล้ว")
            self.load()

    def _show(self, d: LetterDetail) -> None:
        self.detail = d
        self.sub_title = d.doc_no or "(ไม่มีเลข)"
        lines = [
            f"[b]ที่[/b] {d.doc_no or '-'}    [b]ลงวันที่[/b] {_date(d.date)}    [b]ชนิด[/b] {d.kind}",
            f"[b]เรื่อง[/b] {d.subject or '-'}",
            f"[b]จาก[/b] {d.sender or '-'}",
            f"[b]เรียน[/b] {d.salutation or '-'}",
        ]
        if d.urgency:
            lines.append(f"[b red]{d.urgency}[/]")
        if d.secrecy:
            lines.append(f"[b magenta]{d.secrecy}[/]" + (" — ไม่มีสิทธิ์เห็นรายละเอียด" if d.hidden else ""))
        if d.deadline:
            lines.append(f"[b]กำหนดส่ง[/b] {_date(d.deadline)}")
        if d.signer_name or d.signer_position:
            lines.append(f"[b]ผู้ลงนาม[/b] {d.signer_name or '-'} ({d.signer_position or '-'})")
        lines += [f"[b]สิ่งที่ส่งมาด้วย[/b] {item}" for item in d.attachments]
        lines += [f"[yellow]⚠ {w}[/]" for w in d.warnings]
        self.query_one("#letter-fields", Static).update("\n".join(lines))
        links = []
        if d.parent:
            links.append(
                f"[b]ส่งต่อจาก/อ้างถึง[/b] {d.parent.doc_no} ลงวันที่ {_date(d.parent.date)} ({d.parent.note}) — กด p"
            )
        for ref in d.references:
            known = "" if ref.letter_id else " (ยังไม่มีในระบบ)"
            links.append(f"[b]อ้างถึง[/b] {ref.doc_no} ลงวันที่ {_date(ref.date)}{known}")
        links += [f"[b]ส่งต่อเป็น[/b] {c.doc_no} ({c.note}) ลงวันที่ {_date(c.date)}" for c in d.children]
        self.query_one("#letter-links", Static).update("\n".join(links))
        receipts = self.query_one("#letter-receipts", DataTable)
        receipts.clear()
        for r in d.receipts:
            receipts.add_row(
                r.agency, f"{r.number}/{r.year}" + (" (ยกเลิก)" if r.void else ""), f"{r.at:%Y-%m-%d %H:%M}"
            )
        events = self.query_one("#letter-events", DataTable)
        events.clear()
        for e in d.events:
            events.add_row(
                EVENT_NAMES.get(e.event, e.event), e.agency, e.to or "", f"{e.at:%Y-%m-%d %H:%M}", e.by, e.note or ""
            )

    def action_parent(self) -> None:
        if self.detail and self.detail.parent and self.detail.parent.letter_id:
            self.saraban.open_letter(self.detail.parent.letter_id)
        else:
            self.notify("หนังสือนี้ไม่มีหนังสือต้นเรื่องในระบบ", severity="warning")

    def action_trace(self) -> None:
        self.saraban.open_trace(self.letter_id)

    def action_forward(self) -> None:
        self.saraban.open_forward(self.letter_id)

    def action_endorse(self) -> None:
        def done(values: dict[str, str] | None) -> None:
            if values and values["text"].strip():
                office = self.saraban.office
                assert office is not None
                run_service(
                    self, "endorse", endorse, self.saraban.context, f"#{self.letter_id}", office.query, values["text"]
                )

        self.app.push_screen(FormDialog("เกษียนหนังสือ", [("text", "ข้อความเกษียน (เช่น เรียน … เพื่อโปรดทราบ)", "")]), done)

"""Letter: every field, attachments, references, endorsements, receipts and routing events."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from saraban.parsing.record import KIND_NAMES
from saraban.services.amendment import FIELDS, amend
from saraban.services.forwarding import endorse
from saraban.services.letter_view import LetterDetail, ReceiptView, letter_detail, provenance_note
from saraban.thai.dates import format_thai_date, format_thai_datetime
from saraban.tui.dialogs import FormDialog
from saraban.tui.messages import WorkDone, run_service
from saraban.tui.screens.base import BaseScreen

EVENT_NAMES = {"received": "ลงรับ", "sent": "ส่ง", "endorsed": "เกษียน", "copy": "ได้รับอีกฉบับ"}


def _date(value) -> str:  # type: ignore[no-untyped-def]
    return format_thai_date(value, digits="arabic") if value else "-"


class LetterScreen(BaseScreen):
    """One letter and its journey."""

    SCREEN_TITLE = "หนังสือ"
    WRITES = frozenset({"endorse", "amend", "forward"})
    BINDINGS = [
        Binding("p", "parent", "หนังสือต้นเรื่อง"),
        Binding("e", "endorse", "เกษียน"),
        Binding("a", "amend", "แก้ไขรายการ"),
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
            yield Static("", id="letter-history-title")
            history: DataTable[str] = DataTable(id="letter-history", cursor_type="none")
            history.add_columns("เมื่อ", "โดย", "รายการ", "ช่อง", "เดิม", "ใหม่", "เหตุผล")
            yield history

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
        elif message.tag == "amend":
            self.notify(f"บันทึกการแก้ไขแล้ว ({len(message.result)} ช่อง)")
            self.load()

    def _show(self, d: LetterDetail) -> None:
        self.detail = d
        self.sub_title = d.doc_no or "(ไม่มีเลข)"
        lines = [
            f"[b]ที่[/b] {d.doc_no or '-'}    [b]ลงวันที่[/b] {_date(d.date)}"
            f"    [b]ชนิด[/b] {KIND_NAMES.get(d.kind, d.kind)}",
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
        if d.provenance and not d.hidden:
            lines.append(f"[dim]ที่มาของข้อมูล — {escape(provenance_note(d.provenance))}[/]")
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
            number = f"{r.number}/{r.year}" + (" (ยกเลิก)" if r.void else "")
            receipts.add_row(r.agency, number, format_thai_datetime(r.at, digits="arabic"))
        events = self.query_one("#letter-events", DataTable)
        events.clear()
        for e in d.events:
            events.add_row(
                EVENT_NAMES.get(e.event, e.event), e.agency, e.to or "", format_thai_datetime(e.at, digits="arabic"),
                e.by, e.note or "",
            )  # fmt: skip
        title = f"[b]ประวัติการแก้ไข[/b] ({len(d.amendments)} ครั้ง)" if d.amendments else ""
        self.query_one("#letter-history-title", Static).update(title)
        history = self.query_one("#letter-history", DataTable)
        history.clear()
        for a in d.amendments:
            history.add_row(
                format_thai_datetime(a.at, digits="arabic"), a.by, a.entry or "หนังสือ", a.label,
                a.old or "-", a.new or "-", a.reason or "",
            )  # fmt: skip

    def _own_receipt(self) -> ReceiptView | None:
        """This office's (not void) receipt of the letter: the entry a clerk here may correct."""
        office = self.saraban.office
        receipts = self.detail.receipts if self.detail else []
        return next((r for r in receipts if office and r.agency_id == office.id and not r.void), None)

    def action_amend(self) -> None:
        receipt = self._own_receipt()
        if receipt is None:
            self.notify("หนังสือนี้ไม่มีเลขรับของสำนักงานนี้ให้แก้ไข", severity="warning")
            return
        if self.detail and self.detail.hidden:
            self.notify("ไม่มีสิทธิ์แก้ไขหนังสือลับฉบับนี้", severity="error")
            return
        fields = [(name, label, receipt.values.get(name, "")) for name, label in FIELDS.items()]
        fields.append(("reason", "เหตุผลการแก้ไข (ต้องกรอก)", ""))

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            reason = values.pop("reason")
            changes = {name: value for name, value in values.items() if value != receipt.values.get(name, "")}
            if not changes:
                self.notify("ไม่มีช่องใดเปลี่ยน", severity="warning")
                return
            office = self.saraban.office
            assert office is not None
            run_service(
                self, "amend", amend, self.saraban.context, office.query, receipt.number, changes, reason,
                year=receipt.year,
            )  # fmt: skip

        title = f"แก้ไขเลขรับ {receipt.number}/{receipt.year}"
        self.app.push_screen(FormDialog(title, fields, required={"reason"}), done)

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

        dialog = FormDialog("เกษียนหนังสือ", [("text", "ข้อความเกษียน (เช่น เรียน … เพื่อโปรดทราบ)", "")], required={"text"})
        self.app.push_screen(dialog, done)

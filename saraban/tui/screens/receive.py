"""Receive: open a file or paste OCR text, check the parsed fields, confirm, get the stamp."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Input, Label, Static, TextArea

from saraban.errors import InvalidInput
from saraban.parsing import ParsedLetter, parse_file, parse_text
from saraban.services.context import Context
from saraban.services.registers import Receipt, receive
from saraban.thai.dates import format_thai_date, parse_thai_date
from saraban.thai.digits import render_digits
from saraban.tui.messages import WorkDone, run_service
from saraban.tui.screens.base import BaseScreen

FIELDS = (
    ("doc_no", "ที่ (เลขที่หนังสือ)", ("เลขที่", "รหัสหนังสือ")),
    ("date", "ลงวันที่", ("วันที่",)),
    ("subject", "เรื่อง", ()),
    ("sender_agency", "จาก (ส่วนราชการ)", ("ส่วนราชการ",)),
    ("salutation_to", "เรียน", ("เรียน", "นายก")),
    ("urgency", "ชั้นความเร็ว", ()),
    ("secrecy", "ชั้นความลับ", ()),
)


def read_letters(path_text: str, pasted: str) -> list[ParsedLetter]:
    """Parse the file named, or else the pasted text (runs in a worker thread)."""
    if path_text.strip():
        return parse_file(Path(path_text.strip()).expanduser())
    if pasted.strip():
        return parse_text(pasted, source="(วางข้อความ)")
    raise InvalidInput("ระบุไฟล์ หรือวางข้อความ OCR ก่อน")


def confirm_receipt(context: Context, letter: ParsedLetter, values: dict[str, str], office: str) -> Receipt:
    """Apply the clerk's corrections and register the letter (runs in a worker thread)."""
    changes: dict[str, object] = {}
    for key in ("doc_no", "subject", "sender_agency", "salutation_to", "urgency", "secrecy"):
        changes[key] = values[key].strip() or None
    try:
        changes["date"] = parse_thai_date(values["date"]) if values["date"].strip() else None
    except ValueError as exc:
        raise InvalidInput(f"ลงวันที่: {exc}") from exc
    corrected = dataclasses.replace(letter, **changes)  # type: ignore[arg-type]
    return receive(context, corrected, office, source=letter.source)


class ReceiveScreen(BaseScreen):
    """Register an incoming letter in seconds, and without mistakes."""

    SCREEN_TITLE = "ลงรับหนังสือ"
    BINDINGS = [
        Binding("ctrl+l", "read", "อ่านหนังสือ"),
        Binding("ctrl+s", "confirm", "ยืนยันลงรับ"),
        Binding("ctrl+n", "next_letter", "ฉบับถัดไปในไฟล์"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.letters: list[ParsedLetter] = []
        self.index = 0

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="receive"):
            with Horizontal(id="source"):
                yield Input(placeholder="ไฟล์หนังสือ (.txt .docx) แล้วกด Ctrl+L", id="path")
            yield TextArea(id="paste", soft_wrap=True)
            yield Label("", id="parsed-info")
            with Grid(id="form"):
                for key, label, _hints in FIELDS:
                    yield Label(label, classes="field-label")
                    yield Input(id=f"f-{key}")
                    yield Label("", id=f"w-{key}", classes="field-warning")
            yield Static("", id="other-warnings")
            yield Static("", id="stamp")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#paste", TextArea).border_title = "หรือวางข้อความ OCR ที่นี่"
        self.query_one("#path", Input).focus()

    def action_read(self) -> None:
        run_service(
            self, "read", read_letters, self.query_one("#path", Input).value, self.query_one("#paste", TextArea).text
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "path":
            self.action_read()

    def action_next_letter(self) -> None:
        if self.letters:
            self.index = (self.index + 1) % len(self.letters)
            self._fill()

    def on_work_done(self, message: WorkDone) -> None:
        if message.tag == "read":
            self.letters, self.index = message.result, 0
            if not self.letters:
                self.notify("ไม่พบหนังสือราชการในข้อความนี้", severity="warning")
                return
            self._fill()
            self.query_one("#f-doc_no", Input).focus()
        elif message.tag == "confirm":
            self._stamp(message.result)

    def _fill(self) -> None:
        letter = self.letters[self.index]
        self.query_one("#parsed-info", Label).update(
            f"หนังสือฉบับที่ {self.index + 1} จาก {len(self.letters)} ในไฟล์ ({letter.kind})"
            + (" · Ctrl+N ฉบับถัดไป" if len(self.letters) > 1 else "")
        )
        values = {
            "doc_no": letter.doc_no or "",
            "date": format_thai_date(letter.date, digits="arabic") if letter.date else "",
            "subject": letter.subject or "",
            "sender_agency": letter.sender_agency or "",
            "salutation_to": letter.salutation_to or "",
            "urgency": letter.urgency or "",
            "secrecy": letter.secrecy or "",
        }
        unplaced = list(letter.warnings)
        for key, _label, hints in FIELDS:
            self.query_one(f"#f-{key}", Input).value = values[key]
            mine = [w for w in unplaced if any(h in w for h in hints)]
            for warning in mine:
                unplaced.remove(warning)
            label = self.query_one(f"#w-{key}", Label)
            label.update("⚠ " + "; ".join(mine) if mine else "")
            label.set_class(bool(mine), "has-warning")
        self.query_one("#other-warnings", Static).update("\n".join(f"⚠ {w}" for w in unplaced))
        self.query_one("#stamp", Static).remove_class("stamped")

    def action_confirm(self) -> None:
        if not self.letters:
            self.notify("ยังไม่ได้อ่านหนังสือ (Ctrl+L)", severity="warning")
            return
        office = self.saraban.office
        assert office is not None
        values = {key: self.query_one(f"#f-{key}", Input).value for key, _l, _h in FIELDS}
        run_service(
            self, "confirm", confirm_receipt, self.saraban.context, self.letters[self.index], values, office.query
        )

    def _stamp(self, receipt: Receipt) -> None:
        stamp = self.query_one("#stamp", Static)
        stamp.add_class("stamped")
        digits = self.saraban.context.settings.digits
        stamp.update(
            render_digits(
                f"{receipt.agency}\n"
                f"เลขรับ   {receipt.number}\n"
                f"วันที่    {format_thai_date(receipt.date, digits='arabic', abbreviated=True)}\n"
                f"เวลา    {receipt.time.replace(':', '.')} น.",
                digits,
            )
        )
        self.notify(f"ลงรับแล้ว เลขรับ {receipt.number}/{receipt.year}")

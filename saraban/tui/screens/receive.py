"""Receive: open a file (text, Word, PDF, scan) or paste OCR text, check, confirm, get the stamp.

Reading a scan takes seconds per page: it runs in a thread worker and reports each page to a
progress bar. Fields read with low confidence (or left empty because OCR was unsure) are
marked, and the cursor goes to the first of them, so the clerk checks exactly those.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, ProgressBar, Static, TextArea

from saraban.errors import InvalidInput
from saraban.intake import Progress
from saraban.parsing import ParsedLetter, parse_file, parse_text
from saraban.parsing.record import KIND_NAMES, LOW_CONFIDENCE
from saraban.parsing.suggestions import suggested_values
from saraban.services.context import Context
from saraban.services.directory import office_names
from saraban.services.near_copies import PossibleCopy
from saraban.services.registers import Receipt, receive, require_subject
from saraban.services.sender_check import SenderCheck, check_sender
from saraban.thai.dates import format_thai_date, parse_thai_date, stamp_time
from saraban.thai.digits import render_digits
from saraban.tui.dialogs import ChoiceDialog
from saraban.tui.messages import WorkDone, WorkFailed, for_the_screen, run_service
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


def read_letters(
    context: Context, path_text: str, pasted: str, progress: Progress | None = None
) -> list[ParsedLetter]:
    """Read the file named, or else the pasted text, repairing names against the directory
    (runs in a worker thread)."""
    with context.reading() as session:
        names = office_names(session)
    if path_text.strip():
        return parse_file(Path(path_text.strip()).expanduser(), progress=progress, names=names)
    if pasted.strip():
        return parse_text(pasted, source="(วางข้อความ)", names=names)
    raise InvalidInput("ระบุไฟล์ หรือวางข้อความ OCR ก่อน")


class ReadProgress(Message):
    """A page of a scan has been read (posted from the worker thread)."""

    def __init__(self, done: int, total: int, note: str) -> None:
        super().__init__()
        self.done, self.total, self.note = done, total, note


def confirm_receipt(
    context: Context, letter: ParsedLetter, values: dict[str, str], office: str, inbox_id: int | None = None,
    index: int = 0, *, same_as: str | None = None, another: bool = False,
) -> Receipt:
    """Apply the clerk's corrections and register the letter (runs in a worker thread); a letter
    from the e-mail inbox is accepted there, so the e-mail is marked with its receipt."""
    changes: dict[str, object] = {}
    for key in ("doc_no", "subject", "sender_agency", "salutation_to", "urgency", "secrecy"):
        changes[key] = values[key].strip() or None
    try:
        changes["date"] = parse_thai_date(values["date"]) if values["date"].strip() else None
    except ValueError as exc:
        raise InvalidInput(f"ลงวันที่: {exc}") from exc
    corrected = letter.corrected(**changes)
    if inbox_id is not None:
        from saraban.services.inbox import accept

        return accept(context, inbox_id, office, index=index, letter=corrected)
    return receive(context, corrected, office, source=letter.source, same_as=same_as, another=another)


class ReceiveScreen(BaseScreen):
    """Register an incoming letter in seconds, and without mistakes."""

    SCREEN_TITLE = "ลงรับหนังสือ"
    WRITES = frozenset({"confirm"})
    BINDINGS = [
        Binding("ctrl+l", "read", "อ่านหนังสือ"),
        Binding("ctrl+s", "confirm", "ยืนยันลงรับ"),
        Binding("ctrl+n", "next_letter", "ฉบับถัดไปในไฟล์"),
    ]

    def __init__(self, *, letters: list[ParsedLetter] | None = None, inbox_id: int | None = None) -> None:
        """Open empty, or on the letters of an inbox e-mail (confirming then accepts the e-mail)."""
        super().__init__()
        self.letters: list[ParsedLetter] = list(letters or [])
        self.index = 0
        self.inbox_id = inbox_id
        self.linked: str | None = None
        """The first receipt a copy is being linked to (no new number), while it is."""

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="receive"):
            with Horizontal(id="source"):
                yield Input(placeholder="ไฟล์หนังสือ (.txt .docx .pdf ภาพสแกน) แล้วกด Ctrl+L", id="path")
            yield ProgressBar(id="read-progress", show_eta=False)
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
        if self.letters:
            self.query_one("#path", Input).value = f"(อีเมลหมายเลข {self.inbox_id})"
            self._fill()

    def action_read(self) -> None:
        bar = self.query_one("#read-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = bool(self.query_one("#path", Input).value.strip())
        run_service(
            self,
            "read",
            read_letters,
            self.saraban.context,
            self.query_one("#path", Input).value,
            self.query_one("#paste", TextArea).text,
            lambda done, total, note: self.post_message(ReadProgress(done, total, note)),
        )

    def on_read_progress(self, message: ReadProgress) -> None:
        bar = self.query_one("#read-progress", ProgressBar)
        bar.update(total=message.total, progress=message.done)
        self.query_one("#parsed-info", Label).update(f"กำลังอ่านด้วย OCR: {message.note}")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "path":
            self.action_read()

    def action_next_letter(self) -> None:
        if self.letters:
            self.index = (self.index + 1) % len(self.letters)
            self._fill()

    def on_work_done(self, message: WorkDone) -> None:
        if message.tag == "read":
            self.query_one("#read-progress", ProgressBar).display = False
            self.letters, self.index = message.result, 0
            if not self.letters:
                self.notify("ไม่พบหนังสือราชการในข้อความนี้", severity="warning")
                return
            self._fill()
        elif message.tag == "sender":
            self._ask_sender(message.result)
        elif message.tag == "confirm":
            self._stamp(message.result)

    def _fill(self) -> None:
        letter = self.letters[self.index]
        self.query_one("#parsed-info", Label).update(
            f"หนังสือฉบับที่ {self.index + 1} จาก {len(self.letters)} ในไฟล์ ({KIND_NAMES.get(letter.kind, letter.kind)})"
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
        suggested = suggested_values(letter)
        unplaced = list(letter.warnings)
        first_low = None
        unsure_from = 0
        for key, _label, hints in FIELDS:
            box = self.query_one(f"#f-{key}", Input)
            box.value = values[key]
            offer = suggested.get(key) if not values[key] else None
            if offer is not None:
                # A reading saraban is not sure of: pre-filled for the clerk to confirm, the
                # cursor after the part it is sure of (the printed "พจ 75401/").
                box.value = offer.text
                if key == "doc_no":
                    unsure_from = len(offer.sure)
            mine = [w for w in unplaced if any(h in w for h in hints)]
            for warning in mine:
                unplaced.remove(warning)
            confidence = letter.confidence.get(key)
            low = offer is not None or (confidence is not None and confidence < LOW_CONFIDENCE)
            box.set_class(low, "low-confidence")
            if low and first_low is None:
                first_low = box
            note = [f"ตรวจ: ความมั่นใจ {confidence:.0%}"] if low and offer is None else []
            if offer is not None:
                note = [f"ข้อเสนอจาก{offer.origin} ({offer.confidence:.0%}) ตรวจกับต้นฉบับก่อนบันทึก"]
            label = self.query_one(f"#w-{key}", Label)
            label.update("⚠ " + "; ".join(note + mine) if (mine or note) else "")
            label.set_class(bool(mine or note), "has-warning")
        self.query_one("#other-warnings", Static).update("\n".join(f"⚠ {w}" for w in unplaced))
        self.query_one("#stamp", Static).remove_class("stamped")
        target = first_low or self.query_one("#f-doc_no", Input)
        target.focus()
        if target.id == "f-doc_no" and suggested.get("doc_no") and not values["doc_no"]:
            # The unsure part of a suggested number selected: typing replaces only it.
            self.call_after_refresh(self._select_from, target, unsure_from)

    @staticmethod
    def _select_from(box: Input, start: int) -> None:
        from textual.widgets.input import Selection

        box.selection = Selection(start, len(box.value))

    def action_confirm(self) -> None:
        if not self.letters:
            self.notify("ยังไม่ได้อ่านหนังสือ (Ctrl+L)", severity="warning")
            return
        office = self.saraban.office
        assert office is not None
        letter = self.letters[self.index]
        subject = self.query_one("#f-subject", Input)
        if not subject.value.strip():
            try:
                require_subject(dataclasses.replace(letter, subject=None))
            except InvalidInput as exc:  # the service's own words, before any other question
                self.notify(for_the_screen(str(exc)), severity="warning")
                subject.focus()
                return
        # Then whether the sender is in the directory: a new office needs the clerk's word.
        sender = self.query_one("#f-sender_agency", Input).value
        run_service(self, "sender", check_sender, self.saraban.context, sender, letter.code_prefix)

    def _ask_sender(self, check: SenderCheck) -> None:
        """Register at once when the sender is known; else offer the close names, or a new office."""
        if not check.new:
            self._register()
            return
        answers = [(f"known:{name}", f"ใช่ {name}") for name in check.close]
        answers.append(("new", f"เพิ่ม '{check.typed}' เป็นหน่วยงานใหม่ (ผู้ดูแลระบบจะตรวจ)"))

        def chosen(answer: str | None) -> None:
            if answer is None:
                self.notify("ยังไม่ได้ลงรับ: แก้ช่อง จาก แล้วกด Ctrl+S อีกครั้ง", severity="warning")
                self.query_one("#f-sender_agency", Input).focus()
                return
            if answer.startswith("known:"):
                self.query_one("#f-sender_agency", Input).value = answer.removeprefix("known:")
            self._register()

        question = f"ผู้ส่ง '{check.typed}' ไม่อยู่ในทำเนียบหน่วยงาน" + (": ตรงกับหน่วยงานใดต่อไปนี้?" if check.close else "")
        self.app.push_screen(ChoiceDialog(question, answers), chosen)

    def _register(self, *, same_as: str | None = None, another: bool = False) -> None:
        office = self.saraban.office
        assert office is not None
        values = {key: self.query_one(f"#f-{key}", Input).value for key, _l, _h in FIELDS}
        self.linked = same_as
        run_service(
            self, "confirm", confirm_receipt, self.saraban.context, self.letters[self.index], values, office.query,
            self.inbox_id, self.index, same_as=same_as, another=another,
        )

    def on_work_failed(self, message: WorkFailed) -> None:
        # Textual runs BaseScreen's handler after this one (it shows the error once) unless the
        # default is prevented: a question is no failure.
        if message.tag == "confirm" and isinstance(message.error, PossibleCopy):
            message.stop()
            message.prevent_default()
            self._ask_copy(message.error)
            return
        if message.tag == "read":  # the reading ended: no bar spins on after its error
            self.query_one("#read-progress", ProgressBar).display = False
            self.query_one("#parsed-info", Label).update(f"อ่านไม่สำเร็จ: {message.error}")

    def _ask_copy(self, asked: PossibleCopy) -> None:
        """The letter may be one received lately as another file: the clerk says which."""
        answers = [(f"same:{c.number}/{c.year}", f"ฉบับเดียวกับ {c.label} (ไม่ออกเลขใหม่)") for c in asked.candidates[:3]]
        answers.append(("another", "เป็นหนังสืออีกฉบับ: ลงรับเลขใหม่"))

        def chosen(answer: str | None) -> None:
            if answer is None:
                self.notify("ยังไม่ได้ลงรับ", severity="warning")
            elif answer == "another":
                self._register(another=True)
            else:
                self._register(same_as=answer.removeprefix("same:"))

        self.app.push_screen(ChoiceDialog("หนังสือนี้อาจลงรับไว้แล้วจากไฟล์อื่น (เช่น อีเมล): เป็นฉบับเดียวกันหรือไม่?",
                                          answers), chosen)  # fmt: skip

    def _stamp(self, receipt: Receipt) -> None:
        stamp = self.query_one("#stamp", Static)
        stamp.add_class("stamped")
        digits = self.saraban.context.settings.digits
        stamp.update(
            render_digits(
                f"{receipt.agency}\n"
                f"เลขรับ   {receipt.number}\n"
                f"วันที่    {format_thai_date(receipt.date, digits='arabic', abbreviated=True)}\n"
                f"เวลา    {stamp_time(receipt.time)}",
                digits,
            )
        )
        # The stamp is what the clerk copies onto the paper: brought into view at any size.
        self.call_after_refresh(stamp.scroll_visible, animate=False)
        if self.linked:
            self.notify(f"ผูกกับเลขรับเดิม {receipt.number}/{receipt.year}: เขียนเลขรับเดิมบนฉบับนี้ ไม่ออกเลขใหม่")
        else:
            self.notify(f"ลงรับแล้ว เลขรับ {receipt.number}/{receipt.year}")

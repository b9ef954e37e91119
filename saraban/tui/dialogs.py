"""Modal dialogs: a small form, and the help screen of the current screen's keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, OptionList
from textual.widgets.option_list import Option


class FormDialog(ModalScreen[dict[str, str] | None]):
    """Asks for a few values; returns them, or ``None`` when cancelled."""

    DEFAULT_CSS = """
    FormDialog { align: center middle; }
    FormDialog > Vertical {
        width: 80; height: auto; max-height: 100%; border: thick $accent; background: $surface; padding: 1 2;
    }
    FormDialog VerticalScroll { height: auto; }
    FormDialog Label.title { text-style: bold; margin-bottom: 1; width: 100%; }
    FormDialog Button { margin-top: 1; }
    """
    _AROUND_FIELDS = 8
    """Rows the box takes besides its fields: the border and padding (4) and ตกลง with its margin (4)."""
    BINDINGS = [Binding("escape", "cancel", "ยกเลิก")]

    def __init__(self, title: str, fields: list[tuple[str, str, str]], *, required: set[str] | None = None) -> None:
        """``fields`` are (key, label, initial value); ``required`` keys must not be left empty."""
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.required = required or set()

    def compose(self) -> ComposeResult:
        # The fields scroll when the form is taller than the terminal (24 lines); ตกลง stands
        # below them, outside the scroll, so it is always in view and never covers a field.
        with Vertical():
            with VerticalScroll(can_focus=False):
                yield Label(self.title_text, classes="title")
                for key, label, value in self.fields:
                    yield Label(label)
                    yield Input(value=value, id=f"field-{key}")
            yield Button("ตกลง (Enter)", variant="primary", id="ok")

    def on_resize(self) -> None:
        # CSS cannot say "the screen less ตกลง": the fields get what the box leaves them.
        self.query_one(VerticalScroll).styles.max_height = max(3, self.size.height - self._AROUND_FIELDS)

    def _values(self) -> dict[str, str]:
        return {key: self.query_one(f"#field-{key}", Input).value for key, _l, _v in self.fields}

    def _submit(self) -> None:
        values = self._values()
        missing = [key for key, label, _v in self.fields if key in self.required and not values[key].strip()]
        if missing:
            # Nothing typed is lost: the form stays, with the cursor where the clerk must type.
            label = next(label for key, label, _v in self.fields if key == missing[0])
            self.notify(f"ต้องกรอก: {label}", severity="warning")
            self.query_one(f"#field-{missing[0]}", Input).focus()
            return
        self.dismiss(values)

    def on_input_submitted(self) -> None:
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self._submit()

    def action_cancel(self) -> None:
        """Esc closes an untouched form; a form with typing in it asks once more first, so
        a stray Esc never throws away what the clerk typed."""
        typed = any(self._values()[key] != value for key, _l, value in self.fields)
        if typed and not self.leaving:
            self.leaving = True
            self.notify("ยังไม่ได้บันทึก: กด Esc อีกครั้งเพื่อทิ้งสิ่งที่กรอก หรือ Enter เพื่อบันทึก", severity="warning")
            return
        self.dismiss(None)

    leaving = False
    """Esc was pressed once on a form with typing in it."""


class ChoiceDialog(ModalScreen[str | None]):
    """Asks the person to pick one of a few answers; returns its key, or ``None`` (Esc)."""

    DEFAULT_CSS = """
    ChoiceDialog { align: center middle; }
    ChoiceDialog > Vertical {
        width: 90; height: auto; max-height: 100%; border: thick $accent; background: $surface; padding: 1 2;
    }
    ChoiceDialog OptionList { height: auto; max-height: 12; }
    ChoiceDialog Label { width: 100%; }
    """
    BINDINGS = [Binding("escape", "cancel", "ยกเลิก")]

    def __init__(self, question: str, answers: list[tuple[str, str]], *,
                 hint: str = "Enter เลือก · Esc ยกเลิก (ยังไม่ลงรับ)") -> None:  # fmt: skip
        """``answers`` are (key, what the person reads), the one Enter takes first."""
        super().__init__()
        self.question = question
        self.answers = answers
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question)
            yield OptionList(*(Option(text, id=key) for key, text in self.answers), id="choices")
            yield Label(self.hint)

    def on_mount(self) -> None:
        choices = self.query_one("#choices", OptionList)
        choices.highlighted = 0  # Enter takes the best answer, as offered first
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """The keys of the screen beneath (F1 or ?)."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 70; height: 80%; border: thick $accent; background: $surface; padding: 1 2; }
    """
    BINDINGS = [Binding("escape,f1,question_mark,q", "close", "ปิด")]

    def __init__(self, title: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"แป้นพิมพ์ของหน้าจอ {self.title_text}")
            table: DataTable[str] = DataTable(cursor_type="none", id="help-keys")
            table.add_columns("แป้น", "คำสั่ง")
            for key, description in self.keys:
                table.add_row(key, description)
            yield table

    def action_close(self) -> None:
        self.dismiss(None)

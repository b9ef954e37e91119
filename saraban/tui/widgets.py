"""Small widgets shared by the screens."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual.command import Command, CommandList, CommandPalette
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Button, Checkbox, DataTable, Input, RadioButton, SelectionList, Static

T = TypeVar("T")


def fit(text: str | None, width: int) -> str:
    """Cut text to ``width`` terminal cells (Thai marks take no cell; never ``len()``)."""
    text = (text or "").replace("\n", " ")
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1) + "…"


class StatusLine(Static):
    """The current office, user, role and year."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    """


def row_at_cursor(table: DataTable, rows: Sequence[T]) -> T | None:  # type: ignore[type-arg]
    """The item behind a table's cursor row, when the table lists ``rows`` in order."""
    row = table.cursor_row
    return rows[row] if rows and row is not None and 0 <= row < len(rows) else None


class TickList(SelectionList[int]):
    """A selection list whose unticked rows show an empty box.

    Textual draws ``X`` in every row and tells ticked from unticked by colour alone, which
    reads as "all selected" in a terminal with few colours: an unticked row shows a blank.
    """

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 3 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip
        index = self.scroll_offset.y + y
        if index >= self.option_count or self.get_option_at_index(index).value in self.selected:
            return strip
        segments[1] = Segment(" ", segments[1].style)
        return Strip(segments, strip.cell_length)


class _BlankWhenOff:
    """A toggle that shows its mark only when on (Textual tells on from off by colour alone)."""

    MARK = "X"
    BUTTON_INNER: str
    value: bool

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = self.MARK if self.value else " "
        return super()._button  # type: ignore[misc,no-any-return]


class Tick(_BlankWhenOff, Checkbox):
    """A checkbox whose box is empty when unticked."""


class Choice(_BlankWhenOff, RadioButton):
    """A radio button whose dot shows only on the chosen one."""

    MARK = "●"


class Palette(CommandPalette):
    """Textual's command palette, where Enter pressed while the hits are still being gathered
    runs the best one when it comes: Textual's own drops that Enter, and a clerk who typed a
    command and pressed Enter saw nothing happen."""

    _enter_waiting = False

    def _select_or_command(self, event: Input.Submitted | Button.Pressed | None = None) -> None:
        commands = self.query_one(CommandList)
        if not self._list_visible and self._selected_command is None and self.query_one(Input).value.strip():
            if event is not None:
                event.stop()
            self._enter_waiting = True  # the hits are on their way
            return
        if self._list_visible and commands.highlighted is None and commands.option_count:
            commands.highlighted = 0
        super()._select_or_command(event)

    def _refresh_command_list(self, command_list: CommandList, commands: list[Command],
                              clear_current: bool) -> None:  # fmt: skip
        super()._refresh_command_list(command_list, commands, clear_current)
        if self._enter_waiting and commands:
            self._enter_waiting = False
            command_list.highlighted = 0
            self._action_command_list("select")


class SearchBox(Input):
    """A search box whose footer says how to get back to the screen's letter keys.

    A letter key types into a focused box, so Textual leaves the screen's letter keys out of
    the footer while the cursor is here ("n s f t x e" vanished and a clerk did not know why).
    Esc leaves the box for the screen's list, and its footer line names the keys that then work.
    """

    def on_focus(self) -> None:
        own_keys = getattr(self.screen, "own_keys", None)
        keys = [key for keys, _d, _a in (own_keys() if own_keys else []) for key in keys.split(" / ")]
        letters = " ".join(sorted({key for key in keys if len(key) == 1 and key.isalpha()}))
        self._bindings.bind("escape", "leave", f"ออกจากช่อง ({letters})" if letters else "ออกจากช่อง")
        self.screen.refresh_bindings()

    def action_leave(self) -> None:
        """To the screen's list (its first table), else to no widget: the screen's keys work."""
        tables = self.screen.query(DataTable)
        if tables:
            tables.first().focus()
        else:
            self.screen.set_focus(None)

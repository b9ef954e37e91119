"""The frame every screen shares: header, body, status line, footer; help and errors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header

from saraban.tui.dialogs import HelpScreen
from saraban.tui.messages import WorkFailed
from saraban.tui.widgets import StatusLine

if TYPE_CHECKING:
    from saraban.tui.app import SarabanApp


class BaseScreen(Screen[None]):
    """A saraban screen: its keys are in the footer and in the help screen."""

    SCREEN_TITLE = ""
    BINDINGS = [
        Binding("f1,question_mark", "help", "ช่วยเหลือ", key_display="F1"),
        Binding("escape", "back", "กลับ", show=False),
    ]

    @property
    def saraban(self) -> SarabanApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        yield from self.compose_body()
        yield StatusLine(self.saraban.status_text(), id="status")
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.sub_title = self.SCREEN_TITLE

    def action_help(self) -> None:
        keys = []
        for key, active in self.active_bindings.items():
            if active.binding.description:
                keys.append((active.binding.key_display or key, active.binding.description))
        self.app.push_screen(HelpScreen(self.SCREEN_TITLE, sorted(set(keys))))

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def on_work_failed(self, message: WorkFailed) -> None:
        message.stop()  # shown once, here: the app's handler is for opening the database
        self.notify(str(message.error), title="ทำรายการไม่สำเร็จ", severity="error", timeout=8)

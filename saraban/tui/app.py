"""The saraban terminal app."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from saraban.services.context import Context


class SarabanApp(App[None]):
    """The clerk's terminal app over the services of a :class:`Context`."""

    TITLE = "saraban — งานสารบรรณ"

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("ทะเบียนหนังสือรับ-ส่ง", id="placeholder")
        yield Footer()

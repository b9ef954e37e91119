"""The login screen, for offices where clerks share one computer (``login = "password"``)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label


class LoginScreen(Screen[None]):
    """Name and password; the app checks them in a worker and opens the registers."""

    DEFAULT_CSS = """
    LoginScreen { align: center middle; }
    LoginScreen > Vertical { width: 60; height: auto; border: thick $accent; background: $surface; padding: 1 2; }
    LoginScreen Label.title { text-style: bold; margin-bottom: 1; }
    """
    BINDINGS = [Binding("ctrl+q", "app.quit", "ออก")]

    def __init__(self, name: str = "") -> None:
        super().__init__()
        self.initial_name = name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("เข้าระบบ saraban — งานสารบรรณ", classes="title")
            yield Label("ชื่อผู้ใช้")
            yield Input(value=self.initial_name, id="login-name")
            yield Label("รหัสผ่าน")
            yield Input(password=True, id="login-password")

    def on_mount(self) -> None:
        self.query_one("#login-password" if self.initial_name else "#login-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = self.query_one("#login-name", Input).value.strip()
        password = self.query_one("#login-password", Input)
        if event.input.id == "login-name" or not password.value:
            password.focus()
            return
        self.app.log_in(name, password.value)  # type: ignore[attr-defined]

    def refused(self, message: str) -> None:
        """Show why the login failed and let the clerk try again."""
        password = self.query_one("#login-password", Input)
        password.value = ""
        password.focus()
        self.notify(message, title="เข้าระบบไม่สำเร็จ", severity="error", timeout=8)

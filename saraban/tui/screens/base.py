"""The frame every screen shares: header, body, status line, footer; help and errors."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header

from saraban.tui.dialogs import HelpScreen
from saraban.tui.messages import WorkFailed, for_the_screen
from saraban.tui.widgets import StatusLine

if TYPE_CHECKING:
    from saraban.tui.app import SarabanApp


_THAI = re.compile(r"[\u0e00-\u0e7f]")
_KEY_NAMES = {"escape": "Esc", "enter": "Enter", "tab": "Tab", "space": "Space", "delete": "Del",
              "backspace": "Backspace", "question_mark": "?", "slash": "/", "pageup": "PgUp", "pagedown": "PgDn",
              "up": "↑", "down": "↓", "left": "←", "right": "→", "home": "Home", "end": "End"}  # fmt: skip


def key_name(key: str) -> str:
    """A key as it is printed on the keyboard ("ctrl+s" → "Ctrl+S", "escape" → "Esc", "f3" →
    "F3"); a letter key stays as typed. Textual's own names are for programs, not clerks."""
    parts = key.split("+")
    named = [part.capitalize() for part in parts[:-1]]
    last = parts[-1]
    if last in _KEY_NAMES:
        named.append(_KEY_NAMES[last])
    elif re.fullmatch(r"f\d{1,2}", last) or (named and len(last) == 1):
        named.append(last.upper())
    else:
        named.append(last)
    return "+".join(named)
MOVING = [
    ("↑ ↓ PgUp PgDn", "เลื่อนรายการ"),
    ("Enter", "เลือก / เปิด"),
    ("Tab / Shift+Tab", "ไปช่องถัดไป / ช่องก่อนหน้า"),
    ("Esc", "กลับ / ยกเลิก"),
    ("Ctrl+P", "ค้นหาคำสั่ง"),
]
"""Moving around, in Thai (the widgets' own bindings are named in English)."""


class BaseScreen(Screen[None]):
    """A saraban screen: its keys are in the footer and in the help screen."""

    SCREEN_TITLE = ""
    WRITES: ClassVar[frozenset[str]] = frozenset()
    """Actions that change records: hidden from (and refused to) users who only read."""
    ADMIN: ClassVar[frozenset[str]] = frozenset()
    """Actions for administrators only."""
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
        yield Footer(compact=True)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.sub_title = self.SCREEN_TITLE

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys a user may not use are not offered: the footer, F1 and the palette leave them out."""
        if action in self.WRITES:
            return self.saraban.may_write
        if action in self.ADMIN:
            return self.saraban.may_administer
        return True

    def own_keys(self) -> list[tuple[str, str, str]]:
        """(keys, Thai description, action) of the keys this user may press here.

        The same whatever has the focus: a letter key a search box takes while the cursor is
        in it is still this screen's (Tab or Enter leaves the box). Two keys for one thing are
        listed together ("f3 / n"). Widgets' own bindings (Textual's English "Cursor down")
        are left to :data:`MOVING`.
        """
        found: dict[tuple[str, str], tuple[list[str], str]] = {}

        def offer(key: str, binding: Binding, enabled: bool) -> None:
            if not (enabled and binding.description and _THAI.search(binding.description)):
                return
            shown = binding.key_display or key_name(key)
            keys, _action = found.setdefault((binding.description, binding.action.removeprefix("app.")),
                                             ([], binding.action))  # fmt: skip
            if shown not in keys:
                keys.append(shown)

        for key, active in self.active_bindings.items():
            offer(key, active.binding, active.enabled)
        for key, bindings in self._bindings.key_to_bindings.items():
            for binding in bindings:
                namespace, _, action = binding.action.rpartition(".")
                judge = self.app if namespace == "app" else self
                offer(key, binding, judge.check_action(action.split("(")[0], ()) is not False)
        return sorted((" / ".join(sorted(keys, key=lambda k: (len(k) == 1, k))), description, action)
                      for (description, _same), (keys, action) in found.items())  # fmt: skip

    def action_help(self) -> None:
        keys = [(key, description) for key, description, _action in self.own_keys()] + MOVING
        self.app.push_screen(HelpScreen(self.SCREEN_TITLE, keys))

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def on_work_failed(self, message: WorkFailed) -> None:
        message.stop()  # shown once, here: the app's handler is for opening the database
        self.notify(for_the_screen(str(message.error)), title="ทำรายการไม่สำเร็จ", severity="error", timeout=8)

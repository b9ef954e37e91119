"""What the root callback hands to every command: the global options and a lazy context."""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from saraban.services.context import Context


@dataclass
class State:
    """Global options; the database is opened (and migrated) on first use only."""

    db: str | None = None
    user: str | None = None
    _context: Context | None = field(default=None, repr=False)

    def context(self) -> Context:
        if self._context is None:
            from saraban.services.context import open_context

            context = open_context(self.db, self.user, password=os.environ.get("SARABAN_PASSWORD"))
            if context.settings.login == "password" and context.password is None and sys.stdin.isatty():
                # Shared computer: each clerk proves who they are; never a password on the command line.
                context.password = getpass.getpass(f"รหัสผ่านของ {context.user_name}: ")
            if context.demo:
                # Never silent: real work typed here would land in the demo.
                typer.echo(f"saraban: {DEMO_NOTE}", err=True)
            self._context = context
        return self._context


DEMO_NOTE = "ใช้ฐานข้อมูลตัวอย่าง (make demo) เพราะสำนักงานยังไม่มีฐานข้อมูลของตนเอง; สร้างด้วย saraban db init"


def state_of(ctx: typer.Context) -> State:
    """The :class:`State` of the root command (commands may be nested)."""
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj

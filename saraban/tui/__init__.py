"""The terminal app (Textual). Only this package and ``saraban.cli`` import Textual or Typer."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saraban.services.context import Context


def run_app(context: Context) -> None:
    """Run the terminal app on an opened context."""
    from saraban.tui.app import SarabanApp

    SarabanApp(context).run()

"""Small widgets shared by the screens."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.widgets import Static


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

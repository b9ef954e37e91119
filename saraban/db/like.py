"""LIKE patterns from what a person typed: their ``%`` and ``_`` are letters, not wildcards.

Unescaped, ``trace "%"`` matched every letter, and the ambiguity message then listed them all.
"""

from __future__ import annotations

from typing import Any

ESCAPE = "\\"


def escape_like(text: str) -> str:
    """``text`` with LIKE's wildcards and the escape character escaped."""
    return text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")


def contains(column: Any, text: str) -> Any:
    """``column`` contains ``text`` literally."""
    return column.like(f"%{escape_like(text)}%", escape=ESCAPE)


def ends_with(column: Any, text: str) -> Any:
    """``column`` ends with ``text`` literally."""
    return column.like(f"%{escape_like(text)}", escape=ESCAPE)


def starts_with(column: Any, text: str) -> Any:
    """``column`` starts with ``text`` literally."""
    return column.like(f"{escape_like(text)}%", escape=ESCAPE)

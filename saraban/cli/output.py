"""Printing: JSON to stdout, tables with Rich, messages to stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table


def print_json(data: object) -> None:
    """Print JSON (UTF-8 Thai, not escaped) to stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def console() -> Console:
    return Console(soft_wrap=False)


def print_table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Print a table; Rich measures Thai cell widths (``rich.cells.cell_len``)."""
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(cell(v) for v in row))
    console().print(table)


def cell(value: object) -> str:
    """A value as people read it: dates in the Buddhist Era (``--json`` keeps ISO)."""
    from datetime import date, datetime

    from saraban.thai.dates import format_thai_date, format_thai_datetime

    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_thai_datetime(value, digits="arabic")
    if isinstance(value, date):
        return format_thai_date(value, digits="arabic", abbreviated=True)
    return str(value)


def note(message: str) -> None:
    """A message for the person at the terminal (stderr, so stdout stays clean)."""
    sys.stderr.write(message + "\n")


def ocr_progress(label: object):  # type: ignore[no-untyped-def]
    """A progress callback for long reading work: one line per OCR'd page on stderr."""

    def report(done: int, total: int, what: str) -> None:
        note(f"saraban: {label}: {what}")

    return report


def refuse_overwrite(path: Path, overwrite: bool) -> None:
    """Refuse to replace an existing output file unless ``--overwrite`` was given.

    Raises:
        InvalidInput: The file exists and overwriting was not asked for.
    """
    from saraban.errors import InvalidInput

    if path.exists() and not overwrite:
        raise InvalidInput(f"{path} มีอยู่แล้ว; ใช้ --overwrite ถ้าต้องการเขียนทับ")

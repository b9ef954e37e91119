"""CSV that a spreadsheet opens as text: no cell is ever taken for a formula.

Registers and destruction lists are opened in Excel or LibreOffice Calc. A subject, remark or
sender that starts with ``=``, ``+``, ``-`` or ``@`` (a letter's own text, or a hostile one)
would run as a formula there (``=HYPERLINK(…)``, DDE); such a cell is written with a leading
apostrophe, which the spreadsheet shows as the text it is (OWASP's advice for CSV injection).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """The value as a CSV cell that a spreadsheet shows as text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class SafeWriter:
    """``csv.writer`` whose every cell goes through :func:`cell`."""

    def __init__(self, handle: IO[str]) -> None:
        self._writer = csv.writer(handle)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([cell(value) for value in row])

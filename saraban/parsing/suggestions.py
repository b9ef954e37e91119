"""Suggestions as a form shows them: what to pre-fill in a field the clerk must confirm.

A suggestion is a reading saraban was not sure enough of to store (``ParsedLetter.suggestions``);
the Receive screen and ``receive --json`` offer it, marked, with the part saraban is sure of
kept apart so the cursor can wait after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from saraban.parsing.evidence import ELSEWHERE_REASON
from saraban.parsing.record import ParsedLetter
from saraban.thai.dates import format_thai_date


@dataclass(frozen=True)
class Offer:
    """A field's suggested text, the sure part it starts with, and how sure the whole is."""

    text: str
    sure: str
    confidence: float
    origin: str = "ภาพ"
    """Where it was read, as the clerk is told: the page image, or text OCR'd elsewhere."""


def suggested_values(letter: ParsedLetter) -> dict[str, Offer]:
    """The fields of the Receive form with a suggestion, as the form's text (Thai dates)."""
    offers: dict[str, Offer] = {}
    number = letter.suggestions.get("doc_no")
    if isinstance(number, dict) and number.get("value"):
        text = str(number["value"])
        sure = str(number.get("sure") or "")
        offers["doc_no"] = Offer(text, sure if text.startswith(sure) else "", float(number.get("confidence") or 0),
                                 _origin(number))
    day = letter.suggestions.get("date")
    if isinstance(day, dict) and day.get("value"):
        text = format_thai_date(date.fromisoformat(str(day["value"])), digits="arabic")
        offers["date"] = Offer(text, "", float(day.get("confidence") or 0), _origin(day))
    return offers


def _origin(suggestion: dict) -> str:
    return "ข้อความ OCR" if suggestion.get("reason") == ELSEWHERE_REASON else "ภาพ"

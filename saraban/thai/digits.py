"""Thai digits (๐–๙) and Arabic digits (0–9), converted by PyThaiNLP."""

from __future__ import annotations

from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def to_arabic(text: str) -> str:
    """Replace every Thai digit with its Arabic digit (``"ว ๕๕๕๑"`` → ``"ว 5551"``)."""
    return thai_digit_to_arabic_digit(text) if text else text


def to_thai(text: str) -> str:
    """Replace every Arabic digit with its Thai digit (``"2561"`` → ``"๒๕๖๑"``)."""
    return arabic_digit_to_thai_digit(text) if text else text


def has_thai_digits(text: str) -> bool:
    """Whether text holds a Thai digit (OCR reads them far less reliably than Arabic ones)."""
    return any(c in THAI_DIGITS for c in text)


def render_digits(text: str, style: str) -> str:
    """Render digits in the office's chosen style: ``"thai"`` or ``"arabic"``."""
    return to_thai(text) if style == "thai" else to_arabic(text)

"""Thai digits (๐–๙) and Arabic digits (0–9)."""

from __future__ import annotations

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)


def to_arabic(text: str) -> str:
    """Replace every Thai digit with its Arabic digit (``"ว ๕๕๕๑"`` → ``"ว 5551"``)."""
    return text.translate(_TO_ARABIC)


def to_thai(text: str) -> str:
    """Replace every Arabic digit with its Thai digit (``"2561"`` → ``"๒๕๖๑"``)."""
    return text.translate(_TO_THAI)


def render_digits(text: str, style: str) -> str:
    """Render digits in the office's chosen style: ``"thai"`` or ``"arabic"``."""
    return to_thai(text) if style == "thai" else to_arabic(text)

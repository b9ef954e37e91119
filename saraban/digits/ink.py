"""Ink: printed (black) or added after printing (a pen, a numbering or rubber stamp).

A letter's running number, its day and a receipt stamp's figures are mostly written by hand
or stamped after the letter was printed. Where the scan has colour, that ink is blue, red or
violet while print is black or grey; where it has none, handwriting stands taller than the
printed letters of its line. Either way such digits are read with less certainty, and the
checks never take them as values on their own.
"""

from __future__ import annotations

import numpy as np

COLOUR_CHROMA = 38.0
"""Mean spread between the strongest and weakest channel above which ink is coloured (0–255)."""
TALL = 1.45
"""A glyph this many times taller than the line's printed letters is not print."""


def chroma(rgb: np.ndarray, mask: np.ndarray) -> float:
    """How coloured the ink under ``mask`` is: the mean of max − min channel (0 for grey)."""
    if rgb.ndim != 3 or not mask.any():
        return 0.0
    pixels = rgb[mask].astype(np.int16)
    return float((pixels.max(axis=1) - pixels.min(axis=1)).mean())


def added_after_printing(rgb: np.ndarray | None, mask: np.ndarray, height: int, reference: float) -> bool:
    """Whether a glyph was written or stamped on the printed page (coloured, or much taller)."""
    if rgb is not None and chroma(rgb, mask) >= COLOUR_CHROMA:
        return True
    return height >= TALL * reference

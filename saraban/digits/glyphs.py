"""Glyphs: the ink of a word cut into one picture per character, and the numbers a
classifier sees of each.

A word's crop is binarised (Otsu's threshold), its connected pieces of ink are found, and
pieces stacked over one another (the two dots of a colon, a digit broken by a thin stroke, a
Thai consonant and the vowel above it) are joined into one glyph. Each glyph becomes the
same small picture whatever the resolution of the scan — its ink fitted into a square —
plus its shape and its size against the line's letters, so that a full stop, a colon and
the digits of a 96-dpi fax and of a 300-dpi scan look alike to the classifier.

The training script renders digits in many fonts and passes them through these same
functions, so what the model learnt is exactly what it is shown at run time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SIDE = 20
"""A glyph's picture is SIDE × SIDE pixels."""
EXTRA = 4
"""Numbers beside the picture: width/height, height and width against the line, ink density."""
CELLS, BINS = 4, 8
"""The picture's strokes by direction: a CELLS × CELLS grid, BINS directions each (as in HOG)."""
FEATURES = SIDE * SIDE + CELLS * CELLS * BINS + EXTRA


@dataclass
class Glyph:
    """One character's ink: its box in the crop (left, top, right, bottom) and its mask."""

    box: tuple[int, int, int, int]
    mask: np.ndarray
    shade: np.ndarray | None = None
    """How dark each pixel of the box is (0 paper – 1 ink), only where the glyph's ink is:
    at low resolution the grey levels keep what the black-and-white mask loses."""

    @property
    def width(self) -> int:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]


def otsu(gray: np.ndarray) -> float:
    """Otsu's threshold of a greyscale picture (0–255): the level that best parts ink from paper."""
    hist = np.bincount(gray.ravel().astype(np.uint8), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128.0
    levels = np.arange(256)
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * levels)
    inside = weight * (total - weight)
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean[-1] * weight - mean * total) ** 2 / inside
    between[~np.isfinite(between)] = 0
    return float(np.argmax(between))


LENIENCY = 0.15
"""How far above Otsu's level, towards the paper, grey still counts as ink: thin strokes of
small digits (the ring of ๐, the loop of ๕) fade in a 150-dpi JPEG and would break apart."""


def binarise(gray: np.ndarray) -> np.ndarray:
    """Ink as True: darker than Otsu's level (a little lenient), and clearly darker than the paper."""
    level = otsu(gray)
    paper = float(np.percentile(gray, 90)) if gray.size else 255.0
    return (gray <= level + LENIENCY * max(0.0, paper - level)) & (gray < paper - 40)


def pieces(ink: np.ndarray, *, min_pixels: int = 3) -> list[Glyph]:
    """The connected pieces of ink, left to right (specks under ``min_pixels`` dropped)."""
    from scipy import ndimage

    labels, _count = ndimage.label(ink, structure=np.ones((3, 3), dtype=bool))
    out = []
    for index, found in enumerate(ndimage.find_objects(labels), start=1):
        if found is None:
            continue
        rows, cols = found
        mask = labels[rows, cols] == index
        if int(mask.sum()) < min_pixels:
            continue
        out.append(Glyph((cols.start, rows.start, cols.stop, rows.stop), mask))
    return sorted(out, key=lambda g: g.box[0])


def _overlap(a: Glyph, b: Glyph) -> float:
    """How much of the narrower glyph's columns the other one covers (0–1)."""
    shared = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])
    return max(0, shared) / max(1, min(a.width, b.width))


def _stacked(a: Glyph, b: Glyph) -> bool:
    """Whether one glyph stands over the other: they share columns, hardly any rows.

    The dots of a colon, a vowel over its consonant, a digit broken across a thin stroke are
    stacked; a slash leaning over the next digit shares its rows and is not.
    """
    rows = min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
    return _overlap(a, b) >= 0.6 and rows <= 0.3 * min(a.height, b.height)


def _inside(inner: Glyph, outer: Glyph) -> bool:
    """Whether a piece lies within another's box: the loop of a ๑ or ๙ whose joining stroke faded."""
    width = min(inner.box[2], outer.box[2]) - max(inner.box[0], outer.box[0])
    height = min(inner.box[3], outer.box[3]) - max(inner.box[1], outer.box[1])
    return width > 0 and height > 0 and width * height >= 0.8 * inner.width * inner.height


def _join(a: Glyph, b: Glyph) -> Glyph:
    left, top = min(a.box[0], b.box[0]), min(a.box[1], b.box[1])
    right, bottom = max(a.box[2], b.box[2]), max(a.box[3], b.box[3])
    mask = np.zeros((bottom - top, right - left), dtype=bool)
    for g in (a, b):
        mask[g.box[1] - top : g.box[3] - top, g.box[0] - left : g.box[2] - left] |= g.mask
    return Glyph((left, top, right, bottom), mask)


def _gap(a: Glyph, b: Glyph) -> int:
    """Rows of paper between two glyphs (0 when they share a row)."""
    return max(0, max(a.box[1], b.box[1]) - min(a.box[3], b.box[3]))


RULE_DOTS = 6
"""Small dots in a row on one level, close together, that are a form's dotted line rather than full stops."""


def without_dotted_rule(found: list[Glyph], line_height: int) -> list[Glyph]:
    """The pieces less the dots of a form's dotted line (``ที่.......... วันที่..........``).

    A memo form prints its number and date over a dotted rule: each digit standing on it
    would take the dots under it for a mark below it (๐ read as 9, ๕ as ๔), and the dots
    between the digits for full stops. Such dots are small (a tenth of the line at most), on
    one level and close together, many in a row; a number's own full stop stands alone.
    """
    limit = max(2.0, 0.1 * line_height)
    dots = sorted((g for g in found if max(g.height, g.width) <= limit), key=lambda g: g.box[0])
    chains: list[list[Glyph]] = []
    for dot in dots:
        level = (dot.box[1] + dot.box[3]) / 2
        for chain in chains:
            last = chain[-1]
            if (abs((last.box[1] + last.box[3]) / 2 - level) <= 0.3 * limit + 1
                    and 0 <= dot.box[0] - last.box[2] <= 3 * limit):  # fmt: skip
                chain.append(dot)
                break
        else:
            chains.append([dot])
    rule = {id(dot) for chain in chains if len(chain) >= RULE_DOTS for dot in chain}
    return [g for g in found if id(g) not in rule] if rule else found


def glyphs(ink: np.ndarray, *, band: tuple[int, int] | None = None, near: float | None = None) -> list[Glyph]:
    """The characters of a word or line: pieces joined where one stands over another, left to right.

    Args:
        band: Rows of the text line (top, bottom); pieces mostly outside it belong to the lines
            above and below and are dropped.
        near: Pieces further apart than this many rows are never joined.
    """
    found = pieces(ink)
    if band is not None:
        top, bottom = band
        found = [g for g in found if min(g.box[3], bottom) - max(g.box[1], top) >= 0.5 * g.height]
        found = without_dotted_rule(found, bottom - top)
    joined: list[Glyph] = []
    for glyph in found:
        close = near is None or _gap(joined[-1], glyph) <= near if joined else False
        if joined and (_inside(glyph, joined[-1]) or (_stacked(joined[-1], glyph) and close)):
            joined[-1] = _join(joined[-1], glyph)
        else:
            joined.append(glyph)
    return joined


def ink_levels(gray: np.ndarray) -> tuple[float, float]:
    """The paper's grey and the darkest ink's grey of a crop (90th and 1st percentiles)."""
    if not gray.size:
        return 255.0, 0.0
    dark, paper = np.percentile(gray, [1, 90])
    return float(paper), float(dark)


def shaded(glyph: Glyph, gray: np.ndarray, offset: tuple[int, int] = (0, 0),
           levels: tuple[float, float] | None = None) -> Glyph:  # fmt: skip
    """The glyph with its darkness taken from ``gray`` (the crop it was cut from).

    Darkness is measured between the crop's paper and its darkest ink, and kept only on the
    glyph's own ink and the pixels touching it, so a neighbour's ink never leaks in.
    """
    from scipy import ndimage

    left, top, right, bottom = glyph.box
    patch = gray[top + offset[1] : bottom + offset[1], left + offset[0] : right + offset[0]].astype(np.float32)
    if patch.shape != glyph.mask.shape:
        return glyph
    paper, dark = levels or ink_levels(gray)
    darkness = np.clip((paper - patch) / max(1.0, paper - dark), 0, 1)
    near = ndimage.binary_dilation(glyph.mask, structure=np.ones((3, 3), dtype=bool))
    return Glyph(glyph.box, glyph.mask, darkness * near)


def base_row(found: list[Glyph], reference: float) -> int | None:
    """The row the line's letters and digits stand on (the median bottom of the full-size glyphs)."""
    bottoms = sorted(g.box[3] for g in found if g.height >= 0.6 * reference)
    return bottoms[len(bottoms) // 2] if bottoms else None


def is_full_stop(glyph: Glyph, reference: float, baseline: int | None) -> bool:
    """A dot on the baseline, far smaller than any digit: a full stop (as in ``0808.4``)."""
    if max(glyph.height, glyph.width) > 0.3 * reference:
        return False
    return baseline is None or glyph.box[3] >= baseline - 0.2 * reference


def attach_specks(found: list[Glyph], reference: float) -> list[Glyph]:
    """Small pieces that are not a full stop put back on the glyph they broke from.

    A full stop sits on the line's baseline; a small piece higher up is the tail of a ๕ or a
    ๖, the head of a ๑ or a mark, cut off where a thin stroke faded: it joins the glyph it
    touches (the nearer one), or is dropped.
    """
    baseline = base_row(found, reference)
    if baseline is None:
        return found
    out: list[Glyph] = []
    pending: list[Glyph] = []
    for glyph in found:
        small = max(glyph.height, glyph.width) < 0.45 * reference
        if small and glyph.box[3] < baseline - 0.25 * reference:
            pending.append(glyph)
        else:
            out.append(glyph)
    for speck in pending:
        gaps = [(max(g.box[0] - speck.box[2], speck.box[0] - g.box[2], 0), i) for i, g in enumerate(out)]
        if not gaps:
            continue
        gap, index = min(gaps)
        if gap <= 0.25 * reference:
            out[index] = _join(out[index], speck)
    return out


def split_at(glyph: Glyph, column: int) -> tuple[Glyph, Glyph]:
    """Two glyphs from one, cut at ``column`` (in the glyph's own coordinates)."""
    left_mask, right_mask = glyph.mask[:, :column], glyph.mask[:, column:]
    parts = []
    for mask, offset in ((left_mask, 0), (right_mask, column)):
        rows = np.flatnonzero(mask.any(axis=1))
        cols = np.flatnonzero(mask.any(axis=0))
        if rows.size == 0:
            parts.append(Glyph((glyph.box[0] + offset, glyph.box[1], glyph.box[0] + offset + 1, glyph.box[1] + 1),
                               np.zeros((1, 1), dtype=bool)))  # fmt: skip
            continue
        sub = mask[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
        left = glyph.box[0] + offset + int(cols[0])
        top = glyph.box[1] + int(rows[0])
        shade = None
        if glyph.shade is not None:
            full = glyph.shade[:, :column] if offset == 0 else glyph.shade[:, column:]
            shade = full[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
        parts.append(Glyph((left, top, left + sub.shape[1], top + sub.shape[0]), sub, shade))
    return parts[0], parts[1]


def split_columns(glyph: Glyph) -> list[int]:
    """Where a glyph that may be two touching characters could be cut: the thinnest columns
    of its middle, thinnest first."""
    width = glyph.width
    if width < 6:
        return []
    ink = glyph.mask.sum(axis=0)
    middle = range(max(2, int(width * 0.25)), min(width - 2, int(width * 0.75) + 1))
    return sorted(middle, key=lambda c: (int(ink[c]), abs(c - width / 2)))[:3]


def reference_height(found: list[Glyph]) -> float:
    """The height of the line's ordinary characters: the median of the larger glyphs.

    Dots and marks left on their own are small, handwriting and the Garuda large; consonants
    and digits are about one height and the most of a line: this takes the median of the
    glyphs at least a quarter as tall as the tallest.
    """
    if not found:
        return 1.0
    tallest = max(g.height for g in found)
    heights = sorted(g.height for g in found if g.height >= 0.25 * tallest)
    return float(heights[len(heights) // 2]) or 1.0


def features(glyph: Glyph, reference: float) -> np.ndarray:
    """The numbers the classifier sees of one glyph (length :data:`FEATURES`, float32)."""
    mask = glyph.shade if glyph.shade is not None else glyph.mask.astype(np.float32)
    height, width = mask.shape
    scale = (SIDE - 2) / max(height, width)
    new_h, new_w = max(1, round(height * scale)), max(1, round(width * scale))
    small = _resize(mask, new_h, new_w)
    picture = np.zeros((SIDE, SIDE), dtype=np.float32)
    top, left = (SIDE - new_h) // 2, (SIDE - new_w) // 2
    picture[top : top + new_h, left : left + new_w] = small
    extra = np.array(
        [
            min(3.0, width / max(1, height)),
            min(3.0, height / max(1.0, reference)),
            min(3.0, width / max(1.0, reference)),
            float(mask.mean()),
        ],
        dtype=np.float32,
    )
    return np.concatenate([picture.ravel(), strokes(picture), extra])


def strokes(picture: np.ndarray) -> np.ndarray:
    """How much stroke edge runs in each direction in each cell of the picture (normalised).

    Which way the strokes run tells ๓ from ๗ and 2 from 8 better than the pixels alone,
    and changes little when a scan thickens or thins the ink.
    """
    gy, gx = np.gradient(picture)
    magnitude = np.hypot(gx, gy)
    angle = (np.arctan2(gy, gx) % np.pi) / np.pi * BINS
    bins = np.minimum(angle.astype(int), BINS - 1)
    size = SIDE // CELLS
    out = np.zeros((CELLS, CELLS, BINS), dtype=np.float32)
    for row in range(CELLS):
        for col in range(CELLS):
            cell = (slice(row * size, (row + 1) * size), slice(col * size, (col + 1) * size))
            out[row, col] = np.bincount(bins[cell].ravel(), weights=magnitude[cell].ravel(), minlength=BINS)
    total = float(np.linalg.norm(out)) or 1.0
    return (out / total).ravel()


def _resize(mask: np.ndarray, height: int, width: int) -> np.ndarray:
    """Area-average a 0–1 picture to ``height`` × ``width`` (values 0–1)."""
    from PIL import Image

    image = Image.fromarray((np.clip(mask, 0, 1) * 255).astype(np.uint8))
    return np.asarray(image.resize((width, height), Image.BOX), dtype=np.float32) / 255.0

"""Glyphs: ink cut into characters, the same way for rendered training digits and scans."""

from __future__ import annotations

import numpy as np

from saraban.digits import glyphs


def _page(*boxes: tuple[int, int, int, int], size: tuple[int, int] = (40, 120)) -> np.ndarray:
    gray = np.full(size, 235, dtype=np.uint8)
    for left, top, right, bottom in boxes:
        gray[top:bottom, left:right] = 20
    return gray


def test_otsu_parts_ink_from_paper_and_blank_paper_has_no_ink() -> None:
    gray = _page((10, 10, 20, 30))
    assert 20 <= glyphs.otsu(gray) < 235
    assert glyphs.binarise(gray).sum() == 10 * 20
    assert not glyphs.binarise(np.full((20, 20), 240, dtype=np.uint8)).any()


def test_pieces_stacked_over_one_another_are_one_glyph_and_side_by_side_are_two() -> None:
    # A colon (two dots one over the other) and a digit-like bar beside it.
    ink = glyphs.binarise(_page((10, 10, 14, 14), (10, 24, 14, 28), (30, 8, 36, 30)))
    found = glyphs.glyphs(ink)
    assert [g.box for g in found] == [(10, 10, 14, 28), (30, 8, 36, 30)]


def test_ink_of_the_lines_above_and_below_is_left_out() -> None:
    ink = glyphs.binarise(_page((10, 0, 16, 6), (10, 14, 16, 30), (30, 34, 36, 40)))
    found = glyphs.glyphs(ink, band=(12, 32), near=4)
    assert [g.box for g in found] == [(10, 14, 16, 30)]


def test_features_do_not_depend_on_the_scans_resolution() -> None:
    small = glyphs.glyphs(glyphs.binarise(_page((10, 10, 16, 30))))[0]
    large = glyphs.glyphs(glyphs.binarise(_page((20, 20, 32, 60), size=(80, 120))))[0]
    a, b = glyphs.features(small, 20.0), glyphs.features(large, 40.0)
    assert a.shape == (glyphs.FEATURES,)
    assert np.abs(a - b).max() < 0.05


def test_a_glyph_is_cut_at_its_thinnest_middle_column() -> None:
    # Two blocks joined by a thin bridge: touching digits.
    gray = _page((10, 10, 20, 30), (20, 19, 22, 21), (22, 10, 32, 30))
    [glyph] = glyphs.glyphs(glyphs.binarise(gray))
    column = glyphs.split_columns(glyph)[0]
    left, right = glyphs.split_at(glyph, column)
    assert left.width >= 10 and right.width >= 10

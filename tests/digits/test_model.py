"""The shipped glyph classifier, and the script that trains it (scripts/train_digits.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from saraban.digits.model import ARABIC, LABELS, MODEL_PATH, THAI, classifier, value
from saraban.parsing.evidence import VALUE_ALONE

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import train_digits  # noqa: E402


def _faces(family: str) -> list:
    faces = [f for f in train_digits.system_fonts() if f.family == family]
    if not faces:
        pytest.fail(f"{family} is needed: make test installs it (scripts/system-deps.sh)")
    return faces


@pytest.mark.parametrize("family", ["TH Sarabun New", "Laksaman", "Norasi"])
def test_the_shipped_model_reads_printed_digits_and_is_rarely_sure_of_a_wrong_one(family: str) -> None:
    faces = _faces(family)
    rng = np.random.default_rng(11)  # not the training seed
    refs: dict = {}
    right = sure_wrong = total = 0
    model = classifier()
    for label in THAI + ARABIC:
        rows = []
        for n in range(12):
            em = round(16 / 72 * (150, 200, 300)[n % 3])
            row = train_digits.one_sample(faces[n % len(faces)], label, em, rng, refs)
            if row is not None:
                rows.append(row)
        for reading in model.read(np.stack(rows)):
            total += 1
            right += reading.digit == value(label)
            sure_wrong += reading.digit != value(label) and reading.digit_probability >= VALUE_ALONE
    assert right / total >= 0.9, f"{right}/{total}"
    assert sure_wrong <= 0.01 * total, f"{sure_wrong} of {total} sure and wrong"


def test_the_model_ships_in_the_package_and_knows_every_class() -> None:
    assert MODEL_PATH.exists() and MODEL_PATH.stat().st_size < 2_000_000
    assert classifier().labels == LABELS


@pytest.mark.slow
def test_training_is_deterministic_and_gives_a_working_model(tmp_path: Path) -> None:
    args = ["--per-class", "40", "--epochs", "4", "--hidden", "32", "--fonts", str(tmp_path / "fonts")]
    assert train_digits.main([*args, "--out", str(tmp_path / "a.npz")]) == 0
    assert train_digits.main([*args, "--out", str(tmp_path / "b.npz")]) == 0
    a, b = classifier(tmp_path / "a.npz"), classifier(tmp_path / "b.npz")
    for net_a, net_b in zip(a.nets, b.nets, strict=True):
        for (wa, ba), (wb, bb) in zip(net_a, net_b, strict=True):
            assert np.allclose(wa, wb, atol=1e-5) and np.allclose(ba, bb, atol=1e-5)
    assert a.labels == LABELS

"""The glyph classifier: a small neural network whose weights ship in the package.

``scripts/train_digits.py`` trains it on digits rendered in the fonts Thai offices print and
write with and saves its weights to ``model.npz`` beside this module; reading a glyph is a
few matrix products in NumPy, with nothing downloaded and no training library needed at run
time. Every answer is a probability for each class, so a caller can tell a sure digit from a
guess.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).with_name("model.npz")

ARABIC = "0123456789"
THAI = "๐๑๒๓๔๕๖๗๘๙"
MARKS = "/.:-"
OTHER = "?"
LABELS = tuple(ARABIC + THAI + MARKS + OTHER)
"""The classes, in the model's order: a digit in each script, the marks of numbers, anything else."""


def value(label: str) -> str | None:
    """The Arabic digit a label stands for (``None`` for marks and other glyphs)."""
    if label in ARABIC:
        return label
    if label in THAI:
        return str(THAI.index(label))
    return None


@dataclass(frozen=True)
class Reading:
    """The classifier's answer for one glyph."""

    label: str
    probability: float
    """How likely the label is (0–1)."""
    digit: str | None
    """The digit's value in Arabic digits, whatever its script."""
    digit_probability: float
    """How likely it is to be that digit in either script."""


class Classifier:
    """A few perceptrons (one hidden ReLU layer each, trained from different seeds) over glyph
    features, with the training set's scaling; their probabilities are averaged.

    Networks trained apart rarely share a mistake, so the average is sure of a digit only
    where they all are: what matters when a sure reading becomes a register's value.
    """

    def __init__(self, weights: dict[str, np.ndarray]) -> None:
        self.mean = weights["mean"].astype(np.float32)
        self.scale = weights["scale"].astype(np.float32)
        members, depth = int(weights["members"]), int(weights["depth"])
        self.nets = [
            [(weights[f"w{m}_{i}"].astype(np.float32), weights[f"b{m}_{i}"].astype(np.float32)) for i in range(depth)]
            for m in range(members)
        ]
        self.labels = tuple(str(x) for x in weights["labels"])

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Class probabilities for each row of ``features`` (rows × classes)."""
        scaled = (np.atleast_2d(features).astype(np.float32) - self.mean) / self.scale
        total = None
        for layers in self.nets:
            x = scaled
            for n, (w, b) in enumerate(layers):
                x = x @ w + b
                if n < len(layers) - 1:
                    x = np.maximum(x, 0)
            x = x - x.max(axis=1, keepdims=True)
            x = np.exp(x)
            x /= x.sum(axis=1, keepdims=True)
            total = x if total is None else total + x
        assert total is not None
        return total / len(self.nets)

    def read(self, features: np.ndarray, script: str | None = None) -> list[Reading]:
        """The most likely label of each row, and the most likely digit with both scripts summed.

        Args:
            script: ``"thai"`` or ``"arabic"`` when the number's other digits say which script
                it is printed in: a number never mixes them, so the other script's classes are
                left out and the rest weighed again.
        """
        return self.readings(self.probabilities(features), script)

    def readings(self, probs: np.ndarray, script: str | None = None) -> list[Reading]:
        """:meth:`read` from probabilities already computed (a line is classified once)."""
        probs = probs.copy()
        if script is not None:
            other = ARABIC if script == "thai" else THAI
            drop = [i for i, label in enumerate(self.labels) if label in other]
            probs[:, drop] = 0.0
            probs /= probs.sum(axis=1, keepdims=True)
        digits = np.zeros((probs.shape[0], 10), dtype=np.float32)
        for i, label in enumerate(self.labels):
            digit = value(label)
            if digit is not None:
                digits[:, int(digit)] += probs[:, i]
        out = []
        for row, drow in zip(probs, digits, strict=True):
            best = int(np.argmax(row))
            label = self.labels[best]
            digit = value(label)
            if digit is None and float(drow.max()) > float(row[best]):
                digit = str(int(np.argmax(drow)))  # two scripts together outweigh the top class
            dprob = float(drow[int(digit)]) if digit is not None else float(drow.max())
            out.append(Reading(label, float(row[best]), digit, dprob))
        return out


_LOCK = threading.Lock()


@cache
def _load(path: str) -> Classifier:
    with np.load(path, allow_pickle=False) as data:
        return Classifier({key: data[key] for key in data.files})


def classifier(path: Path | None = None) -> Classifier:
    """The shipped classifier (loaded once per process)."""
    with _LOCK:
        return _load(str(path or MODEL_PATH))


def save(path: Path, *, mean: np.ndarray, scale: np.ndarray, nets: list[list[tuple[np.ndarray, np.ndarray]]]) -> None:
    """Write a classifier's weights as ``np.savez_compressed`` (what :func:`classifier` loads)."""
    arrays: dict[str, np.ndarray] = {"mean": mean.astype(np.float32), "scale": scale.astype(np.float32),
                                     "depth": np.array(len(nets[0])), "members": np.array(len(nets)),
                                     "labels": np.array(LABELS)}  # fmt: skip
    for m, layers in enumerate(nets):
        for i, (w, b) in enumerate(layers):
            arrays[f"w{m}_{i}"], arrays[f"b{m}_{i}"] = w.astype(np.float16), b.astype(np.float32)
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]

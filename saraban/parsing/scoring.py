"""Field-by-field accuracy of parser output against gold annotations (JSONL).

Free-text fields are compared without whitespace and with ``ํา`` folded into ``ำ``, as the
gold's README recommends; a number whose running part is blank may be given as its printed
prefix; ``accept`` lists other values a gold record allows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from saraban.thai.text import fold_sara_am

FIELDS = (
    "kind",
    "doc_no",
    "circular",
    "date",
    "subject",
    "salutation_to",
    "sender_agency",
    "attachments",
    "references",
    "urgency",
    "secrecy",
    "receipt_stamps",
    "signer_name",
    "signer_position",
    "deadline",
)
_FREE_TEXT = {"subject", "salutation_to", "sender_agency", "signer_name", "signer_position"}


def _text_key(value: object) -> object:
    if isinstance(value, str):
        return re.sub(r"\s+", "", fold_sara_am(value))
    return value


def _normalise(name: str, value: object) -> object:
    if name in _FREE_TEXT:
        return _text_key(value)
    if name == "attachments":
        return [_text_key(v) for v in value or []]
    if name == "references":
        return [(r.get("doc_no"), r.get("date")) for r in value or []]
    if name == "receipt_stamps":
        return [(s.get("number"), s.get("date"), s.get("time")) for s in value or []]
    if name == "receipt_stamp_agencies":
        return [_text_key(v) for v in value or []]
    return value


def field_matches(name: str, predicted: object, gold: dict) -> bool:
    """Whether a predicted value counts as exact for one field of a gold record."""
    expected = [gold.get(name), *gold.get("accept", {}).get(name, [])]
    if name == "doc_no" and gold.get("doc_no_prefix"):
        expected += [gold["doc_no_prefix"], gold["doc_no_prefix"].rstrip("/ ").rstrip()]
        if isinstance(predicted, str):
            predicted = predicted.strip()
    got = _normalise(name, predicted)
    return any(got == _normalise(name, e) for e in expected)


@dataclass
class FieldScore:
    name: str
    exact: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.exact / self.total if self.total else 100.0


@dataclass
class ScoreReport:
    """Per-field and overall exact-match counts."""

    fields: dict[str, FieldScore]
    letters_gold: int
    letters_found: int
    letters_missing: list[str]

    @property
    def exact(self) -> int:
        return sum(f.exact for f in self.fields.values())

    @property
    def total(self) -> int:
        return sum(f.total for f in self.fields.values())

    @property
    def percent(self) -> float:
        return 100.0 * self.exact / self.total if self.total else 100.0

    def table(self) -> str:
        """A Markdown table of the scores (as in the README)."""
        rows = ["| field | exact | of | % |", "|---|---:|---:|---:|"]
        for f in self.fields.values():
            rows.append(f"| {f.name} | {f.exact} | {f.total} | {f.percent:.1f} |")
        rows.append(f"| **all fields** | **{self.exact}** | **{self.total}** | **{self.percent:.1f}** |")
        return "\n".join(rows)


def _key(record: dict, name_field: str) -> tuple[str, int]:
    return Path(str(record.get(name_field) or record.get("source") or "")).name, int(record.get("index", 0))


def score(predictions: Iterable[dict], gold: Iterable[dict]) -> ScoreReport:
    """Compare parser records (``parse --json``) with gold records (``file``, ``index``, fields)."""
    found = {_key(p, "source"): p for p in predictions}
    gold = list(gold)
    scores: dict[str, FieldScore] = {}
    missing = []
    for record in gold:
        key = _key(record, "file")
        predicted = found.get(key)
        if predicted is None:
            missing.append(f"{key[0]}#{key[1]}")
        names = [n for n in FIELDS if n in record]
        if "receipt_stamp_agencies" in record:
            names.append("receipt_stamp_agencies")
        for name in names:
            entry = scores.setdefault(name, FieldScore(name))
            entry.total += 1
            if predicted is None:
                entry.misses.append(f"{key[0]}#{key[1]}: letter not found")
                continue
            value = predicted.get(name)
            if name == "receipt_stamp_agencies":
                value = [s.get("agency") for s in predicted.get("receipt_stamps", [])]
            if field_matches(name, value, record):
                entry.exact += 1
            else:
                entry.misses.append(f"{key[0]}#{key[1]}: got {value!r}, want {record.get(name)!r}")
    ordered = {n: scores[n] for n in (*FIELDS, "receipt_stamp_agencies") if n in scores}
    return ScoreReport(ordered, len(gold), len(found), missing)


def load_jsonl(path: Path) -> list[dict]:
    """Read a JSONL file (one JSON object per line; blank lines skipped)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

"""Field-by-field accuracy of parser output against gold annotations (JSONL).

Free-text fields are compared without whitespace and with ``ํา`` folded into ``ำ``; on OCR'd
letters a similarity of 0.85 or more counts as right (OCR drops tone marks), as the gold's
README says. A number whose running part is blank may be given as its printed prefix;
``accept`` lists other values a gold record allows.

Each field of each letter is **exact**, **abstained** (left empty where the truth has a
value) or **wrong** (a value that differs from the truth). A field the gold lists in
``ocr_unrecoverable`` is not in the text at all: there, abstaining is the right answer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from saraban.thai.text import fold_sara_am

SIMILARITY = 0.85

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


def _number_key(value: object) -> object:
    """A letter number as compared: "ว." as ว, and the running number without leading zeros
    (``มท 0809.3/ว. 0003`` is ``มท 0809.3/ว 3``: the period and the zeros are how it was typed)."""
    if not isinstance(value, str):
        return value
    text = re.sub(r"ว\s*\.\s*", "ว ", value.strip())
    return re.sub(r"/(ว )?0+(?=\d)", lambda m: "/" + (m[1] or ""), text)


def _normalise(name: str, value: object) -> object:
    if name == "doc_no":
        return _number_key(value)
    if name in _FREE_TEXT:
        return _text_key(value)
    if name == "attachments":
        return [_text_key(v) for v in value or []]
    if name == "references":
        return [(_number_key(r.get("doc_no")), r.get("date")) for r in value or []]
    if name == "receipt_stamps":
        return [(s.get("number"), s.get("date"), s.get("time")) for s in value or []]
    if name == "receipt_stamp_agencies":
        return [_text_key(v) for v in value or []]
    return value


def _similar(got: object, want: object, similarity: float) -> bool:
    if isinstance(got, str) and isinstance(want, str):
        return got == want or fuzz.ratio(got, want) / 100 >= similarity
    if isinstance(got, list) and isinstance(want, list) and len(got) == len(want):
        return all(_similar(g, w, similarity) for g, w in zip(got, want, strict=True))
    return got == want


def field_matches(name: str, predicted: object, gold: dict, similarity: float = 1.0) -> bool:
    """Whether a predicted value counts as exact for one field of a gold record."""
    expected = [gold.get(name), *gold.get("accept", {}).get(name, [])]
    if name == "doc_no" and gold.get("doc_no_prefix"):
        expected += [gold["doc_no_prefix"], gold["doc_no_prefix"].rstrip("/ ").rstrip()]
        if isinstance(predicted, str):
            predicted = predicted.strip()
    got = _normalise(name, predicted)
    if name in _FREE_TEXT or name in ("attachments", "receipt_stamp_agencies"):
        return any(_similar(got, _normalise(name, e), similarity) for e in expected)
    return any(got == _normalise(name, e) for e in expected)


def is_abstained(name: str, predicted: object) -> bool:
    """Whether a prediction leaves the field empty (for stamps: no number, date or time)."""
    if name == "receipt_stamps":
        return all(not (s.get("number") or s.get("date") or s.get("time")) for s in predicted or [])
    return predicted in (None, "", [])


@dataclass
class FieldScore:
    name: str
    exact: int = 0
    total: int = 0
    wrong: int = 0
    abstained: int = 0
    suggested: int = 0
    """Of the abstained: how many had a suggestion for the clerk (``suggestions``)."""
    suggested_right: int = 0
    """Of those suggestions: how many were the truth."""
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

    @property
    def wrong(self) -> int:
        return sum(f.wrong for f in self.fields.values())

    @property
    def abstained(self) -> int:
        return sum(f.abstained for f in self.fields.values())

    def table(self) -> str:
        """A Markdown table of the scores (as in the README)."""
        rows = ["| field | exact | wrong | abstained | of | % | suggested (right) |",
                "|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
        for f in self.fields.values():
            offered = f"{f.suggested} ({f.suggested_right})" if f.suggested else ""
            rows.append(f"| {f.name} | {f.exact} | {f.wrong} | {f.abstained} | {f.total} | {f.percent:.1f} "
                        f"| {offered} |")  # fmt: skip
        rows.append(
            f"| **all fields** | **{self.exact}** | **{self.wrong}** | **{self.abstained}** | **{self.total}** "
            f"| **{self.percent:.1f}** | |"
        )
        rows.append(f"\nletters found: {self.letters_found} of {self.letters_gold} in the gold")
        return "\n".join(rows)


def _key(record: dict, name_field: str) -> tuple[str, int]:
    return Path(str(record.get(name_field) or record.get("source") or "")).name, int(record.get("index", 0))


def score(predictions: Iterable[dict], gold: Iterable[dict], similarity: float = SIMILARITY) -> ScoreReport:
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
            unrecoverable = name in record.get("ocr_unrecoverable", [])
            if field_matches(name, value, record, similarity) or (unrecoverable and is_abstained(name, value)):
                entry.exact += 1
                continue
            if is_abstained(name, value):
                entry.abstained += 1
                kind = "abstained"
                offer = _suggestion(predicted, name)
                if offer is not None:
                    entry.suggested += 1
                    right = field_matches(name, offer, record, similarity)
                    entry.suggested_right += right
                    kind += f" (suggested {offer!r}{'' if right else ', wrong'})"
            else:
                entry.wrong += 1
                kind = "wrong"
            entry.misses.append(f"{key[0]}#{key[1]}: {kind}: got {value!r}, want {record.get(name)!r}")
    ordered = {n: scores[n] for n in (*FIELDS, "receipt_stamp_agencies") if n in scores}
    gold_keys = {_key(r, "file") for r in gold}
    return ScoreReport(ordered, len(gold), len(gold_keys & set(found)), missing)


def _suggestion(predicted: dict, name: str) -> object | None:
    """The value a record suggests for an empty field (``None``: no suggestion)."""
    offer = (predicted.get("suggestions") or {}).get(name)
    if name in ("doc_no", "date") and isinstance(offer, dict):
        return offer.get("value")
    return None


def load_jsonl(path: Path) -> list[dict]:
    """Read a JSONL file (one JSON object per line; blank lines skipped).

    Raises:
        InvalidInput: Not UTF-8 text, or a line that is not a JSON object (naming the line).
    """
    from saraban.errors import InvalidInput

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{path}: ไม่ใช่ไฟล์ข้อความ UTF-8 (JSONL)") from exc
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"{path} บรรทัด {number}: ไม่ใช่ JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise InvalidInput(f"{path} บรรทัด {number}: ต้องเป็นออบเจกต์ JSON หนึ่งรายการต่อบรรทัด")
        records.append(record)
    return records

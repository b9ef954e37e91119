"""The OCR round-trip corpus (scripts/ocr_corpus.py): our own letters, scanned and OCR'd."""

from __future__ import annotations

from saraban.parsing import parse_paths
from saraban.parsing.scoring import load_jsonl, score
from tests.conftest import DATA

CORPUS = DATA / "ocr_corpus"


def _report():  # type: ignore[no-untyped-def]
    gold = load_jsonl(CORPUS / "gold.jsonl")
    files = sorted(CORPUS / g["file"] for g in gold)
    predicted = [letter.to_json() for _p, r in parse_paths(files) if isinstance(r, list) for letter in r]
    return score(predicted, gold)


def test_every_generated_letter_is_found_and_most_fields_are_right() -> None:
    report = _report()
    assert report.letters_found == report.letters_gold == 30
    assert report.percent >= 85.0, report.table()


def test_no_letter_number_or_date_is_confidently_wrong() -> None:
    report = _report()
    for name in ("doc_no", "date", "receipt_stamps", "references"):
        assert report.fields[name].wrong == 0, report.fields[name].misses

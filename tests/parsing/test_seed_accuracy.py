"""Accuracy on the real seed letters in ../shared (measured, never copied into the repository)."""

import pytest

from saraban.parsing import parse_paths
from saraban.parsing.scoring import load_jsonl, score
from tests.conftest import SHARED

GOLD = SHARED / "dev" / "gold_seeds.jsonl"


@pytest.mark.skipif(not GOLD.exists(), reason="../shared/dev/gold_seeds.jsonl is not beside this checkout")
def test_seed_letters_reach_95_percent_exact_fields() -> None:
    gold = load_jsonl(GOLD)
    files = sorted({SHARED / "seeds" / g["file"] for g in gold})
    predicted = [r.to_json() for _p, res in parse_paths(files) if isinstance(res, list) for r in res]
    report = score(predicted, gold)
    assert not report.letters_missing
    assert report.percent >= 95.0, report.table()


def test_scorer_counts_prefix_and_accepted_values() -> None:
    gold = [{"file": "a.txt", "index": 0, "doc_no": None, "doc_no_prefix": "มท 0810.3/", "subject": "ก ข"}]
    report = score([{"source": "x/a.txt", "index": 0, "doc_no": "มท 0810.3/", "subject": "กข"}], gold)
    assert report.percent == 100.0
    report = score([{"source": "a.txt", "index": 0, "doc_no": "มท 0810.3/5", "subject": "ค"}], gold)
    assert report.exact == 0 and report.total == 2

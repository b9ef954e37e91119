"""Every benchmark still runs, at a small size (their figures are in the README; a benchmark
that stopped working would leave those figures unrepeatable)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SMALL = {
    "parse_bench.py": (["--letters", "20"], "ratio parser / bare regex pass"),
    "audit_bench.py": (["--receipts", "30"], "lower bound"),
    "cascade_bench.py": (["--other", "30", "--import-files", "5"], "ratio trace / raw SQL"),
    "letters_bench.py": (["--recipients", "3"], "bare rendering of the template"),
    "secrecy_bench.py": (["--receipts", "40"], "lower bound"),
    "ocr_bench.py": (["--pages", "1"], "Tesseract's own time"),
    "tui_bench.py": (["--letters", "500"], "peak memory"),
    "digits_bench.py": (["--per-cell", "1"], "a bare pass of its matrix products"),
}


def test_every_benchmark_is_listed_here() -> None:
    assert sorted(SMALL) == sorted(p.name for p in (ROOT / "benchmarks").glob("*_bench.py"))


@pytest.mark.parametrize("script", sorted(SMALL))
def test_the_benchmark_runs_at_a_small_size(script: str, tmp_path: Path) -> None:
    args, last_words = SMALL[script]
    env = {**os.environ, "HOME": str(tmp_path), "OMP_THREAD_LIMIT": "1"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert last_words in result.stdout, result.stdout[-2000:]

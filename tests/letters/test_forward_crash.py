"""A forward survives kill -9 and can be repeated (#10 finding 6, #12 item 4).

Killed after some of its files, it leaves letters that exist with their numbers; run again,
it writes only the missing files under the same numbers; run a third time, it refuses to
send a second set to the same offices unless told to (``again``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import docx
import pytest
from sqlmodel import select
from typer.testing import CliRunner

from saraban.cli import app
from saraban.db.tables import Letter, RegisterEntry
from saraban.services.forward_plan import AlreadyForwarded
from saraban.services.forwarding import ForwardRequest, forward
from tests.letters.conftest import DISTRICT

ROOT = Path(__file__).resolve().parents[2]
WHEN = datetime(2024, 1, 20, 10, 0)


def _sent(ctx) -> list[RegisterEntry]:
    with ctx.reading() as s:
        return list(s.exec(select(RegisterEntry).where(RegisterEntry.book == "send").order_by(RegisterEntry.number)))


def test_a_forward_killed_mid_way_is_finished_by_running_it_again(district_ctx, db_url, tmp_path: Path) -> None:
    out = tmp_path / "out"
    killed = subprocess.run(
        [sys.executable, "-m", "tests.letters.forward_worker", db_url, str(out), "2"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    issued = _sent(district_ctx)
    assert len(issued) == 3  # every number was taken with its letter, in one transaction
    written = sorted(p.name for p in out.glob("*.docx"))
    assert len(written) == 2 and not list(out.glob(".*.part"))
    # Run again: the same numbers, the missing file written, nothing new issued.
    again = ForwardRequest("ว 812", DISTRICT, all_children=True, mode="per-recipient", out_dir=out, when=WHEN)
    result = forward(district_ctx, again)
    assert [x.doc_no for x in result.letters] == [e.doc_no for e in issued][2:]
    assert any("ไม่ออกเลขใหม่" in n for n in result.notes)
    assert [(e.number, e.doc_no) for e in _sent(district_ctx)] == [(e.number, e.doc_no) for e in issued]
    files = sorted(out.glob("*.docx"))
    assert len(files) == 3
    for path in files:
        docx.Document(str(path))  # each one whole
    with district_ctx.reading() as s:
        letters = s.exec(select(Letter).where(Letter.link_method == "issued")).all()
        assert all(letter.source_path and Path(letter.source_path).is_file() for letter in letters)
    # A third run would send the same letters again: refused, naming the first forward.
    with pytest.raises(AlreadyForwarded, match=r"นน 0023\.11/1"):
        forward(district_ctx, again)
    assert len(_sent(district_ctx)) == 3


def test_forwarding_twice_to_the_same_offices_asks_first(district_ctx, db_url, tmp_path: Path) -> None:
    # Sent now, as the CLI below is (it has no --when): both in this year's register.
    first = forward(district_ctx, ForwardRequest("ว 812", DISTRICT, all_children=True, out_dir=tmp_path))
    assert first.letters[0].doc_no == "นน 0023.11/ว 1"
    # One more office together with the ones that have it already: still a repeat for them.
    with pytest.raises(AlreadyForwarded, match="ว 1"):
        forward(district_ctx, ForwardRequest("ว 812", DISTRICT, ["เทศบาลตำบลท่าวังผา"], out_dir=tmp_path))
    args = ["--db", db_url, "--user", "somchai", "forward", "ว 812", "--from", DISTRICT, "--all-children",
            "--out", str(tmp_path)]  # fmt: skip
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code != 0 and "--again" in refused.output and "Traceback" not in refused.output
    assert len(_sent(district_ctx)) == 1
    done = CliRunner().invoke(app, [*args, "--again", "--json"])
    assert done.exit_code == 0, done.output
    assert [e.doc_no for e in _sent(district_ctx)] == ["นน 0023.11/ว 1", "นน 0023.11/ว 2"]


def test_a_forward_killed_mid_way_and_run_with_again_is_finished_not_doubled(
    district_ctx, db_url, tmp_path: Path
) -> None:
    # Before: --again after a crash left the first run's numbers without letters (phantoms) and
    # issued a whole new set.
    out = tmp_path / "out"
    killed = subprocess.run(
        [sys.executable, "-m", "tests.letters.forward_worker", db_url, str(out), "2"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    issued = _sent(district_ctx)
    request = ForwardRequest("ว 812", DISTRICT, all_children=True, mode="per-recipient", out_dir=out, when=WHEN,
                             again=True)  # fmt: skip
    result = forward(district_ctx, request)
    assert [x.doc_no for x in result.letters] == [e.doc_no for e in issued][2:]
    assert [(e.number, e.doc_no) for e in _sent(district_ctx)] == [(e.number, e.doc_no) for e in issued]
    assert len(sorted(out.glob("*.docx"))) == len(issued)  # every number has its letter
    # Now that the first forward is complete, --again is a new circular.
    second = forward(district_ctx, request)
    assert len(second.letters) == len(issued) and len(_sent(district_ctx)) == 2 * len(issued)

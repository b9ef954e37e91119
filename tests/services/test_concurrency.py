"""Four clerks taking 50 numbers each at once: the register reads exactly 1..200."""

import os
import subprocess
import sys
from pathlib import Path

from saraban.services.context import open_context
from saraban.services.ledger import verify
from saraban.services.register_view import register_rows

ROOT = Path(__file__).resolve().parents[2]


def test_four_processes_never_repeat_or_skip_a_number(db_url: str) -> None:
    open_context(db_url, user="clerk").engine.dispose()  # migrate once; the workers race on numbers
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.services.concurrency_worker", db_url, str(w), "50"],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(4)
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
    ctx = open_context(db_url, user="clerk")
    numbers = sorted(r.number for r in register_rows(ctx, "นน 0023", year=2567))
    assert numbers == list(range(1, 201))
    with ctx.reading() as session:
        assert verify(session).ok


def test_six_first_opens_at_once_seed_the_directory_once(db_url: str) -> None:
    """#10 finding 5: a fresh database opened by many processes at once (both kinds)."""
    from sqlmodel import func, select

    from saraban.db.tables import Agency

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = "import sys; from saraban.services.context import open_context; open_context(sys.argv[1]).engine.dispose()"
    openers = [
        subprocess.Popen([sys.executable, "-c", script, db_url], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    for opener in openers:
        _, err = opener.communicate(timeout=300)
        assert opener.returncode == 0, err
    ctx = open_context(db_url, user="clerk")
    with ctx.reading() as s:
        assert s.exec(select(func.count(Agency.id)).where(Agency.code == "นน 0023")).one() == 1
        assert verify(s).ok
    ctx.engine.dispose()

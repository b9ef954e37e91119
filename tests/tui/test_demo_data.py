"""The demo looks like a real office's last weeks: numbers follow time, nothing in the future (#12 item 13)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlmodel import Session, create_engine, select

from saraban.db.tables import RegisterEntry
from tests.tui.conftest import TODAY


def test_demo_registers_number_in_time_order_and_end_before_today(demo_db: Path) -> None:
    engine = create_engine(f"sqlite:///{demo_db}")
    with Session(engine) as session:
        entries = session.exec(select(RegisterEntry)).all()
    engine.dispose()
    books: dict[tuple[int, str, str, int], list[RegisterEntry]] = {}
    for entry in entries:
        books.setdefault((entry.agency_id, entry.book, entry.series, entry.year), []).append(entry)
    assert len(entries) > 300
    for key, rows in books.items():
        rows.sort(key=lambda e: e.number)
        times = [e.entry_at for e in rows]
        assert times == sorted(times), f"register {key}: numbers run backwards in time"
    assert max(e.entry_at for e in entries) < datetime.combine(TODAY, datetime.min.time())


def test_stats_speak_thai_to_people_and_keep_keys_in_json(demo_db: Path) -> None:
    """#12 item 10: levels by their Thai names and dates in BE for people; JSON keeps the keys."""
    import json
    import re

    from typer.testing import CliRunner

    from saraban.cli import app
    from saraban.demo.builder import CLERK

    base = ["--db", f"sqlite:///{demo_db}", "--user", CLERK, "stats"]
    shown = CliRunner().invoke(app, base)
    assert shown.exit_code == 0, shown.output
    assert "อปท." in shown.stdout and "local:" not in shown.stdout
    assert not re.search(r"\d{4}-\d{2}-\d{2}", shown.stdout)  # no ISO date for a person to read
    data = json.loads(CliRunner().invoke(app, [*base, "--json"]).stdout)
    assert any(row["name"] == "local" for row in data["by_level"])

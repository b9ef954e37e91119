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

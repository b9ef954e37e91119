"""Terminal-app benchmark: time from start to the first screen, paging, and memory, with
100,000 letters in the office's receiving register.

    python benchmarks/tui_bench.py [--letters 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from saraban.db.tables import Agency, Letter, RegisterEntry
from saraban.services.context import open_context
from saraban.settings import Settings
from saraban.thai.text import search_key

OFFICE = "นน 0023"


def fill(url: str, count: int) -> None:
    """Insert ``count`` received letters in bulk (a UI benchmark: the ledger is not involved)."""
    ctx = open_context(url, user="bench", settings=Settings(office=OFFICE))
    _ = ctx.actor
    with ctx.engine.begin() as conn:
        office = conn.execute(select(Agency.id).where(Agency.code == OFFICE)).scalar_one()
        start = datetime(2026, 1, 1, 8, 0)
        batch = 5000
        for first in range(0, count, batch):
            letters, entries = [], []
            for i in range(first, min(first + batch, count)):
                doc_no = f"มท 0816.{i % 9}/ว {i}"
                letters.append({"id": i + 1, "kind": "external", "doc_no": doc_no, "number_key": search_key(doc_no),
                                "letter_date": date(2026, 1, 1), "subject": f"เรื่องทดสอบการเลื่อนหน้าจอ {i}",
                                "sender_text": "กรมส่งเสริมการปกครองท้องถิ่น", "fingerprint": f"{i:064d}",
                                "recipients": [], "attachments": [], "references": [], "warnings": [],
                                "link_confirmed": False, "created_at": start})  # fmt: skip
                entries.append({"agency_id": office, "book": "receive", "series": "general", "year": 2569,
                                "number": i + 1, "letter_id": i + 1, "entry_at": start + timedelta(minutes=3 * i),
                                "doc_no": doc_no, "subject": f"เรื่องทดสอบการเลื่อนหน้าจอ {i}", "source": "saraban",
                                "void": False, "created_by": "bench", "created_role": "clerk",
                                "from_text": "กรมส่งเสริมการปกครองท้องถิ่น"})  # fmt: skip
            conn.execute(insert(Letter), letters)
            conn.execute(insert(RegisterEntry), entries)
    ctx.engine.dispose()


async def measure(url: str) -> None:
    from saraban.tui.app import SarabanApp

    started = time.perf_counter()
    ctx = open_context(url, user="bench", settings=Settings(office=OFFICE))
    app = SarabanApp(ctx, today=date(2026, 11, 21))
    async with app.run_test(size=(140, 40)) as pilot:
        while True:
            await pilot.pause(0.01)
            table = getattr(app.screen, "rows", None)
            if table:
                break
        first = time.perf_counter() - started
        print(f"start to the first screen with a full page of the register: {first * 1000:.0f} ms")
        data_table = app.screen.query_one("#register")
        start = time.perf_counter()
        for _ in range(5):
            data_table.move_cursor(row=data_table.row_count - 1)
            rows_before = data_table.row_count
            while data_table.row_count == rows_before:
                await pilot.pause(0.005)
        print(
            f"scrolling: 5 more pages loaded in {(time.perf_counter() - start) * 1000:.0f} ms "
            f"({data_table.row_count} rows shown)"
        )
        start = time.perf_counter()
        app.screen.query_one("#search").value = "ว 50000"
        while not (app.screen.rows and len(app.screen.rows) < 20 and app.screen.rows[0].number == 50001):
            await pilot.pause(0.01)
        took = (time.perf_counter() - start) * 1000
        print(f"search for one letter among them: {took:.0f} ms (including the 350 ms pause after typing)")
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=100_000)
    args = parser.parse_args()
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='saraban-tui-')) / 'big.sqlite'}"
    start = time.perf_counter()
    fill(url, args.letters)
    print(f"filled {args.letters} register entries in {time.perf_counter() - start:.1f} s")
    asyncio.run(measure(url))


if __name__ == "__main__":
    main()

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


async def _until(pilot, done, what: str, seconds: float = 120) -> None:  # type: ignore[no-untyped-def]
    """Wait on the app until ``done()``; a benchmark that hangs tells what it waited for."""
    deadline = time.perf_counter() + seconds
    while not done():
        if time.perf_counter() > deadline:
            raise SystemExit(f"tui_bench: gave up waiting for {what} after {seconds:.0f} s")
        await pilot.pause(0.005)


async def measure(url: str, count: int) -> None:
    from saraban.tui.app import SarabanApp

    started = time.perf_counter()
    ctx = open_context(url, user="bench", settings=Settings(office=OFFICE))
    app = SarabanApp(ctx, today=date(2026, 11, 21))
    async with app.run_test(size=(140, 40)) as pilot:
        await _until(pilot, lambda: getattr(app.screen, "rows", None), "the first screen")
        first = time.perf_counter() - started
        print(f"start to the first screen with a full page of the register: {first * 1000:.0f} ms")
        data_table = app.screen.query_one("#register")
        start = time.perf_counter()
        pages = 0
        while pages < 5 and data_table.row_count < count:  # five more pages, or as many as there are
            data_table.move_cursor(row=data_table.row_count - 1)
            rows_before = data_table.row_count
            await _until(pilot, lambda before=rows_before: data_table.row_count > before, "the next page")
            pages += 1
        print(
            f"scrolling: {pages} more pages loaded in {(time.perf_counter() - start) * 1000:.0f} ms "
            f"({data_table.row_count} rows shown)"
        )
        start = time.perf_counter()
        wanted = count // 2  # letter ว {wanted} is register number wanted + 1
        app.screen.query_one("#search").value = f"ว {wanted}"
        rows = lambda: app.screen.rows  # noqa: E731
        await _until(pilot, lambda: rows() and len(rows()) < 20 and rows()[0].number == wanted + 1, "the search")
        took = (time.perf_counter() - start) * 1000
        print(f"search for one letter among them: {took:.0f} ms (from the typed text to its rows on screen)")
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=100_000)
    args = parser.parse_args()
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='saraban-tui-')) / 'big.sqlite'}"
    start = time.perf_counter()
    fill(url, args.letters)
    print(f"filled {args.letters} register entries in {time.perf_counter() - start:.1f} s")
    asyncio.run(measure(url, args.letters))


if __name__ == "__main__":
    main()

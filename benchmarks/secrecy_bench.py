"""Row-secrecy benchmark: what PostgreSQL's row-level security costs a register page.

Builds a register of N receipts, one in twenty marked ลับ, on a local PostgreSQL server, with
two logins: a clerk without clearance and an auditor cleared to ลับมาก. Times, for each login,
the register's first page (50 lines, hidden entries merged in as number/date/mark stubs), a
deep page, the next register number and ``audit verify``, and the same for the database's
owner, who is not under row-level security. The lower bound is the same page as one raw SQL
query by the owner (no policy checked, no stubs).

    python benchmarks/secrecy_bench.py [--db postgresql://OWNER@HOST:PORT/DB] [--receipts 3000]

Without ``--db`` it starts a throwaway server from Debian's PostgreSQL binaries.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.audit_bench import LETTER
from saraban.parsing import parse_text
from saraban.services.context import open_context
from saraban.services.ledger import verify
from saraban.services.register_view import register_rows
from saraban.services.registers import next_number, receive
from saraban.services.users import create_user
from saraban.settings import Settings

NAN = "นน 0023"


def build(url: str, receipts: int) -> None:
    owner = open_context(url, user="boss", settings=Settings())
    _ = owner.actor
    create_user(owner, "boss2", "admin", agency=NAN, login="boss2_db")
    owner.engine.dispose()
    admin = open_context(url.replace("://saraban@", "://boss2_db@", 1), settings=Settings())
    create_user(admin, "clerk1", "clerk", agency=NAN, login="clerk1_db")
    create_user(admin, "aud2", "auditor", agency=NAN, clearance="ลับมาก", login="aud2_db")
    admin.engine.dispose()
    clerk = open_context(url.replace("://saraban@", "://clerk1_db@", 1), settings=Settings())
    start = datetime(2024, 1, 3, 8, 0)
    for n in range(1, receipts + 1):
        (letter,) = parse_text(("ลับ\n" if n % 20 == 0 else "") + LETTER.format(n=n), source="bench")
        receive(clerk, letter, NAN, start + timedelta(minutes=n))
    clerk.engine.dispose()


def best(job: Callable[[], object], repeat: int = 5) -> float:
    """The median of ``repeat`` runs, in seconds (after one warm-up)."""
    job()
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        job()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an empty PostgreSQL database, by its owner's URL")
    parser.add_argument("--receipts", type=int, default=3000)
    args = parser.parse_args()
    server = None
    url = args.db
    if url is None:
        from tests.pg_server import TempPostgres

        server = TempPostgres()
        server.start()
        url = server.create_database("secrecy_bench")
    try:
        began = time.perf_counter()
        build(url, args.receipts)
        print(f"built {args.receipts} receipts by an uncleared clerk's login in {time.perf_counter() - began:.1f} s")
        logins = {"clerk1_db (no clearance)": "clerk1_db", "aud2_db (cleared ลับมาก)": "aud2_db"}
        logins["saraban (the owner: no row-level security)"] = "saraban"
        raw = open_context(url, user="boss", settings=Settings())  # the owner: no policy is checked
        query = text(
            "SELECT e.*, l.secrecy FROM register_entry e JOIN letter l ON l.id = e.letter_id"
            " WHERE e.agency_id = (SELECT id FROM agency WHERE code = :code LIMIT 1) AND e.book = 'receive'"
            " ORDER BY e.entry_at DESC, e.number DESC LIMIT 50"
        )
        with raw.engine.connect() as conn:
            bound = best(lambda: conn.execute(query, {"code": NAN}).all())
        raw.engine.dispose()
        deep_offset = max(0, args.receipts - 100)
        for label, login in logins.items():
            who = {"user": "boss"} if login == "saraban" else {}
            ctx = open_context(url.replace("://saraban@", f"://{login}@", 1), settings=Settings(), **who)
            first = best(lambda ctx=ctx: register_rows(ctx, NAN, limit=50))  # type: ignore[misc]
            deep = best(lambda ctx=ctx: register_rows(ctx, NAN, limit=50, offset=deep_offset))  # type: ignore[misc]
            with ctx.reading() as session:
                agency_id = session.execute(text("SELECT id FROM agency WHERE code = :c"), {"c": NAN}).scalar()
                number = best(lambda s=session, a=agency_id: next_number(s, a, "receive", "general", 2567))  # type: ignore[misc]
                began = time.perf_counter()
                report = verify(session)
                took = time.perf_counter() - began
            hidden = sum(row.hidden for row in register_rows(ctx, NAN, limit=50))
            print(
                f"{label}: first page {first * 1000:.1f} ms ({hidden} of 50 hidden,"
                f" {first / bound:.1f}× the raw query),"
                f" page at offset {deep_offset} {deep * 1000:.1f} ms, next number {number * 1000:.2f} ms,"
                f" verify {took:.2f} s ({report.records} records, {report.hidden} rows left to a cleared auditor,"
                f" {'ok' if report.ok else 'FAILED'})"
            )
            ctx.engine.dispose()
        print(f"lower bound: the page as one raw SQL query by the owner {bound * 1000:.1f} ms")
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()

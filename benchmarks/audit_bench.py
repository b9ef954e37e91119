"""Audit benchmark: ``audit verify`` over a large ledger, against its lower bound.

Builds a register of N receipts (each one a letter, an entry and a routing event: three
ledger records and three rows), then times ``verify`` (recompute the chain, compare every row
with its last snapshot, check every register runs 1…n) and reports its peak memory. The lower
bound is one raw SQL read of the ledger with its SHA-256 chain recomputed in a bare loop: what
any verifier must at least do.

    python benchmarks/audit_bench.py [--db URL] [--receipts 5000]
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from saraban.services.context import open_context
from saraban.services.ledger import verify
from saraban.services.registers import receive
from saraban.settings import Settings

LETTER = """ที่ นน 0023.5/ว {n}\t\tสำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดน่าน
ถนนสุริยพงษ์ นน ๕๕๐๐๐
๒ มกราคม ๒๕๖๗
เรื่อง ขอความร่วมมือจัดเก็บข้อมูลครั้งที่ {n}
เรียน นายอำเภอ ทุกอำเภอ
ด้วยจังหวัดขอความร่วมมือดำเนินการตามรายละเอียดที่แนบ
ขอแสดงความนับถือ
(นายทดสอบ ระบบดี)
ท้องถิ่นจังหวัดน่าน
"""


def build(url: str, receipts: int) -> None:
    from saraban.parsing import parse_text

    ctx = open_context(url, user="bench", settings=Settings())
    start = datetime(2024, 1, 3, 8, 0)
    for n in range(1, receipts + 1):
        (letter,) = parse_text(LETTER.format(n=n), source="bench")
        receive(ctx, letter, "นน 0023", start + timedelta(minutes=n))
    ctx.engine.dispose()


def lower_bound(url: str) -> float:
    """One raw read of the ledger and a bare SHA-256 loop over it (no JSON, no rows)."""
    ctx = open_context(url, user="bench", settings=Settings())
    began = time.perf_counter()
    with ctx.engine.connect() as conn:
        digest = "0" * 64
        for payload, _hash in conn.execute(text("SELECT payload, hash FROM audit_record ORDER BY seq")):
            digest = hashlib.sha256((digest + payload).encode("utf-8")).hexdigest()
    took = time.perf_counter() - began
    ctx.engine.dispose()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--receipts", type=int, default=5000)
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'audit.sqlite'}"
    began = time.perf_counter()
    build(url, args.receipts)
    print(f"built {args.receipts} receipts in {time.perf_counter() - began:.1f} s")
    ctx = open_context(url, user="bench", settings=Settings())
    began = time.perf_counter()
    with ctx.reading() as session:
        report = verify(session)
    took = time.perf_counter() - began
    tracemalloc.start()  # a second run for memory: tracing slows Python down
    with ctx.reading() as session:
        verify(session)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert report.ok, report.problems
    bound = lower_bound(url)
    print(
        f"audit verify: {report.records} records, {report.rows} rows in {took * 1000:.0f} ms "
        f"({report.records / took:,.0f} records/s), peak Python memory {peak / 1e6:.1f} MB"
    )
    print(f"lower bound (raw read + bare SHA-256 chain): {bound * 1000:.0f} ms; verify {took / bound:.1f}× that")


if __name__ == "__main__":
    main()

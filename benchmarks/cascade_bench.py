"""National cascade benchmark.

One Ministry letter → DLA → 76 provincial offices → 878 district offices → ~7,850 local
bodies, plus thousands of other circulars in the year. Reports import throughput (files of
OCR'd letters through ``saraban import``), receipt throughput through the register service,
the time to trace the circular that reached every local body, and the ratio of that trace to
one raw recursive SQL query over the same tables (the lower bound).

    python benchmarks/cascade_bench.py [--db URL] [--other 3000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import text
from sqlmodel import select

from saraban.db.tables import Agency, Letter
from saraban.services.context import open_context
from saraban.services.directory import import_dla_rows
from saraban.services.importing import import_paths
from saraban.services.letters_store import add_letter, fingerprint
from saraban.services.registers import register_receipt
from saraban.services.trace import build_trace
from saraban.settings import Settings

DISTRICTS, BODIES = 878, 7850
DAY = date(2024, 6, 1)  # in the past whatever the day it runs: a receipt in the future is refused

RAW_TRACE = """
WITH RECURSIVE cascade(id, depth) AS (
    SELECT id, 0 FROM letter WHERE id = :root
    UNION ALL
    SELECT l.id, c.depth + 1 FROM letter l JOIN cascade c ON l.parent_id = c.id
)
SELECT c.depth, l.doc_no, l.letter_date, s.name, r.number, r.entry_at, a.name
FROM cascade c
JOIN letter l ON l.id = c.id
LEFT JOIN agency s ON s.id = l.sender_agency_id
LEFT JOIN register_entry r ON r.letter_id = l.id AND r.book = 'receive' AND r.void = false
LEFT JOIN agency a ON a.id = r.agency_id
"""


def directory_rows() -> list[dict[str, str]]:
    from saraban.services.directory import provinces

    names = [name for name, code in provinces() if code != "กท"]
    rows = []
    for d in range(DISTRICTS):
        province = names[d % len(names)]
        for b in range(BODIES // DISTRICTS + (1 if d < BODIES % DISTRICTS else 0)):
            rows.append({"จังหวัด": province, "อำเภอ": f"อำเภอที่{d}", "รหัส อปท.": f"{d:04d}{b:03d}",
                         "ประเภท อปท.": "องค์การบริหารส่วนตำบล", "อปท.": f"ตำบลที่{d}-{b}"})  # fmt: skip
    return rows


def letter(doc_no: str, sender: Agency, day: date, parent: Letter | None, subject: str) -> Letter:
    return Letter(
        kind="external", doc_no=doc_no, code_prefix=doc_no.split("/")[0], circular=True, letter_date=day,
        subject=subject, salutation="ทุกแห่ง", sender_text=sender.name, sender_agency_id=sender.id,
        fingerprint=fingerprint(doc_no, day, subject, sender.name), parent_id=parent.id if parent else None,
        link_method="exact" if parent else None, link_score=1.0 if parent else None,
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--other", type=int, default=3000, help="other circulars in the year")
    parser.add_argument("--import-files", type=int, default=300, help="bundles for the import-throughput figure")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="saraban-bench-"))
    url = args.db or f"sqlite:///{tmp / 'national.sqlite'}"
    ctx = open_context(url, user="bench", settings=Settings())
    actor = ctx.actor
    rng = random.Random(1)

    start = time.perf_counter()
    with ctx.writing() as s:
        import_dla_rows(s, directory_rows())
    print(f"directory: {time.perf_counter() - start:.1f} s for {DISTRICTS} district offices and {BODIES} local bodies")

    with ctx.reading() as s:
        agencies = list(s.exec(select(Agency)))
    by_parent: dict[int | None, list[Agency]] = {}
    for a in agencies:
        by_parent.setdefault(a.parent_id, []).append(a)
    moi = next(a for a in agencies if a.code == "มท 02")
    dla = next(a for a in agencies if a.code == "มท 08")
    provinces = [a for a in by_parent[dla.id] if a.level == "province"]

    subject = "การป้องกันและแก้ไขปัญหาหมอกควันและไฟป่า"
    receipts = 0
    start = time.perf_counter()
    with ctx.writing() as s:
        root = add_letter(s, letter("มท 0211.3/ว 1", moi, DAY, None, subject))
        register_receipt(s, actor, root, dla, datetime.combine(DAY, datetime.min.time()) + timedelta(days=1, hours=9))
        circular = add_letter(s, letter("มท 0816.3/ว 1", dla, DAY + timedelta(days=3), root, subject))
        receipts += 1
    # Each office forwards on the day it receives, so no letter is dated after a receipt of it
    # (the register refuses that as a misreading).
    for p_index, province in enumerate(provinces):
        with ctx.writing() as s:
            when = datetime.combine(DAY + timedelta(days=5), datetime.min.time()) + timedelta(hours=rng.randint(8, 60))
            register_receipt(s, actor, circular, province, when)
            forwarded = add_letter(
                s,
                letter(f"{province.code}.5/ว {p_index + 1}", province, when.date(), circular, subject),
            )
            receipts += 1
            for district in by_parent.get(province.id, []):
                if district.level != "district":
                    continue
                got = when + timedelta(hours=rng.randint(20, 90))
                register_receipt(s, actor, forwarded, district, got)
                local = add_letter(
                    s,
                    letter(
                        f"{province.code}.{district.id}/ว 1",
                        district,
                        got.date(),
                        forwarded,
                        subject,
                    ),
                )
                receipts += 1
                for body in by_parent.get(district.id, []):
                    register_receipt(s, actor, local, body, got + timedelta(hours=rng.randint(24, 120)))
                    receipts += 1
    cascade_seconds = time.perf_counter() - start
    print(
        f"cascade: {receipts} receipts through the register service in {cascade_seconds:.1f} s "
        f"= {receipts / cascade_seconds:.0f} receipts/s"
    )

    start = time.perf_counter()
    with ctx.writing() as s:
        # Over the 300 days after the cascade, in time order: receipt numbers follow time.
        for i in range(args.other):
            sender = rng.choice(provinces)
            dated = DAY + timedelta(days=30 + i * 300 // max(args.other, 1))
            other = add_letter(s, letter(f"{sender.code}.3/ว {1000 + i}", sender, dated, None, f"หนังสือเวียนทั่วไป {i}"))
            register_receipt(
                s,
                actor,
                other,
                rng.choice(by_parent[sender.id]),
                datetime.combine(dated, datetime.min.time()) + timedelta(hours=30, seconds=i),
            )
    print(f"other circulars: {args.other} letters with receipts in {time.perf_counter() - start:.1f} s")

    bundles = tmp / "bundles"
    bundles.mkdir()
    from saraban.demo.builder import letter_text

    for i in range(args.import_files):
        body, _ = letter_text(rng, DAY + timedelta(days=i % 200), 50_000 + i)
        stamp = f"สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดน่าน\nเลขรับ {70_000 + i}\nวันที่ 3 มิ.ย. 2569\nเวลา 10.30 น.\n"
        (bundles / f"{i:04d}.txt").write_text(stamp + body, encoding="utf-8")
    start = time.perf_counter()
    report = import_paths(ctx, [bundles])
    imported = time.perf_counter() - start
    print(
        f"import: {len(report.letters)} letters from {args.import_files} files in {imported:.1f} s "
        f"= {len(report.letters) / imported:.0f} letters/s (parse, store, link, register stamps)"
    )

    traced = raw = float("inf")
    for _ in range(5):  # best of five for both, so neither pays for a cold cache
        with ctx.reading() as s:
            start = time.perf_counter()
            trace = build_trace(s, s.get(Letter, root.id))
            traced = min(traced, time.perf_counter() - start)
        with ctx.engine.connect() as conn:
            start = time.perf_counter()
            rows = conn.execute(text(RAW_TRACE), {"root": root.id}).fetchall()
            raw = min(raw, time.perf_counter() - start)
    pending = sum(len(n.pending) for n in trace.nodes)
    print(
        f"national trace: {len(trace.nodes)} letters, {trace.receipts()} receipts, {pending} pending, "
        f"in {traced * 1000:.0f} ms"
    )
    print(f"raw recursive SQL over the same tables: {len(rows)} rows in {raw * 1000:.0f} ms (best of 5 each)")
    print(f"ratio trace / raw SQL: {traced / raw:.1f}x")
    ctx.engine.dispose()


if __name__ == "__main__":
    main()

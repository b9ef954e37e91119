"""How fast circulars travel: latency per level and per agency, slowest hops, overdue letters."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import select

from saraban.db.tables import LEVEL_NAMES, Agency, Letter, RegisterEntry, RoutingEvent
from saraban.services.context import Context
from saraban.services.importing import NO_DATE
from saraban.thai.dates import format_thai_date, today_bangkok


def percentile(values: list[float], share: float) -> float:
    """The ``share`` percentile (0–1) by linear interpolation."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class LatencyRow:
    """Receipt latency of a group of hops, in hours."""

    name: str
    hops: int
    median: float
    p90: float

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "hops": self.hops,
            "median_hours": round(self.median, 1),
            "p90_hours": round(self.p90, 1),
        }


@dataclass
class SlowHop:
    doc_no: str | None
    agency: str
    hours: float


@dataclass
class Overdue:
    doc_no: str | None
    agency: str
    deadline: date
    days: int


@dataclass
class StatsReport:
    """The figures of ``saraban stats``."""

    by_level: list[LatencyRow] = field(default_factory=list)
    by_agency: list[LatencyRow] = field(default_factory=list)
    slowest: list[SlowHop] = field(default_factory=list)
    overdue: list[Overdue] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "by_level": [r.to_json() for r in self.by_level],
            "by_agency": [r.to_json() for r in self.by_agency],
            "slowest": [{"doc_no": s.doc_no, "agency": s.agency, "hours": s.hours} for s in self.slowest],
            "overdue": [
                {"doc_no": o.doc_no, "agency": o.agency, "deadline": o.deadline.isoformat(), "days_overdue": o.days}
                for o in self.overdue
            ],
        }

    def lines(self) -> list[str]:
        out = ["เวลาตั้งแต่ส่งถึงลงรับ (ชั่วโมง) แยกตามระดับ: มัธยฐาน / เปอร์เซ็นไทล์ที่ 90"]
        out += [_latency_line(LEVEL_NAMES.get(r.name, r.name), r) for r in self.by_level]
        out.append("แยกตามหน่วยงาน (ช้าสุด 20 แห่ง)")
        out += [_latency_line(r.name, r) for r in self.by_agency[:20]]
        out.append("ขั้นที่ช้าที่สุด")
        out += [f"  {s.doc_no} → {s.agency}: {s.hours:.1f} ชม." for s in self.slowest]
        out.append(f"หนังสือเกินกำหนด {len(self.overdue)} รายการ")
        out += [
            f"  {o.doc_no} ที่ {o.agency}: กำหนด {format_thai_date(o.deadline, digits='arabic', abbreviated=True)}"
            f" เกินมา {o.days} วัน"
            for o in self.overdue[:50]
        ]
        return out


def _latency_line(name: str, row: LatencyRow) -> str:
    return f"  {name}: {row.median:.1f} / {row.p90:.1f} ({row.hops} ครั้ง)"


def compute(ctx: Context, year: int | None = None, today: date | None = None) -> StatsReport:
    """Latency figures over the receipts of a register year (BE), or of all years."""
    today = today or today_bangkok()
    with ctx.reading() as session:
        query = (
            select(RegisterEntry, Letter)
            .join(Letter, Letter.id == RegisterEntry.letter_id)
            .where(  # type: ignore[arg-type]
                RegisterEntry.book == "receive",
                RegisterEntry.void.is_(False),  # type: ignore[attr-defined]
            )
        )
        if year:
            query = query.where(RegisterEntry.year == year)
        rows = list(session.exec(query))
        agencies = {a.id: a for a in session.exec(select(Agency))}
        sent = {
            (e.letter_id, e.to_agency_id): e.at
            for e in session.exec(select(RoutingEvent).where(RoutingEvent.event == "sent"))
        }
        acted = {
            (e.letter_id, e.agency_id)
            for e in session.exec(select(RoutingEvent).where(RoutingEvent.event == "endorsed"))
        }
        acted |= {
            (letter.parent_id, letter.sender_agency_id)
            for letter in session.exec(select(Letter).where(Letter.parent_id.is_not(None)))  # type: ignore[union-attr]
        }
    per_level: dict[str, list[float]] = defaultdict(list)
    per_agency: dict[str, list[float]] = defaultdict(list)
    hops: list[SlowHop] = []
    report = StatsReport()
    for entry, letter in rows:
        agency = agencies.get(entry.agency_id)
        name = agency.name if agency else str(entry.agency_id)
        start = sent.get((letter.id, entry.agency_id))
        if start is None and letter.letter_date:
            start = datetime.combine(letter.letter_date, datetime.min.time())
        if start is not None and entry.remark != NO_DATE:
            hours = (entry.entry_at - start).total_seconds() / 3600
            per_level[agency.level if agency else "other"].append(hours)
            per_agency[name].append(hours)
            hops.append(SlowHop(letter.doc_no, name, round(hours, 1)))
        if letter.deadline and letter.deadline < today and (letter.id, entry.agency_id) not in acted:
            report.overdue.append(Overdue(letter.doc_no, name, letter.deadline, (today - letter.deadline).days))
    report.by_level = [
        LatencyRow(level, len(v), statistics.median(v), percentile(v, 0.9)) for level, v in sorted(per_level.items())
    ]
    report.by_agency = sorted(
        (LatencyRow(n, len(v), statistics.median(v), percentile(v, 0.9)) for n, v in per_agency.items()),
        key=lambda r: -r.median,
    )
    report.slowest = sorted(hops, key=lambda h: -h.hours)[:10]
    report.overdue.sort(key=lambda o: -o.days)
    return report

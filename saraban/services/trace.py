"""The whole cascade of a circular, from its first letter to every last recipient.

Whichever letter of the cascade is named, the trace walks up to the first letter, then down
level by level with one query per level (so a national cascade of ~950 letters and ~8,800
receipts takes a handful of queries). Each node carries its receipts, the latency of every
hop, and the expected recipients that have no receipt yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, select

from saraban.db.tables import Agency, Letter, RegisterEntry, RoutingEvent
from saraban.errors import NotFound
from saraban.services.context import Context
from saraban.services.importing import NO_DATE, NO_TIME
from saraban.services.letters_store import get_letter
from saraban.services.secrecy import hidden_from
from saraban.services.trace_hidden import (
    NOT_HIDDEN,
    event_stubs,
    hidden_by_number,
    hidden_parent,
    member_stubs,
    receipt_stubs,
)
from saraban.services.trace_recipients import chunks, expected_from_addressees
from saraban.thai.dates import format_thai_date
from saraban.thai.text import search_key


@dataclass
class Hop:
    """One receipt of a letter, with how long it took to arrive."""

    agency: str
    agency_id: int
    number: int | None
    at: datetime
    has_time: bool
    latency_hours: float | None

    def to_json(self) -> dict[str, object]:
        return {
            "agency": self.agency,
            "number": str(self.number) if self.number is not None else None,
            "date": self.at.date().isoformat(),
            "time": self.at.strftime("%H:%M") if self.has_time else None,
            "latency_hours": self.latency_hours,
        }


@dataclass
class TraceNode:
    """A letter of the cascade."""

    letter_id: int
    doc_no: str | None
    date: date | None
    subject: str | None
    sender_agency: str | None
    sender_agency_id: int | None
    parent_id: int | None
    parent: str | None
    link: str | None
    link_score: float | None
    depth: int
    issued_at: datetime | None
    forward_latency_hours: float | None = None
    """From the sender's receipt of the parent to this letter's issue."""
    receipts: list[Hop] = field(default_factory=list)
    expected: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    hidden: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "doc_no": self.doc_no,
            "date": self.date.isoformat() if self.date else None,
            "sender_agency": self.sender_agency,
            "parent": self.parent,
            "link": self.link,
            "link_score": self.link_score,
            "subject": self.subject,
            "depth": self.depth,
            "forward_latency_hours": self.forward_latency_hours,
            "receipts": [r.to_json() for r in self.receipts],
            "recipients_expected": len(self.expected),
            "recipients_pending": self.pending,
        }


@dataclass
class Trace:
    """A cascade: its first letter and every letter under it, parents before children."""

    root: TraceNode
    nodes: list[TraceNode]

    def to_json(self) -> dict[str, object]:
        return {"root": self.root.doc_no, "nodes": [n.to_json() for n in self.nodes]}

    def receipts(self) -> int:
        return sum(len(n.receipts) for n in self.nodes)

    def tree_lines(self, *, slow_hours: float = 48, plain: bool = False) -> list[str]:
        """The cascade drawn as a text tree (one line per letter, receipts summarised).

        Args:
            slow_hours: A hop slower than this is marked slow.
            plain: For printed reports: indentation instead of box-drawing characters and a
                worded mark instead of ⚠, which TH Sarabun New has no glyphs for.
        """
        children: dict[int | None, list[TraceNode]] = defaultdict(list)
        for node in self.nodes:
            children[node.parent_id].append(node)
        lines: list[str] = []
        slow = " (ช้า)" if plain else " ⚠ช้า"

        def walk(node: TraceNode, prefix: str, last: bool, top: bool) -> None:
            if plain:
                branch, inner = ("" if top else "– "), prefix + ("" if top else "\u00a0" * 6)
            else:
                branch = "" if top else ("└─ " if last else "├─ ")
                inner = prefix + ("" if top else ("   " if last else "│  "))
            lines.append(prefix + branch + _describe(node, slow_hours, slow))
            kids = children.get(node.letter_id, [])
            for hop in node.receipts[:3]:
                lines.append(inner + f"   รับ: {_describe_hop(hop, slow_hours, slow)}")
            if len(node.receipts) > 3:
                lines.append(inner + f"   … รับแล้วอีก {len(node.receipts) - 3} แห่ง")
            if node.pending:
                shown = ", ".join(node.pending[:5]) + (
                    f" … (+{len(node.pending) - 5})" if len(node.pending) > 5 else ""
                )
                lines.append(inner + f"   ยังไม่รับ {len(node.pending)} แห่ง: {shown}")
            for i, kid in enumerate(kids):
                walk(kid, inner, i == len(kids) - 1, False)

        walk(self.root, "", True, True)
        return lines

    def to_dot(self) -> str:
        """The cascade as Graphviz DOT: letters and the offices that received them."""
        out = ["digraph cascade {", "  rankdir=LR;", '  node [shape=box, fontname="TH Sarabun New"];']
        for node in self.nodes:
            label = f"{node.doc_no or '(ไม่มีเลข)'}\\n{node.sender_agency or ''}\\n{node.date or ''}"
            out.append(f'  L{node.letter_id} [label="{_dot_escape(label)}"];')
            if node.parent_id is not None:
                style = "" if node.link in (None, "exact", "issued", "written-on") else " [style=dashed]"
                out.append(f"  L{node.parent_id} -> L{node.letter_id}{style};")
            for hop in node.receipts:
                out.append(f'  A{hop.agency_id} [shape=ellipse, label="{_dot_escape(hop.agency)}"];')
                out.append(f'  L{node.letter_id} -> A{hop.agency_id} [label="{hop.number or ""}"];')
        out.append("}")
        return "\n".join(out)


def _dot_escape(text: str) -> str:
    return text.replace('"', '\\"')


def _hours(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value / 24:.1f} วัน" if value >= 48 else f"{value:.1f} ชม."


def _day(value: date | None) -> str:
    """A date as Thai people read it (๒๒ พ.ย. ๒๕๖๙ in Arabic digits: 22 พ.ย. 2569)."""
    return format_thai_date(value, digits="arabic", abbreviated=True) if value else "-"


def _describe(node: TraceNode, slow: float, slow_mark: str = " ⚠ช้า") -> str:
    link = f" [{node.link} {node.link_score}]" if node.link == "fuzzy" else ""
    forward = f" ส่งต่อหลังรับ {_hours(node.forward_latency_hours)}" if node.forward_latency_hours is not None else ""
    mark = slow_mark if node.forward_latency_hours is not None and node.forward_latency_hours > slow else ""
    return f"{node.doc_no or '(ไม่มีเลข)'} · {node.sender_agency or '?'} · {_day(node.date)}{forward}{mark}{link}"


def _describe_hop(hop: Hop, slow: float, slow_mark: str = " ⚠ช้า") -> str:
    mark = slow_mark if hop.latency_hours is not None and hop.latency_hours > slow else ""
    time = f" {hop.at:%H.%M} น." if hop.has_time else ""
    return (f"{hop.agency} เลขรับ {hop.number or '-'} {_day(hop.at.date())}{time} "
            f"(ใช้เวลา {_hours(hop.latency_hours)}){mark}")  # fmt: skip


def _root_of(session: Session, letter: Letter) -> int:
    """The first letter of the cascade, walking up through letters hidden from this login too."""
    current, parent, seen = letter.id or 0, letter.parent_id, {letter.id}
    while parent is not None and parent not in seen:
        found = session.get(Letter, parent)
        above = found.parent_id if found is not None else hidden_parent(session, parent)
        if above is NOT_HIDDEN:
            break
        seen.add(parent)
        current, parent = parent, above  # type: ignore[assignment]
    return current


@dataclass
class _Member:
    """The columns of a letter the trace needs (plain tuples load far faster than ORM objects)."""

    id: int
    doc_no: str | None
    letter_date: date | None
    subject: str | None
    sender_agency_id: int | None
    sender_text: str | None
    parent_id: int | None
    link_method: str | None
    link_score: float | None
    secrecy: str | None
    salutation: str | None
    recipients: list | None
    depth: int = 0
    stub: bool = False
    """Hidden from this login by the server: read from the content-free views."""


_MEMBER_COLUMNS = (
    Letter.id, Letter.doc_no, Letter.letter_date, Letter.subject, Letter.sender_agency_id, Letter.sender_text,
    Letter.parent_id, Letter.link_method, Letter.link_score, Letter.secrecy, Letter.salutation, Letter.recipients,
)  # fmt: skip


def cascade_letters(session: Session, root: int) -> list[_Member]:
    """The root and every letter under it, with depths, parents before children (one query per level)."""
    connection = session.connection()
    top = connection.execute(select(*_MEMBER_COLUMNS).where(Letter.id == root)).first()
    found = [_Member(*top) if top else _Member(*member_stubs(session, ids=[root])[0], stub=True)]
    level, depth, seen = [root], 0, {root}
    while level:
        depth += 1
        following: list[int] = []
        for chunk in chunks([i for i in level if i is not None]):
            query = select(*_MEMBER_COLUMNS).where(Letter.parent_id.in_(chunk)).order_by(Letter.id)  # type: ignore[union-attr]
            rows = [(row, False) for row in connection.execute(query)]
            rows += [(row, True) for row in member_stubs(session, parents=chunk)]
            for row, stub in sorted(rows, key=lambda pair: pair[0].id):
                if row.id not in seen:
                    seen.add(row.id)
                    found.append(_Member(*row, depth=depth, stub=stub))
                    following.append(row.id)
        level = following
    return found


@dataclass
class _Office:
    id: int
    name: str
    level: str
    parent_id: int | None


def _offices(session: Session, ids: Iterable[int | None]) -> dict[int, _Office]:
    connection = session.connection()
    found: dict[int, _Office] = {}
    for chunk in chunks(sorted({i for i in ids if i is not None})):
        query = select(Agency.id, Agency.name, Agency.level, Agency.parent_id).where(Agency.id.in_(chunk))  # type: ignore[union-attr]
        for row in connection.execute(query):
            found[row.id] = _Office(*row)
    return found


def build_trace(session: Session, letter: Letter, clearance: int = 3) -> Trace:
    """The cascade containing ``letter``."""
    connection = session.connection()
    root = _root_of(session, letter)
    members = cascade_letters(session, root)
    ids = [m.id for m in members]
    by_id = {m.id: m for m in members}
    receipts: dict[int, list[tuple]] = defaultdict(list)
    unnumbered: dict[int, list[tuple]] = defaultdict(list)
    sent: dict[int, list[tuple]] = defaultdict(list)
    for chunk in chunks(ids):
        query = select(
            RegisterEntry.letter_id,
            RegisterEntry.agency_id,
            RegisterEntry.number,
            RegisterEntry.entry_at,
            RegisterEntry.remark,
        ).where(RegisterEntry.letter_id.in_(chunk), RegisterEntry.book == "receive", RegisterEntry.void.is_(False))  # type: ignore[attr-defined]
        for row in connection.execute(query):
            receipts[row.letter_id].append(tuple(row))
        query = select(RoutingEvent.letter_id, RoutingEvent.event, RoutingEvent.agency_id, RoutingEvent.to_agency_id,
                       RoutingEvent.at).where(
            RoutingEvent.letter_id.in_(chunk),  # type: ignore[attr-defined]
            (RoutingEvent.event == "sent")
            | ((RoutingEvent.event == "received") & RoutingEvent.register_entry_id.is_(None)),  # type: ignore[union-attr]
        )  # fmt: skip
        for row in connection.execute(query):
            (sent if row.event == "sent" else unnumbered)[row.letter_id].append(tuple(row))
    stubs = [m.id for m in members if m.stub]
    for row in receipt_stubs(session, stubs):
        receipts[row.letter_id].append(tuple(row))
    for row in event_stubs(session, stubs):
        (sent if row.event == "sent" else unnumbered)[row.letter_id].append(tuple(row))
    from_addressees = expected_from_addressees(session, members)
    office_ids: set[int | None] = {m.sender_agency_id for m in members}
    office_ids |= {r[1] for rows in receipts.values() for r in rows}
    office_ids |= {e[2] for rows in unnumbered.values() for e in rows}
    office_ids |= {e[3] for rows in sent.values() for e in rows}
    office_ids |= {a for rows in from_addressees.values() for a in rows}
    office_ids |= {e.get("agency_id") for m in members for e in m.recipients or []}
    offices = _offices(session, office_ids)
    received_at: dict[tuple[int, int], datetime] = {}
    for letter_id, rows in receipts.items():
        for row in rows:
            key = (letter_id, row[1])
            if key not in received_at or row[3] < received_at[key]:
                received_at[key] = row[3]
    nodes: list[TraceNode] = []
    for member in members:
        sender = offices.get(member.sender_agency_id or -1)
        sent_events = sent.get(member.id, [])
        issued_at = min((e[4] for e in sent_events), default=None) or (
            datetime.combine(member.letter_date, datetime.min.time()) if member.letter_date else None
        )
        sent_to = {e[3]: e[4] for e in sent_events if e[3]}
        hidden = hidden_from(member.secrecy, clearance)
        parent = by_id.get(member.parent_id) if member.parent_id else None
        node = TraceNode(
            letter_id=member.id,
            doc_no=member.doc_no,
            date=member.letter_date,
            subject=None if hidden else member.subject,
            sender_agency=None if hidden else (sender.name if sender else member.sender_text),
            sender_agency_id=member.sender_agency_id,
            parent_id=member.parent_id,
            parent=parent.doc_no if parent else None,
            link=member.link_method,
            link_score=member.link_score,
            depth=member.depth,
            issued_at=issued_at,
            hidden=hidden,
        )
        if parent is not None and member.sender_agency_id and issued_at:
            got = received_at.get((parent.id, member.sender_agency_id))
            if got is not None:
                if sent_events:
                    node.forward_latency_hours = round((issued_at - got).total_seconds() / 3600, 1)
                else:
                    # Only the letter's date is known: count whole days, never a negative time.
                    node.forward_latency_hours = max(0, (issued_at.date() - got.date()).days) * 24.0
        for _letter, agency_id, number, entry_at, remark in sorted(receipts.get(member.id, []), key=lambda r: r[3]):
            start = sent_to.get(agency_id, issued_at)
            dated = remark != NO_DATE
            node.receipts.append(
                Hop(
                    offices[agency_id].name,
                    agency_id,
                    number,
                    entry_at,
                    remark not in (NO_TIME, NO_DATE),
                    round((entry_at - start).total_seconds() / 3600, 1) if start and dated else None,
                )
            )
        for _letter, _event, agency_id, _to, at in unnumbered.get(member.id, []):
            node.receipts.append(Hop(offices[agency_id].name, agency_id, None, at, False, None))
        expected = list(sent_to)
        if not expected and not hidden:  # a secret letter's addressees are its content
            expected = [e.get("agency_id") for e in member.recipients or [] if e.get("agency_id")]
            expected = expected or from_addressees.get(member.id, [])
        got_ids = {hop.agency_id for hop in node.receipts}
        node.expected = [offices[a].name for a in expected if a in offices]
        node.pending = sorted(offices[a].name for a in expected if a in offices and a not in got_ids)
        nodes.append(node)
    return Trace(nodes[0], nodes)


def trace(ctx: Context, doc_no: str) -> Trace:
    """The cascade containing the letter with this number (``saraban trace``)."""
    with ctx.reading() as session:
        try:
            letter = get_letter(session, doc_no, ctx.actor.clearance)
        except NotFound:
            # A letter the server hides from this login: its cascade is traced through it, as
            # SQLite's saraban shows it to someone not cleared (number, date, hops; no content).
            hidden = hidden_by_number(session, search_key(doc_no))
            if hidden is None:
                raise
            letter = Letter(id=hidden.id, parent_id=hidden.parent_id)
        return build_trace(session, letter, ctx.actor.clearance)

"""Which letters a forward must issue, which it must only finish, and which it would repeat.

A forward takes all its numbers in one transaction, with the path of each letter's file, and
writes the files afterwards. Killed in between, it leaves letters whose file is missing; run
again, the same forward finds them here and writes the missing files under the same numbers.
Run again after it finished, it would send a second circular to the same offices: that is
refused (showing the first) unless the secretary says it is meant (``again``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlmodel import Session, select

from saraban.db.tables import Agency, Letter
from saraban.errors import SarabanError
from saraban.services.directory import resolve_agency
from saraban.thai.dates import format_thai_date


class AlreadyForwarded(SarabanError):
    """The letter was already forwarded to these offices; the message shows the first forward."""

    def __init__(self, message: str, first: list[Letter]) -> None:
        super().__init__(message)
        self.first = first


@dataclass
class ForwardPlan:
    """The groups of recipients (agency ids) split by what a forward must do for them."""

    new: list[list[int]] = field(default_factory=list)
    """Groups no letter was issued to yet: number them."""
    unfinished: list[Letter] = field(default_factory=list)
    """Letters issued by an interrupted run of this forward, whose file is missing."""
    done: list[Letter] = field(default_factory=list)
    """Letters issued and written already, to some of the same offices."""


def _recipient_ids(letter: Letter) -> frozenset[int]:
    return frozenset(int(r["agency_id"]) for r in letter.recipients or [] if r.get("agency_id"))


def file_written(letter: Letter) -> bool:
    """Whether the letter's file is where saraban recorded it (a file appears only when whole)."""
    return bool(letter.source_path) and Path(letter.source_path or "").is_file()


def plan_forward(session: Session, source_id: int, sender_id: int, groups: list[list[int]], again: bool) -> ForwardPlan:
    """Match the groups against the letters this sender already issued from this source.

    Args:
        session: An open session.
        source_id: The letter being forwarded.
        sender_id: The forwarding office.
        groups: The recipients of each letter to issue (one group for a circular).
        again: The secretary means to forward again: every group is new.
    """
    plan = ForwardPlan()
    if again:
        # A forward killed part-way is finished first, under the numbers it took (#28): a new
        # circular only once the first is complete, never numbers left without their letters.
        first = plan_forward(session, source_id, sender_id, groups, again=False)
        if first.unfinished:
            return ForwardPlan(unfinished=first.unfinished)
        plan.new = groups
        return plan
    issued = session.exec(
        select(Letter)
        .where(Letter.parent_id == source_id, Letter.sender_agency_id == sender_id, Letter.link_method == "issued")
        .order_by(Letter.id)  # type: ignore[arg-type]
    ).all()
    by_group = {_recipient_ids(letter): letter for letter in issued}
    reached = {agency for letter in issued if file_written(letter) for agency in _recipient_ids(letter)}
    for group in groups:
        letter = by_group.get(frozenset(group))
        if letter is None:
            plan.new.append(group)
            if reached & set(group):
                plan.done += [x for x in issued if file_written(x) and _recipient_ids(x) & set(group)]
        elif file_written(letter):
            plan.done.append(letter)
        else:
            plan.unfinished.append(letter)
    return plan


def refuse_repeat(plan: ForwardPlan) -> None:
    """Refuse a forward that would only repeat finished ones.

    An interrupted run is finished quietly (its unfinished letters); a run where every
    office already has its letter, or where new letters would go to offices that already
    have one, is a repeat.

    Raises:
        AlreadyForwarded: Showing the first forward's numbers and dates.
    """
    if plan.unfinished or not plan.done:
        return
    first = list({x.id: x for x in plan.done}.values())

    def dated(letter: Letter) -> str:
        return format_thai_date(letter.letter_date, digits="arabic", abbreviated=True) if letter.letter_date else "-"

    def offices(letter: Letter) -> str:
        names = [str(r.get("name")) for r in letter.recipients or [] if r.get("name")]
        listed = ", ".join(names[:4]) + (f" และอีก {len(names) - 4} แห่ง" if len(names) > 4 else "")
        return f"ถึง {len(letter.recipients or [])} แห่ง" + (f" ({listed})" if listed else "")

    shown = "; ".join(f"ที่ {x.doc_no} ลงวันที่ {dated(x)} {offices(x)}" for x in first[:3])
    more = f" และอีก {len(first) - 3} ฉบับ" if len(first) > 3 else ""
    raise AlreadyForwarded(f"ส่งต่อหนังสือนี้ถึงหน่วยงานเหล่านี้แล้ว: {shown}{more}; ถ้าตั้งใจส่งซ้ำ ให้ยืนยัน (--again)", first)


def recipients_of(session: Session, sender: Agency, names: list[str], all_children: bool) -> list[Agency]:
    """The agencies a forward goes to: named ones, and all the sender's children if asked."""
    found: dict[int, Agency] = {}
    for name in names:
        agency = resolve_agency(session, name)
        found[agency.id] = agency  # type: ignore[index]
    if all_children:
        for child in session.exec(select(Agency).where(Agency.parent_id == sender.id).order_by(Agency.name)):
            found[child.id] = child  # type: ignore[index]
    found.pop(sender.id, None)  # type: ignore[arg-type]
    return list(found.values())


def forward_deadline(parent: date | None, sent: date, days_earlier: int) -> date | None:
    """The deadline a forward passes down: earlier than the parent's by ``days_earlier``, so
    each level has time to collect its answers; never before the day of sending (then the
    parent's own date stands, and the clerk may set another). A deadline already past is not
    passed down at all: asking for a report by a day gone by is no request (the clerk sets a
    new one, and is told so)."""
    if parent is None or parent < sent:
        return None
    shifted = parent - timedelta(days=max(0, days_earlier))
    return shifted if shifted > sent else parent

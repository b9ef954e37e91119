"""Whom a letter of a cascade was meant to reach, when it names no recipient list.

An addressee such as "ผู้ว่าราชการจังหวัด ทุกจังหวัด", "นายอำเภอ ทุกอำเภอ" or "… ทุกแห่ง" stands
for every province, every district under the sender, or every local body under it; the
directory resolves them, for all the letters of a trace at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlmodel import Session, select

from saraban.db.tables import Agency

_CHUNK = 500


def chunks(ids: list[int]) -> Iterable[list[int]]:
    """``ids`` in slices small enough for one ``IN (…)`` each."""
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def expected_from_addressees(session: Session, members: Sequence[Any]) -> dict[int, list[int]]:
    """Recipients implied by "… ทุกจังหวัด" / "… ทุกอำเภอ" / "… ทุกแห่ง" addressees, for every letter at once."""
    connection = session.connection()
    wanted: dict[int, str] = {}
    for member in members:
        to = member.salutation or ""
        if "ทุกจังหวัด" in to:
            wanted[member.id] = "province"
        elif member.sender_agency_id and "ทุกอำเภอ" in to:
            wanted[member.id] = "district"
        elif member.sender_agency_id and "ทุกแห่ง" in to:
            wanted[member.id] = "local"
    if not wanted:
        return {}
    provinces: list[int] = []
    if "province" in wanted.values():
        query = select(Agency.id).where(Agency.level == "province", Agency.parent_id.is_not(None))  # type: ignore[union-attr]
        provinces = [row.id for row in connection.execute(query)]
    senders = {m.sender_agency_id for m in members if wanted.get(m.id) in ("district", "local")}
    children: dict[tuple[int, str], list[int]] = defaultdict(list)
    for chunk in chunks(sorted(s for s in senders if s is not None)):
        query = select(Agency.id, Agency.parent_id, Agency.level).where(Agency.parent_id.in_(chunk))  # type: ignore[union-attr]
        for row in connection.execute(query):
            children[(row.parent_id, row.level)].append(row.id)
    expected: dict[int, list[int]] = {}
    for member in members:
        kind = wanted.get(member.id)
        if kind == "province":
            expected[member.id] = provinces
        elif kind:
            expected[member.id] = children.get((member.sender_agency_id or -1, kind), [])
    return expected

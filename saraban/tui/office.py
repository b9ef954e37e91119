"""The office the app works for, and how it is chosen."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from saraban.db.tables import Agency, RegisterEntry
from saraban.services.context import Context
from saraban.services.directory import resolve_agency


@dataclass
class Office:
    """The office the app works for."""

    id: int
    name: str
    short_name: str | None
    code: str | None

    @property
    def query(self) -> str:
        """How services are told which office (its id)."""
        return str(self.id)

    @classmethod
    def of(cls, agency: Agency) -> Office:
        assert agency.id is not None
        return cls(agency.id, agency.name, agency.short_name, agency.code)


def office_for(context: Context, typed: str) -> Office:
    """The office a person named by letter code or name (worker thread).

    Raises:
        NotFound, Ambiguous: As the directory says, in Thai.
    """
    with context.reading() as session:
        return Office.of(resolve_agency(session, typed.strip()))


def starting_office(context: Context, session: Session) -> Office:
    """The office the app opens on: the settings', else the user's own, else the office whose
    register was written last (an auditor, who belongs to none, sees work at once)."""
    actor = context.actor
    agency = None
    if context.settings.office:
        agency = resolve_agency(session, context.settings.office)
    elif actor.agency_id:
        agency = session.get(Agency, actor.agency_id)
    if agency is None:
        last = session.exec(select(RegisterEntry.agency_id).order_by(RegisterEntry.id.desc()).limit(1)).first()  # type: ignore[union-attr]
        agency = session.get(Agency, last) if last else None
    if agency is None:
        agency = session.exec(select(Agency).where(Agency.level == "department")).first()
    assert agency is not None
    return Office.of(agency)

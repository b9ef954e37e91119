"""Users, roles and clearance; who the acting user is."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from saraban.db.tables import ROLES, SECRECY_LEVELS, Agency, User
from saraban.errors import Ambiguous, InvalidInput, NotFound
from saraban.services.context import Actor, Context
from saraban.services.directory import resolve_agency

CLEARANCES = {name: level for name, level in SECRECY_LEVELS.items() if name}


@dataclass
class UserView:
    """A user as the shells show it."""

    name: str
    role: str
    agency: str | None
    clearance: str | None

    def to_json(self) -> dict[str, object]:
        return dict(self.__dict__)


def _clearance_name(level: int) -> str | None:
    return next((name for name, value in CLEARANCES.items() if value == level), None)


def add_user(session: Session, name: str, role: str, agency: str | None = None, clearance: str | None = None) -> User:
    """Add a user.

    Raises:
        InvalidInput: Unknown role or clearance, or the name is taken.
    """
    if role not in ROLES:
        raise InvalidInput(f"บทบาท '{role}' ไม่ถูกต้อง; ใช้ {', '.join(ROLES)}")
    if clearance and clearance not in CLEARANCES:
        raise InvalidInput(f"ชั้นความลับ '{clearance}' ไม่ถูกต้อง; ใช้ {', '.join(CLEARANCES)}")
    if session.exec(select(User).where(User.name == name)).first():
        raise InvalidInput(f"มีผู้ใช้ชื่อ '{name}' อยู่แล้ว")
    office = resolve_agency(session, agency) if agency else None
    user = User(
        name=name,
        role=role,
        agency_id=office.id if office else None,
        clearance=CLEARANCES.get(clearance or "", 0),
    )
    session.add(user)
    session.flush()
    return user


def list_users(session: Session) -> list[UserView]:
    """Every user, by name."""
    agencies = {
        a.id: a.name
        for a in session.exec(
            select(Agency).where(
                Agency.id.in_(  # type: ignore[union-attr]
                    select(User.agency_id)
                )
            )
        )
    }
    return [
        UserView(u.name, u.role, agencies.get(u.agency_id), _clearance_name(u.clearance))
        for u in session.exec(select(User).order_by(User.name))
    ]


def resolve_actor(ctx: Context) -> Actor:
    """The acting user; on a database with no users the first one becomes a clerk of the office.

    When the name is not found, the decision is taken again inside the ledger lock: another
    clerk may be creating the first user at this very moment, and two separate reads could
    otherwise see "no such user" and then "someone exists" and lock this one out.
    """
    with ctx.reading() as session:
        user = session.exec(select(User).where(User.name == ctx.user_name)).first()
    if user is None:
        with ctx.writing(require_writer=False) as session:
            user = session.exec(select(User).where(User.name == ctx.user_name)).first()
            if user is None and session.exec(select(User).limit(1)).first() is None:
                user = add_user(session, ctx.user_name, "clerk")
                if ctx.settings.office:
                    try:
                        user.agency_id = resolve_agency(session, ctx.settings.office).id
                    except (NotFound, Ambiguous):
                        pass  # an office not in the directory yet must not lock the first user out
                    session.add(user)
    if user is None:
        return Actor(ctx.user_name, "guest", None, 0, known=False)
    return Actor(user.name, user.role, user.agency_id, user.clearance)

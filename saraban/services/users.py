"""Users, roles and clearance; who the acting user is."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from saraban.db.tables import ROLES, SECRECY_LEVELS, Agency, User
from saraban.errors import Ambiguous, InvalidInput, NotFound, PermissionDenied
from saraban.services.context import Actor, Context
from saraban.services.directory import resolve_agency
from saraban.services.identity import (
    OsLogin,
    Throttle,
    hash_password,
    may_act_as,
    password_matches,
    refuse_impersonation,
)

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


def add_user(
    session: Session,
    name: str,
    role: str,
    agency: str | None = None,
    clearance: str | None = None,
    login: str | None = None,
) -> User:
    """Add a user.

    Args:
        login: The operating-system login this person uses (one user per login).

    Raises:
        InvalidInput: Unknown role or clearance, or the name or login is taken.
    """
    agency_id, level = _checked(session, role, agency, clearance)
    if session.exec(select(User).where(User.name == name)).first():
        raise InvalidInput(f"มีผู้ใช้ชื่อ '{name}' อยู่แล้ว")
    if login and session.exec(select(User).where(User.login == login)).first():
        raise InvalidInput(f"บัญชีเครื่อง '{login}' ผูกกับผู้ใช้อื่นแล้ว")
    user = User(name=name, role=role, agency_id=agency_id, clearance=level, login=login or None)
    session.add(user)
    session.flush()
    return user


def _checked(session: Session, role: str, agency: str | None, clearance: str | None) -> tuple[int | None, int]:
    """The office's id and the clearance level of a user to be, or why they cannot be."""
    if role not in ROLES:
        raise InvalidInput(f"บทบาท '{role}' ไม่ถูกต้อง; ใช้ {', '.join(ROLES)}")
    if clearance and clearance not in CLEARANCES:
        raise InvalidInput(f"ชั้นความลับ '{clearance}' ไม่ถูกต้อง; ใช้ {', '.join(CLEARANCES)}")
    office = resolve_agency(session, agency) if agency else None
    return (office.id if office else None), CLEARANCES.get(clearance or "", 0)


def create_user(ctx: Context, name: str, role: str, **details: str | None) -> User:
    """An administrator adds a person (``users add``; ``details`` as for :func:`add_user`); on
    PostgreSQL their login is made a database login in the group of their role, so the server
    itself enforces it."""
    login = details.get("login")
    with ctx.administering("เพิ่มผู้ใช้") as session:
        first = _day_one_self(session, ctx.actor, login)
        if first is not None and not session.exec(select(User).where(User.name == name)).first():
            # The first person names themself: the user saraban made for their login when
            # they first opened the database is this very person, who takes the name and role.
            first.agency_id, first.clearance = _checked(session, role, details.get("agency"), details.get("clearance"))
            first.name, first.role = name, role
            session.add(first)
            session.flush()
            user = first
        else:
            user = add_user(session, name, role, **details)
        if login and ctx.engine.dialect.name == "postgresql":
            from sqlalchemy.exc import DBAPIError

            from saraban.db.pg_roles import ensure_login

            try:
                ensure_login(session.connection(), login, role)
            except DBAPIError as exc:  # e.g. the administrator's own login lacks CREATEROLE
                reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
                raise PermissionDenied(f"สร้างบัญชีฐานข้อมูล '{login}' ไม่ได้: {reason}") from exc
        return user


def _day_one_self(session: Session, actor: Actor, login: str | None) -> User | None:
    """The first user, made by saraban for the login at the keyboard, when that login is being
    given to a person on day one (before any administrator): the same person, not another."""
    if not login or session.exec(select(User.id).where(User.role == "admin").limit(1)).first() is not None:
        return None
    tied = session.exec(select(User).where(User.login == login)).first()
    first = session.exec(select(User).order_by(User.id).limit(1)).first()  # type: ignore[arg-type]
    if tied is None or first is None or tied.id != first.id or tied.name != actor.name:
        return None
    return tied if tied.role == "clerk" and tied.name == login else None


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
    """The acting user, checked against who is at the keyboard (see :mod:`saraban.services.identity`).

    On a database with no users, the first one becomes a clerk of the office, tied to the
    login that created it. When the name is not found, that decision is taken again inside
    the ledger lock: another clerk may be creating the first user at this very moment.

    Raises:
        PermissionDenied: ``--user`` names another login's user, or (``login = "password"``)
            the password is wrong or missing.
    """
    if ctx.settings.login == "password":
        return _password_actor(ctx)
    login = ctx.os_login
    if ctx.engine.dialect.name == "postgresql":
        # The person is the database login the server reports, whatever the machine's account.
        from saraban.db.pg_roles import who_is_connected

        with ctx.engine.connect() as connection:
            name, above = who_is_connected(connection)
        login = OsLogin(name, above)
    bare = (login.name, ctx.os_login.name)  # what the name is when no --user was given
    with ctx.reading() as session:
        user = _user_for(session, ctx.user_name, login.name, bare)
    if user is None:
        with ctx.writing(require_writer=False) as session:
            user = _user_for(session, ctx.user_name, login.name, bare)
            if user is None and session.exec(select(User).limit(1)).first() is None:
                user = add_user(session, ctx.user_name, "clerk", login=login.name)
                if ctx.settings.office:
                    try:
                        user.agency_id = resolve_agency(session, ctx.settings.office).id
                    except (NotFound, Ambiguous):
                        pass  # an office not in the directory yet must not lock the first user out
                    session.add(user)
    if user is None:
        return Actor(ctx.user_name, "guest", None, 0, known=False)
    if not may_act_as(user.name, user.login, login):
        raise refuse_impersonation(ctx.user_name, login, user.login)
    return Actor(user.name, user.role, user.agency_id, user.clearance)


def _user_for(session: Session, name: str, login: str, bare: tuple[str, ...]) -> User | None:
    """The user named ``name``; for a bare login name (one of ``bare``: no ``--user`` was given,
    so the name is the machine's login or, on PostgreSQL, the database login), the user tied to
    ``login``."""
    if name in bare:
        # No --user: the person is whoever the login is tied to (on PostgreSQL the database
        # login decides), before any user who merely has the login's name.
        tied = session.exec(select(User).where(User.login == login)).first()
        if tied is not None:
            return tied
    return session.exec(select(User).where(User.name == name)).first()


def _password_actor(ctx: Context) -> Actor:
    wrong = PermissionDenied("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง (ตั้งรหัสผ่านด้วย saraban users passwd)")
    if not ctx.password:
        raise PermissionDenied(f"ต้องเข้าระบบด้วยรหัสผ่าน: ใส่รหัสผ่านของ {ctx.user_name} (หรือ SARABAN_PASSWORD)")
    throttle = Throttle(str(ctx.engine.url), ctx.user_name)
    until = throttle.wait_until()
    if until is not None:
        from datetime import datetime

        from saraban.thai.dates import BANGKOK

        at = datetime.fromtimestamp(until, BANGKOK)
        raise PermissionDenied(f"ใส่รหัสผ่านของ {ctx.user_name} ผิดหลายครั้ง: ลองใหม่ได้หลังเวลา {at:%H.%M.%S} น.")
    with ctx.reading() as session:
        user = session.exec(select(User).where(User.name == ctx.user_name)).first()
    if user is None or not password_matches(ctx.password, user.password_hash):
        throttle.failed()
        raise wrong
    throttle.succeeded()
    return Actor(user.name, user.role, user.agency_id, user.clearance)


def set_password(ctx: Context, name: str, password: str) -> None:
    """Set a user's password: an administrator for anyone, a user for themselves.

    Raises:
        PermissionDenied: Someone else's password, and not an administrator.
        InvalidInput: Too short.
        NotFound: No such user.
    """
    hashed = hash_password(password)
    if ctx.actor.known and ctx.actor.name == name:
        manage = ctx.writing(require_writer=False)
    else:
        manage = ctx.administering("ตั้งรหัสผ่านให้ผู้อื่น")
    with manage as session:
        user = session.exec(select(User).where(User.name == name)).first()
        if user is None:
            raise NotFound(f"ไม่มีผู้ใช้ '{name}'")
        user.password_hash = hashed
        session.add(user)
        if user.login and ctx.engine.dialect.name == "postgresql":
            from saraban.db.pg_roles import set_login_password

            set_login_password(session.connection(), user.login, password)

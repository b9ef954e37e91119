"""The composition root: settings, the engine and the acting user, built in one place.

The CLI, the terminal app, the demo and the tests all call :func:`open_context`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from saraban.db.engine import make_engine, writer
from saraban.db.migrate import ensure_current
from saraban.db.tables import ChainHead
from saraban.errors import PermissionDenied
from saraban.services import ledger_watch  # noqa: F401 (every flush of a covered row is ledgered)
from saraban.services.identity import OsLogin
from saraban.settings import Settings, load_settings

WRITER_ROLES = frozenset({"clerk", "secretary"})
"""Roles that work registers and letters."""
ROLE_NAMES = {"admin": "ผู้ดูแลระบบ", "clerk": "เจ้าหน้าที่สารบรรณ", "secretary": "เลขานุการ", "auditor": "ผู้ตรวจสอบ",
              "guest": "ผู้ไม่มีบัญชี", "system": "ระบบ"}  # fmt: skip


@dataclass(frozen=True)
class Actor:
    """Who is acting: every record keeps the name and role."""

    name: str
    role: str
    agency_id: int | None = None
    clearance: int = 0
    known: bool = True
    """False for a login name that is not a saraban user (read-only, no clearance)."""


@dataclass
class Context:
    """Settings, engine and actor: what every service function needs."""

    settings: Settings
    engine: Engine
    user_name: str
    _actor: Actor | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    """The password given at login, when ``settings.login`` is ``password``."""
    os_login: OsLogin = field(default_factory=OsLogin.current)
    """The operating-system account running saraban (who may act as whom)."""
    demo: bool = False
    """Opened on the demo database because the office has none of its own yet (see
    :func:`choose_database`); the shells say so on every command."""

    @property
    def actor(self) -> Actor:
        """The acting user, created as the first clerk on a fresh database."""
        if self._actor is None:
            from saraban.services.users import resolve_actor

            self._actor = resolve_actor(self)
        return self._actor

    def refresh_actor(self) -> None:
        """Forget the cached actor (after users change)."""
        self._actor = None

    def log_in(self, name: str, password: str) -> Actor:
        """Act as ``name`` if ``password`` is theirs (the terminal app's login screen).

        Raises:
            PermissionDenied: The name or the password is wrong (the message does not say which).
        """
        self.user_name, self.password, self._actor = name.strip(), password, None
        return self.actor

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; objects are expunged-safe after commit."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def writing(self, *, require_writer: bool = True) -> Iterator[Session]:
        """A write transaction that holds the ledger lock until commit.

        On SQLite the transaction begins IMMEDIATE (one writer at a time); on PostgreSQL
        the ledger's head row is locked ``FOR UPDATE``. Either way, register numbers and
        the hash chain are taken by one clerk at a time, so none is repeated or skipped.

        Raises:
            PermissionDenied: The actor's role may not change records (e.g. an auditor).
        """
        actor = self.require_writer() if require_writer else self._actor
        with Session(writer(self.engine), expire_on_commit=False) as session, session.begin():
            session.exec(select(ChainHead).where(ChainHead.id == 1).with_for_update()).one()
            session.info["saraban_locked"] = True
            session.info["saraban_actor"] = actor or Actor(self.user_name, "system")
            yield session

    def require_role(self, roles: set[str] | frozenset[str], what: str) -> Actor:
        """The actor, if their role is one of ``roles``.

        Raises:
            PermissionDenied: Naming what was refused and which roles may do it.
        """
        actor = self.actor
        if not actor.known or actor.role not in roles:
            who = f"'{actor.name}'" + (f" ({ROLE_NAMES.get(actor.role, actor.role)})" if actor.known else "")
            allowed = ", ".join(ROLE_NAMES.get(r, r) for r in sorted(roles))
            raise PermissionDenied(f"{who} {what}ไม่ได้: ทำได้เฉพาะ {allowed}")
        return actor

    def require_writer(self) -> Actor:
        """The actor, if their role may change records."""
        actor = self.actor
        if not actor.known:
            raise PermissionDenied(
                f"'{actor.name}' ไม่ใช่ผู้ใช้ของ saraban; ให้ผู้ดูแลเพิ่มด้วย saraban users add {actor.name} --role clerk"
            )
        if actor.role not in WRITER_ROLES:
            raise PermissionDenied(
                f"ผู้ใช้ '{actor.name}' มีบทบาท {actor.role} ซึ่งอ่านได้อย่างเดียว (read-only) จึงทำรายการนี้ไม่ได้"
            )
        return actor


    def require_admin(self, what: str) -> Actor:
        """The actor, if an administrator (users, agencies, settings, keys).

        Until a database has an administrator, its first user is one: on day one somebody
        must be able to name the administrators, and it is whoever opened the database first.

        Raises:
            PermissionDenied: Naming what was refused.
        """
        actor = self.actor
        if not actor.known:
            self.require_writer()  # the message for a login that is not a saraban user
        if actor.role == "admin" or self._first_user_before_any_admin(actor):
            return actor
        role = ROLE_NAMES.get(actor.role, actor.role)
        raise PermissionDenied(f"'{actor.name}' ({role}) {what}ไม่ได้: ทำได้เฉพาะผู้ดูแลระบบ (admin)")

    def _first_user_before_any_admin(self, actor: Actor) -> bool:
        from saraban.db.tables import User

        with self.reading() as session:
            if session.exec(select(User.id).where(User.role == "admin").limit(1)).first() is not None:
                return False
            return session.exec(select(User.name).order_by(User.id).limit(1)).first() == actor.name  # type: ignore[arg-type]

    @contextmanager
    def administering(self, what: str) -> Iterator[Session]:
        """A write transaction for an administrator's work (see :meth:`require_admin`)."""
        actor = self.require_admin(what)
        with self.writing(require_writer=False) as session:
            session.info["saraban_actor"] = actor
            yield session


def default_user_name(explicit: str | None, settings: Settings) -> str:
    """The acting user's name: ``--user``, ``SARABAN_USER``, the settings, then the OS login."""
    if explicit:
        return explicit
    if settings.user:
        return settings.user
    return OsLogin.current().name


def open_context(
    db_url: str | None = None,
    user: str | None = None,
    settings: Settings | None = None,
    *,
    migrate: bool = True,
    password: str | None = None,
) -> Context:
    """Open saraban's database (migrating it to head) and return the context.

    Args:
        db_url: Database URL; defaults to the settings, then the embedded SQLite file.
        user: Acting user's name; defaults as in :func:`default_user_name`.
        settings: Settings to use instead of reading the file and environment.
        migrate: Upgrade the database to the newest revision (always, except for tests of
            the migrations themselves).
        password: The user's password, when the settings say ``login = "password"``.
    """
    settings = settings or load_settings()
    if db_url:
        settings.database_url = db_url
    demo = choose_database(settings)
    engine = make_engine(settings.database_url)
    demo = demo or _is_demo(engine)
    if migrate:
        ensure_current(engine)
        from saraban.services.directory import ensure_directory

        ensure_directory(engine)
    return Context(settings, engine, default_user_name(user, settings), password=password, demo=demo)


def _is_demo(engine: Engine) -> bool:
    from pathlib import Path

    from saraban import paths

    database = engine.url.database if engine.dialect.name == "sqlite" else None
    return bool(database) and Path(str(database)).resolve() == paths.demo_db_path().resolve()


def choose_database(settings: Settings) -> bool:
    """Open the demo when nothing else is configured and the office has no database yet.

    After ``make demo`` a newcomer's ``saraban register …`` should show the letters the app
    just showed, not an empty new file. Once the office has its own database (``saraban db
    init``, or a configured URL) the demo is never chosen again. Returns whether it was.
    """
    from saraban import paths

    if settings.database_url or paths.default_db_path().exists() or not paths.demo_db_path().exists():
        return False
    settings.database_url = f"sqlite:///{paths.demo_db_path()}"
    settings.office = settings.office or paths.DEMO_OFFICE
    return True

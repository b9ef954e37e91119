"""Engines for SQLite (embedded default) and PostgreSQL (an office with many clerks).

SQLite runs in WAL mode with foreign keys on. Its writers begin with ``BEGIN IMMEDIATE`` so
that two clerks taking a register number queue up instead of failing half-way; on
PostgreSQL writers lock the ledger's head row instead (see ``saraban.services.ledger``).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import create_engine

from saraban import paths
from saraban.errors import InvalidInput

_BUSY_TIMEOUT_MS = 60_000
IMMEDIATE = {"saraban_immediate": True}


def normalise_url(url: str | None) -> str:
    """A SQLAlchemy URL from what a person configures.

    ``None`` means the embedded SQLite file; a bare path means a SQLite file there;
    ``postgresql://`` and ``postgres://`` URLs use psycopg 3 without naming it.
    """
    if not url:
        return f"sqlite:///{paths.default_db_path()}"
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


def make_engine(url: str | None) -> Engine:
    """Build an engine for a URL (see :func:`normalise_url`).

    Raises:
        InvalidInput: The URL is malformed or names a database saraban does not support.
    """
    try:
        sa_url = make_url(normalise_url(url))
    except Exception as exc:  # SQLAlchemy raises ArgumentError with a terse message
        raise InvalidInput(f"URL ฐานข้อมูลไม่ถูกต้อง: {url!r}") from exc
    backend = sa_url.get_backend_name()
    if backend == "sqlite":
        if sa_url.database and sa_url.database != ":memory:":
            Path(sa_url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(sa_url, connect_args={"timeout": _BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    if backend == "postgresql":
        return create_engine(sa_url, pool_pre_ping=True)
    raise InvalidInput(f"saraban ใช้ได้กับ SQLite และ PostgreSQL เท่านั้น ไม่ใช่ {backend}")


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy's "begin" event, not the driver, decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        immediate = connection.get_execution_options().get("saraban_immediate")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def writer(engine: Engine) -> Engine:
    """The same engine, but its transactions take the write lock at once (SQLite)."""
    return engine.execution_options(**IMMEDIATE)


def is_sqlite(engine: Engine) -> bool:
    """Whether the engine talks to SQLite."""
    return engine.dialect.name == "sqlite"

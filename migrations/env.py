"""Alembic environment: saraban passes the connection in; the CLI path builds one from settings."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import saraban.db.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

target_metadata = SQLModel.metadata


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    from saraban.db.engine import make_engine
    from saraban.settings import load_settings

    engine = make_engine(context.config.get_main_option("sqlalchemy.url") or load_settings().database_url)
    with engine.begin() as conn:
        _run(conn)

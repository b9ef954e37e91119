"""Alembic environment: saraban passes the connection in; the CLI path builds one from settings."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import saraban.db.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

target_metadata = SQLModel.metadata

SERVER_ONLY = {("table", "row_change"), ("column", "audit_record.txid"), ("index", "ix_audit_record_txid"),
               ("index", "ix_row_change_txid")}  # fmt: skip
"""What PostgreSQL keeps by itself (0016: the server's notes of row changes and the transaction
of each ledger record): written by triggers and defaults, never by a model, so not compared."""


def _include(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    if type_ == "column":
        name = f"{obj.table.name}.{name}"
    return (type_, name) not in SERVER_ONLY


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=_include,
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

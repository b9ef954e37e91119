"""A PostgreSQL office whose people are database logins: the fixture the PostgreSQL identity
and row-secrecy tests share."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from saraban.cli import app
from saraban.services.context import open_context
from tests.conftest import _counter

NAN = "นน 0023"


@pytest.fixture
def pg_office(postgres):  # type: ignore[no-untyped-def]
    """An office on a fresh PostgreSQL database: owner boss, admin boss2, clerk1 (no clearance),
    aud1 (auditor, no clearance), aud2 (auditor cleared to ลับมาก) and sec1 (secretary cleared
    to ลับมาก), each with the login ``<name>_db``."""
    if postgres is None:
        pytest.fail("PostgreSQL server binaries are needed for this test")
    url = postgres.create_database(f"ident{os.getpid()}_{next(_counter)}")
    owner = open_context(url, user="boss")  # the DBA's login opens it first: boss, tied to it, names the rest
    _ = owner.actor
    run = CliRunner()
    people = (("boss", "boss2", "admin", "boss2_db", ()), ("boss2", "clerk1", "clerk", "clerk1_db", ()),
              ("boss2", "aud1", "auditor", "aud1_db", ()),
              ("boss2", "aud2", "auditor", "aud2_db", ("--clearance", "ลับมาก")),
              ("boss2", "sec1", "secretary", "sec1_db", ("--clearance", "ลับมาก")))  # fmt: skip
    for by, name, role, login, more in people:  # the first admin named, only admins add people
        args = ["users", "add", name, "--role", role, "--agency", NAN, "--login", login, *more]
        result = run.invoke(app, ["--db", url, "--user", by, *args])
        assert result.exit_code == 0, result.output
    owner.engine.dispose()
    return url


def _as(url: str, login: str) -> str:
    """The office's URL, connecting as ``login``."""
    return url.replace("://saraban@", f"://{login}@", 1)

"""On PostgreSQL the person is the database login, and the server enforces roles (#10 finding 1).

An administrator adds people with their database logins; saraban reads who is connected
from the server. An auditor's login can only read — plain SQL included — and nobody's plain
SQL can rewrite or delete the ledger.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from saraban.cli import app
from saraban.services.context import open_context
from saraban.services.registers import receive
from tests.services.helpers import as_login, parsed

NAN = "นน 0023"


def test_the_database_login_is_the_person_and_the_server_enforces_roles(pg_office: str) -> None:
    clerk_url, aud_url = as_login(pg_office, "clerk1_db"), as_login(pg_office, "aud1_db")
    clerk = open_context(clerk_url)  # no --user: the server says pg_clerk, which is clerk1
    assert clerk.actor.name == "clerk1"
    receive(clerk, parsed("นน 0023.5/ว 1"), NAN, datetime(2024, 1, 3, 9, 30))
    clerk.engine.dispose()
    run = CliRunner()
    void = ["void", NAN, "1", "--year", "2567", "--reason"]
    as_clerk = run.invoke(app, ["--db", aud_url, "--user", "clerk1", *void, "แทน"])
    assert as_clerk.exit_code != 0 and "aud1_db" in as_clerk.output and "Traceback" not in as_clerk.output
    as_self = run.invoke(app, ["--db", aud_url, *void, "เอง"])
    assert as_self.exit_code != 0 and "อ่านได้อย่างเดียว" in as_self.output
    assert run.invoke(app, ["--db", aud_url, "audit", "verify"]).exit_code == 0
    # Plain SQL, bypassing saraban: the server refuses the auditor's writes and everyone's ledger edits.
    for url, statement in (
        (aud_url, "UPDATE register_entry SET subject = 'แก้'"),
        (aud_url, "INSERT INTO agency (name, level) VALUES ('ปลอม', 'other')"),
        (clerk_url, "DELETE FROM audit_record"),
        (clerk_url, "UPDATE audit_record SET actor = 'someone'"),
        (clerk_url, "DELETE FROM register_entry"),
    ):
        engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        with pytest.raises(DBAPIError), engine.begin() as conn:
            conn.execute(text(statement))
        engine.dispose()
    owner = create_engine(pg_office.replace("postgresql://", "postgresql+psycopg://", 1))
    with pytest.raises(DBAPIError, match="append-only"), owner.begin() as conn:
        conn.execute(text("UPDATE audit_record SET actor = 'dba'"))  # even the owner, unless it drops the trigger
    owner.dispose()


def test_the_server_refuses_a_forged_ledger_record(pg_office: str) -> None:
    """Plain SQL by a clerk's login cannot add a record that breaks the chain, lies about its
    hash, or speaks in another person's name; saraban's own records still go in (#10)."""
    from saraban.db.tables import AuditRecord
    from saraban.services.ledger import record_hash

    clerk_url = as_login(pg_office, "clerk1_db")
    clerk = open_context(clerk_url)
    receive(clerk, parsed("นน 0023.5/ว 2"), NAN, datetime(2024, 1, 3, 9, 30))  # saraban's records: accepted
    clerk.engine.dispose()
    engine = create_engine(clerk_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        head = conn.execute(text("SELECT hash FROM audit_record ORDER BY seq DESC LIMIT 1")).scalar_one()

    def forged(prev: str, actor: str, role: str, hashed: bool = True) -> dict[str, object]:
        record = AuditRecord(at=datetime(2024, 1, 3, 10, 0, 0, 250), actor=actor, role=role, action="void",
                             entity="register_entry", entity_id=1, payload='{"row":{"void":true}}',
                             prev_hash=prev, hash="")  # fmt: skip
        record.hash = record_hash(prev, record) if hashed else "f" * 64
        return record.model_dump(exclude={"seq"})

    insert = text(
        "INSERT INTO audit_record (at, actor, role, action, entity, entity_id, payload, prev_hash, hash)"
        " VALUES (:at, :actor, :role, :action, :entity, :entity_id, :payload, :prev_hash, :hash)"
    )
    for values, why in (
        (forged("0" * 64, "clerk1", "clerk"), "does not follow"),
        (forged(head, "clerk1", "clerk", hashed=False), "hash is not"),
        (forged(head, "boss2", "admin"), "may not write in the name of boss2"),
        (forged(head, "clerk1", "admin"), "may not write in the name of clerk1"),
    ):
        with pytest.raises(DBAPIError, match=why), engine.begin() as conn:
            conn.execute(insert, values)
    # The server checks the hash as saraban computes it: a faithful record in one's own name is
    # accepted (and verify then shows it: the row it claims to void was not voided).
    with engine.begin() as conn:
        conn.execute(insert, forged(head, "clerk1", "clerk"))
    engine.dispose()

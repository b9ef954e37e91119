"""On PostgreSQL a login cannot change what judges it, nor stop the ledger (#27 items 1-2).

An uncleared clerk's own login, in plain SQL, tried to raise its clearance and role and to move
the ledger's head; the server answered ``UPDATE 1`` to all three. These tests are that insider.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from saraban.errors import PermissionDenied
from saraban.services.context import open_context
from saraban.services.registers import receive, void
from saraban.services.users import set_password
from tests.services.helpers import as_login, parsed

NAN = "นน 0023"


def _sql(url: str, statement: str) -> int:
    """Run one statement as that login in its own transaction; the rows it changed."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as conn:
            return conn.execute(text(statement)).rowcount
    finally:
        engine.dispose()


def _refused(url: str, statement: str) -> None:
    """The statement fails, or changes no row (row-level security hides the row from it)."""
    try:
        changed = _sql(url, statement)
    except DBAPIError:
        return
    assert changed == 0, f"the server let {statement!r} change {changed} row(s)"


@pytest.mark.parametrize(
    "statement",
    [
        "update app_user set clearance = 3 where login = current_user",
        "update app_user set role = 'admin' where login = current_user",
        "update app_user set clearance = 3",
        "update app_user set login = current_user where name = 'sec1'",
        "update app_user set password_hash = 'x' where name = 'sec1'",
        "insert into app_user (name, role, clearance, login) values ('mole', 'admin', 3, 'mole_db')",
        "delete from app_user where name = 'aud2'",
    ],
)
def test_a_clerks_login_cannot_change_any_saraban_user(pg_office: str, statement: str) -> None:
    clerk = as_login(pg_office, "clerk1_db")
    _refused(clerk, statement)
    owner = create_engine(pg_office.replace("postgresql://", "postgresql+psycopg://", 1))
    with owner.connect() as conn:
        rows = conn.execute(text("select name, role, clearance, login from app_user order by name")).all()
    owner.dispose()
    assert ("clerk1", "clerk", 0, "clerk1_db") in [tuple(r) for r in rows]
    assert "mole" not in [r[0] for r in rows]
    assert ("sec1", "secretary", 2, "sec1_db") in [tuple(r) for r in rows]


def test_a_clerk_still_sets_its_own_password_and_an_admin_still_manages(pg_office: str) -> None:
    clerk = open_context(as_login(pg_office, "clerk1_db"))
    set_password(clerk, "clerk1", "ยาวพอสมควร-2569")
    clerk.engine.dispose()
    assert _sql(as_login(pg_office, "boss2_db"), "update app_user set clearance = 1 where name = 'clerk1'") == 1


def test_no_login_moves_the_ledger_head_and_writing_goes_on(pg_office: str) -> None:
    clerk_url = as_login(pg_office, "clerk1_db")
    clerk = open_context(clerk_url)
    receive(clerk, parsed("นน 0023.5/ว 10", subject="ขอเชิญประชุม"), NAN, datetime(2024, 1, 3, 9, 0))
    with pytest.raises(DBAPIError, match="chain_head"):
        _sql(clerk_url, "update chain_head set last_hash = '00'")
    with pytest.raises(DBAPIError, match="chain_head"):
        _sql(clerk_url, "update chain_head set last_hash = repeat('0', 64), last_seq = 0")
    # The next receipt is taken as before: nobody stopped the ledger.
    entry = receive(clerk, parsed("นน 0023.5/ว 11", subject="แจ้งวันหยุด"), NAN, datetime(2024, 1, 3, 10, 0))
    assert entry.number == 2
    clerk.engine.dispose()


def test_an_uncleared_login_cannot_void_a_hidden_entry_and_is_told_why(pg_office: str) -> None:
    # On PostgreSQL the server hides the entry: the answer is the same refusal SQLite gives,
    # not "no such number".
    secretary = open_context(as_login(pg_office, "sec1_db"))
    receive(secretary, parsed("นน 0023.1/ว 11", subject="แผนลับ", secrecy="ลับมาก"), NAN, datetime(2024, 1, 3, 9, 0))
    secretary.engine.dispose()
    clerk = open_context(as_login(pg_office, "clerk1_db"))
    with pytest.raises(PermissionDenied, match="ลับมาก"):
        void(clerk, NAN, 1, "ลงซ้ำ", year=2567)
    clerk.engine.dispose()


def _problems(url: str) -> list[str]:
    from saraban.services.ledger import verify

    ctx = open_context(as_login(url, "aud1_db"))  # the auditor's own login
    try:
        with ctx.reading() as s:
            return verify(s).problems
    finally:
        ctx.engine.dispose()


def test_a_change_made_in_sql_and_put_back_is_still_found(pg_office: str) -> None:
    # Before: a subject changed and changed back by a clerk's login, or a clearance raised (to
    # read secrets) and lowered by the owner's, left every row as its snapshot: verify said ok.
    clerk = open_context(as_login(pg_office, "clerk1_db"))
    receive(clerk, parsed("นน 0023.5/ว 5", subject="เรื่องเดิม"), NAN, datetime(2024, 1, 3, 9, 30))
    clerk.engine.dispose()
    assert _problems(pg_office) == []  # saraban's own writes are all in the ledger
    _sql(as_login(pg_office, "clerk1_db"), "UPDATE letter SET subject = 'เรื่องแก้' WHERE doc_no = 'นน 0023.5/ว 5'")
    _sql(as_login(pg_office, "clerk1_db"), "UPDATE letter SET subject = 'เรื่องเดิม' WHERE doc_no = 'นน 0023.5/ว 5'")
    _sql(pg_office, "UPDATE app_user SET clearance = 3 WHERE name = 'clerk1'")
    _sql(pg_office, "UPDATE app_user SET clearance = 0 WHERE name = 'clerk1'")
    problems = _problems(pg_office)
    assert sum("หนังสือ" in p and "clerk1_db" in p and "แก้ไขนอก saraban" in p for p in problems) == 2, problems
    assert sum(p.startswith("ผู้ใช้") and "แก้ไขนอก saraban" in p for p in problems) == 2, problems
    # What the server noted is not a clerk's to erase or forge.
    _refused(as_login(pg_office, "clerk1_db"), "DELETE FROM row_change")
    _refused(as_login(pg_office, "clerk1_db"), "UPDATE row_change SET tbl = 'x'")
    _refused(as_login(pg_office, "clerk1_db"), "INSERT INTO row_change (tbl, op) VALUES ('letter', 'UPDATE')")

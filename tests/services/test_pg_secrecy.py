"""On PostgreSQL the server itself hides a secret letter from a login without the clearance (#10).

Plain SQL by an uncleared clerk or auditor — bypassing saraban — returns no secret subject,
sender, note or amendment, from any table; what the regulation lets them know (the entry
exists, its number, its date, its mark) stays readable, so numbering, the register's page and
``audit verify`` still work for them. A cleared login reads it all.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from saraban.cli import app
from saraban.errors import DuplicateLetter, PermissionDenied
from saraban.services.amendment import amend
from saraban.services.context import open_context
from saraban.services.importing import import_paths
from saraban.services.letter_view import letter_detail
from saraban.services.register_view import HIDDEN, register_rows
from saraban.services.registers import receive
from tests.services.helpers import as_login, letter_text, parsed

NAN = "นน 0023"
SECRET = "แผนรักษาความปลอดภัยบุคคลสำคัญ"
FIXED = "แผนคุ้มกันขบวนเสด็จ"
CONTENT_TABLES = ("letter", "register_entry", "routing_event", "amendment")


def _everything(url: str) -> str:
    """Every row of the content tables as this login's plain SQL reads them, as one text."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        dump = "\n".join(
            str(row) for table in CONTENT_TABLES for row in conn.execute(text(f"SELECT t::text FROM {table} t"))
        )
    engine.dispose()
    return dump


def _sql(url: str, statement: str) -> list[tuple[object, ...]]:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        result = conn.execute(text(statement))
        rows = [tuple(row) for row in result] if result.returns_rows else [(result.rowcount,)]
    engine.dispose()
    return rows


def test_plain_sql_by_an_uncleared_login_returns_no_secret(pg_office: str, tmp_path: Path) -> None:
    clerk_url, aud_url, cleared_url = (as_login(pg_office, f"{name}_db") for name in ("clerk1", "aud1", "aud2"))
    clerk = open_context(clerk_url)
    # The uncleared clerk registers what is handed over, a secret letter too (numbers 1, 2, 3).
    receive(clerk, parsed("นน 0023.5/ว 10", subject="ขอเชิญประชุมประจำเดือน"), NAN, datetime(2024, 1, 3, 9, 0))
    secret = receive(clerk, parsed("นน 0023.1/ว 11", subject=SECRET, secrecy="ลับมาก"), NAN, datetime(2024, 1, 3, 9, 30))
    assert secret.number == 2
    # Its next number counts the entry the server now hides from it.
    assert receive(clerk, parsed("นน 0023.5/ว 12", subject="แจ้งวันหยุด"), NAN, datetime(2024, 1, 3, 10, 0)).number == 3
    # Handed the same secret letter again, it is refused with the first receipt, not stored twice.
    again = parsed("นน 0023.1/ว 11", subject=SECRET, secrecy="ลับมาก")
    with pytest.raises(DuplicateLetter, match="เลขรับ 2/2567") as refused:
        receive(clerk, again, NAN, datetime(2024, 1, 3, 11, 0))
    assert SECRET not in str(refused.value)
    # another office of this database: not this clerk's book (#28 item 4), and the refusal tells nothing
    with pytest.raises(PermissionDenied, match="หน่วยงานตนเอง") as elsewhere:
        receive(clerk, again, "มท 08", datetime(2024, 1, 3, 11, 0))
    assert SECRET not in str(elsewhere.value)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "secret.txt").write_text(letter_text("นน 0023.1/ว 11", subject=SECRET, secrecy="ลับมาก"), encoding="utf-8")
    (folder / "open.txt").write_text(letter_text("นน 0023.5/ว 13", subject="แจ้งกำหนดการ"), encoding="utf-8")
    report = import_paths(clerk, [folder])  # an import of it: one line, and the next file goes on
    assert [letter.doc_no for letter in report.letters] == ["นน 0023.5/ว 13"]
    assert len(report.problems) == 1 and "ผู้มีสิทธิ์ชั้นความลับ" in report.problems[0] and SECRET not in report.problems[0]
    clerk.engine.dispose()
    secretary = open_context(as_login(pg_office, "sec1_db"))  # cleared: corrects the secret entry
    amend(secretary, NAN, 2, {"subject": FIXED}, "สะกดผิด", year=2567)
    secretary.engine.dispose()

    for url in (clerk_url, aud_url):
        seen = _everything(url)
        assert "ขอเชิญประชุมประจำเดือน" in seen  # open letters are read as ever
        assert SECRET not in seen and FIXED not in seen and "0023.1/ว 11" not in seen
        # What anyone may know: the entry exists, its number, date and mark.
        assert _sql(url, "SELECT number, secrecy FROM register_index ORDER BY number") == [
            (1, None), (2, "ลับมาก"), (3, None)]  # fmt: skip
        assert _sql(url, "SELECT count(*) FROM letter_index") == [(4,)]  # the secret one stored once
    assert SECRET in _everything(cleared_url) and FIXED in _everything(cleared_url)
    # A change by plain SQL cannot reach a row the login cannot see.
    assert _sql(clerk_url, "UPDATE register_entry SET subject = 'แก้' WHERE number = 2") == [(0,)]

    # saraban itself, run by the uncleared auditor: the page shows the stub in its place.
    auditor = open_context(aud_url)
    page = register_rows(auditor, NAN, year=2567)
    assert [(row.number, row.hidden) for row in page] == [(3, False), (2, True), (1, False)]
    assert page[1].subject == HIDDEN and page[1].secrecy == "ลับมาก" and page[1].doc_no is None
    assert [row.number for row in register_rows(auditor, NAN, year=2567, limit=1, offset=1)] == [2]
    assert [row.number for row in register_rows(auditor, NAN, year=2567, search="2") if row.hidden] == [2]
    for word in ("ความปลอดภัย", "0023.1", "ขบวนเสด็จ"):  # its text never matches for them
        assert register_rows(auditor, NAN, year=2567, search=word) == []
    shown = letter_detail(auditor, page[1].letter_id)  # the letter screen: its mark, nothing else
    assert shown.hidden and shown.secrecy == "ลับมาก" and shown.subject is None and shown.doc_no is None
    auditor.engine.dispose()
    run = CliRunner()
    uncleared = run.invoke(app, ["--db", aud_url, "audit", "verify"])
    assert uncleared.exit_code == 0 and "ไม่ได้เทียบ" in uncleared.output, uncleared.output
    cleared = run.invoke(app, ["--db", cleared_url, "audit", "verify"])
    assert cleared.exit_code == 0 and "ไม่ได้เทียบ" not in cleared.output, cleared.output


def test_a_hidden_entry_deleted_by_the_owner_is_still_caught_by_an_uncleared_auditor(pg_office: str) -> None:
    """Hidden rows are left to a cleared auditor, but their numbers are counted for everyone."""
    from tests.services.helpers import as_dba

    clerk = open_context(as_login(pg_office, "clerk1_db"))
    for minute, (number, secrecy) in enumerate((("ว 20", None), ("ว 21", "ลับ"), ("ว 22", None))):
        receive(clerk, parsed(f"นน 0023.5/{number}", secrecy=secrecy or ""), NAN, datetime(2024, 1, 3, 9, minute))
    clerk.engine.dispose()
    owner = create_engine(pg_office.replace("postgresql://", "postgresql+psycopg://", 1))
    with owner.begin() as conn:
        as_dba(conn)
        conn.execute(
            text(
                "DELETE FROM routing_event WHERE register_entry_id IN (SELECT id FROM register_entry WHERE number = 2)"
            )
        )
        conn.execute(text("DELETE FROM register_entry WHERE number = 2"))
    owner.dispose()
    result = CliRunner().invoke(app, ["--db", as_login(pg_office, "aud1_db"), "audit", "verify"])
    assert result.exit_code == 1 and "เลขไม่เรียง" in result.output, result.output


def test_an_uncleared_login_traces_through_a_hidden_letter_as_saraban_shows_it(pg_office: str) -> None:
    """The server hides the province's secret re-issue from clerk1_db; its trace still walks
    through it and shows it as saraban does to anyone not cleared: number, date, hops."""
    from saraban.services.trace import trace
    from tests.conftest import DATA

    owner = open_context(pg_office, user="boss")  # the owner's login (boss has no clearance): not under RLS
    import_paths(owner, [DATA / "letters" / "bundle_nan.txt"])
    with owner.engine.begin() as conn:  # marked ลับ afterwards: what is tested is the trace
        conn.execute(text("UPDATE letter SET secrecy = 'ลับ' WHERE doc_no = 'นน 0023.5/ว 812'"))
    shown = trace(owner, "2204").to_json()  # hidden by saraban itself
    owner.engine.dispose()
    assert [node["doc_no"] for node in shown["nodes"]] == ["มท 0816.2/ว 4410", "นน 0023.5/ว 812", "นน. 0023.11/2204"]
    assert shown["nodes"][0]["subject"] and shown["nodes"][1]["subject"] is None is shown["nodes"][1]["sender_agency"]
    assert shown["nodes"][1]["receipts"] and shown["nodes"][2]["parent"] == "นน 0023.5/ว 812"
    assert shown["nodes"][1]["recipients_pending"] == []  # its addressees are its content
    clerk = open_context(as_login(pg_office, "clerk1_db"))
    assert trace(clerk, "2204").to_json() == shown  # hidden by the server, the same trace
    # Traced from the hidden letter itself: before, "ไม่พบหนังสือ" here and the trace on SQLite.
    assert trace(clerk, "นน 0023.5/ว 812").to_json() == trace(owner_again(pg_office), "นน 0023.5/ว 812").to_json()
    clerk.engine.dispose()


def owner_again(url: str):  # type: ignore[no-untyped-def]
    return open_context(url, user="boss")


def test_the_views_know_the_stamp_notes_an_import_writes() -> None:
    """register_index passes on the two notes the trace reads (migration 0010 spells them out)."""
    from saraban.services.importing import NO_DATE, NO_TIME
    from tests.conftest import DATA

    migration = (DATA.parent.parent / "migrations" / "versions" / "0010_row_secrecy.py").read_text(encoding="utf-8")
    assert f"'{NO_DATE}'" in migration and f"'{NO_TIME}'" in migration

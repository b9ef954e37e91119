"""The ledger's head printed on every register and routing report: a paper checkpoint.

An auditor keeps the printed register; months later ``audit verify --head LENGTH:HASH``
with what the paper says catches a log that was cut or re-hashed since it was printed.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import docx
from sqlalchemy import text
from typer.testing import CliRunner

from saraban.cli import app
from saraban.services.registers import receive
from tests.services.helpers import as_dba, parsed
from tests.services.test_audit import _rehash

WHEN = datetime(2024, 1, 3, 9, 30)
HEAD = re.compile(r"(\d+):([0-9a-f]{64})")


def _printed_head(path: Path) -> str:
    found = [HEAD.search(p.text) for p in docx.Document(str(path)).paragraphs]
    heads = [m.group(0) for m in found if m]
    assert len(heads) == 1, "the report prints the ledger's head once"
    return heads[0]


def _cli(db_url: str, *args: str):
    return CliRunner().invoke(app, ["--db", db_url, "--user", "somchai", *args])


def test_register_and_routing_reports_print_the_head_and_verify_against_it(ctx, db_url, tmp_path: Path) -> None:
    for n in range(1, 4):
        receive(ctx, parsed(f"นน 0023.5/{n}"), "นน 0023", WHEN.replace(minute=n))
    register = tmp_path / "register.docx"
    routing = tmp_path / "routing.docx"
    assert _cli(db_url, "register", "นน 0023", "--docx", str(register)).exit_code == 0
    assert _cli(db_url, "trace", "นน 0023.5/1", "--docx", str(routing)).exit_code == 0
    printed = _printed_head(register)
    assert _printed_head(routing) == printed, "nothing was written between the two reports"
    with ctx.reading() as s:
        from saraban.services.ledger import head_of

        length, head = head_of(s)
    assert printed == f"{length}:{head}"

    receive(ctx, parsed("นน 0023.5/9"), "นน 0023", WHEN.replace(hour=11))
    grown = _cli(db_url, "audit", "verify", "--head", printed)
    assert grown.exit_code == 0, "a log that grew honestly still holds the printed head"

    with ctx.engine.begin() as conn:
        as_dba(conn)  # the owner, who can switch off what would name these changes
        conn.execute(text("UPDATE register_entry SET subject = 'แก้ไขทีหลัง' WHERE number = 2"))
        conn.execute(text("UPDATE letter SET subject = 'แก้ไขทีหลัง' WHERE doc_no = 'นน 0023.5/2'"))
    _rehash(ctx)
    assert _cli(db_url, "audit", "verify").exit_code == 0, "the rewrite passes the chain check alone"
    caught = _cli(db_url, "audit", "verify", "--head", printed)
    assert caught.exit_code == 1 and "เขียนใหม่" in caught.stderr


def test_a_head_typed_in_thai_digits_is_read_and_a_malformed_one_refused(ctx, db_url) -> None:
    receive(ctx, parsed("นน 0023.5/1"), "นน 0023", WHEN)
    with ctx.reading() as s:
        from saraban.services.ledger import head_of

        length, head = head_of(s)
    from saraban.thai.digits import to_thai

    assert _cli(db_url, "audit", "verify", "--head", f"{to_thai(str(length))}:{head.upper()}").exit_code == 0
    bad = _cli(db_url, "audit", "verify", "--head", "12:abc")
    assert bad.exit_code != 0 and "64" in bad.stderr and "Traceback" not in bad.output
    cut = _cli(db_url, "audit", "verify", "--head", f"{length + 5}:{head}")
    assert cut.exit_code == 1 and "ตัดท้าย" in cut.stderr


def test_trace_docx_never_overwrites_an_existing_file(ctx, db_url, tmp_path: Path) -> None:
    receive(ctx, parsed("นน 0023.5/1"), "นน 0023", WHEN)
    existing = tmp_path / "routing.docx"
    existing.write_bytes(b"a report the auditor signed")
    refused = _cli(db_url, "trace", "นน 0023.5/1", "--docx", str(existing))
    assert refused.exit_code != 0 and "--overwrite" in refused.stderr
    assert existing.read_bytes() == b"a report the auditor signed"
    assert _cli(db_url, "trace", "นน 0023.5/1", "--docx", str(existing), "--overwrite").exit_code == 0
    assert existing.read_bytes().startswith(b"PK")

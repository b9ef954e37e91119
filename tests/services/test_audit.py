"""The hash chain: any change, deletion or reordering is found and named."""

from datetime import datetime

from sqlalchemy import text
from typer.testing import CliRunner

from saraban.cli import app
from saraban.services.ledger import verify
from saraban.services.registers import receive, void
from tests.services.helpers import parsed

WHEN = datetime(2024, 1, 3, 9, 30)


def _fill(ctx) -> None:
    for n in range(1, 5):
        receive(ctx, parsed(f"นน 0023.5/{n}"), "นน 0023", WHEN)
    void(ctx, "นน 0023", 2, "ผิดฉบับ", year=2567)


def _verify(ctx):
    with ctx.reading() as s:
        return verify(s)


def _sql(ctx, statement: str) -> None:
    with ctx.engine.begin() as conn:
        conn.execute(text(statement))


def test_untouched_chain_verifies(ctx, db_url) -> None:
    _fill(ctx)
    report = _verify(ctx)
    assert report.ok and report.entries == 4 and report.records == 9
    result = CliRunner().invoke(app, ["--db", db_url, "audit", "verify"])
    assert result.exit_code == 0 and "ok" in result.stdout


def test_changed_register_entry_is_named(ctx, db_url) -> None:
    _fill(ctx)
    _sql(ctx, "UPDATE register_entry SET subject = 'แก้ไข' WHERE number = 3")
    report = _verify(ctx)
    assert not report.ok and "register entry 3 (receive 3/2567): changed" in report.problems[0]
    result = CliRunner().invoke(app, ["--db", db_url, "audit", "verify"])
    assert result.exit_code == 1 and "register entry 3" in result.stderr


def test_unvoided_entry_is_found(ctx) -> None:
    _fill(ctx)
    _sql(ctx, "UPDATE register_entry SET void = false, void_reason = NULL WHERE number = 2")
    assert "void mark differs" in _verify(ctx).problems[0]


def test_changed_ledger_record_is_named(ctx) -> None:
    _fill(ctx)
    _sql(ctx, "UPDATE audit_record SET actor = 'someone else' WHERE seq = 3")
    assert _verify(ctx).problems == ["ledger record 3: its content was changed (receive)"]


def test_deleted_ledger_record_is_named(ctx) -> None:
    _fill(ctx)
    _sql(ctx, "DELETE FROM audit_record WHERE seq = 4")
    assert "ledger record 5: does not follow" in _verify(ctx).problems[0]


def test_deleted_last_record_and_deleted_entry_are_found(ctx) -> None:
    _fill(ctx)
    _sql(ctx, "DELETE FROM routing_event WHERE id = 4")
    assert "routing event 4: deleted" in _verify(ctx).problems[0]
    _sql(ctx, "DELETE FROM audit_record WHERE seq = (SELECT MAX(seq) FROM audit_record)")
    assert "head does not match" in _verify(ctx).problems[0]


def test_reordered_records_are_found(ctx) -> None:
    _fill(ctx)
    _sql(ctx, "UPDATE audit_record SET seq = 1000 WHERE seq = 1")
    _sql(ctx, "UPDATE audit_record SET seq = 1 WHERE seq = 2")
    _sql(ctx, "UPDATE audit_record SET seq = 2 WHERE seq = 1000")
    assert "ledger record 1: does not follow" in _verify(ctx).problems[0]

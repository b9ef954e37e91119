"""Secrecy on every read path (#10 finding 3): someone without clearance learns only that a
secret entry exists, its number and its date — from lists, search, trace, errors, the ledger,
and the letters saraban writes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from saraban.cli import app
from saraban.errors import Ambiguous, NotFound, PermissionDenied
from saraban.services.context import open_context
from saraban.services.forwarding import ForwardRequest, endorse, forward
from saraban.services.ledger import verify
from saraban.services.register_view import register_rows
from saraban.services.registers import receive, void
from saraban.services.trace import trace
from saraban.services.users import add_user
from tests.services.helpers import parsed

NAN = "นน 0023"
WHEN = datetime(2024, 1, 3, 9, 30)
SECRET = "แผนรักษาความปลอดภัยบุคคลสำคัญ"


@pytest.fixture
def office(ctx, db_url):
    """A register with one open and one ลับมาก letter sharing a number's ending; a cleared clerk."""
    receive(ctx, parsed("นน 0023.5/ว 77", subject="ขอเชิญประชุมประจำเดือน"), NAN, WHEN)
    receive(ctx, parsed("นน 0023.1/ว 77", subject=SECRET, secrecy="ลับมาก"), NAN, WHEN.replace(minute=45))
    with ctx.writing() as s:
        add_user(s, "cleared", "clerk", clearance="ลับมาก")
    return ctx


def test_like_wildcards_are_letters_not_wildcards(office) -> None:
    for typed in ("%", "_", "%/%", "ว _7"):
        with pytest.raises(NotFound):
            trace(office, typed)


def test_an_ambiguous_number_lists_a_secret_letter_by_id_and_date_only(office, db_url) -> None:
    with pytest.raises(Ambiguous) as plain:
        trace(office, "ว 77")
    assert SECRET not in str(plain.value) and "หนังสือลับ" in str(plain.value)
    assert "นน 0023.1/ว 77" not in str(plain.value)  # not even the secret letter's full number
    with pytest.raises(Ambiguous) as cleared:
        trace(open_context(db_url, user="cleared"), "ว 77")
    assert SECRET in str(cleared.value)


def test_search_never_matches_hidden_text_but_finds_the_number(office, db_url) -> None:
    assert register_rows(office, NAN, search="ความปลอดภัย") == []
    assert register_rows(office, NAN, search="0023.1") == []
    by_number = [r for r in register_rows(office, NAN, search="2") if r.number == 2]
    assert len(by_number) == 1 and by_number[0].hidden and by_number[0].subject != SECRET
    (found,) = register_rows(open_context(db_url, user="cleared"), NAN, search="ความปลอดภัย")
    assert found.subject == SECRET
    args = ["--db", db_url, "--user", "somchai", "register", NAN, "--search", "ความปลอดภัย", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0 and result.stdout.strip() == "[]"


def test_forward_and_endorse_of_a_secret_letter_need_clearance(office, db_url, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied, match="ลับมาก") as refused:
        forward(office, ForwardRequest("นน 0023.1/ว 77", NAN, ["ลป 0023"], out_dir=tmp_path / "out"))
    assert SECRET not in str(refused.value)
    with pytest.raises(PermissionDenied, match="ลับมาก"):
        endorse(office, "นน 0023.1/ว 77", NAN, "ทราบ มอบงานป้องกัน")
    assert not (tmp_path / "out").exists()
    assert register_rows(office, NAN, book="send") == []  # no number taken
    cleared = open_context(db_url, user="cleared")
    endorse(cleared, "นน 0023.1/ว 77", NAN, "ทราบ มอบงานป้องกัน", WHEN.replace(hour=11))


def test_voiding_a_secret_entry_needs_its_clearance(office, db_url) -> None:
    # Before: an uncleared clerk voided the ลับมาก entry (2), and the entry it returned carried
    # the secret subject.
    with pytest.raises(PermissionDenied, match="ลับมาก") as refused:
        void(office, NAN, 2, "ลงซ้ำ", year=2567)
    assert SECRET not in str(refused.value)
    assert [row.void for row in register_rows(office, NAN, year=2567)] == [False, False]
    void(office, NAN, 1, "ลงซ้ำ", year=2567)  # its own open entry it may void
    cleared = open_context(db_url, user="cleared")
    assert void(cleared, NAN, 2, "ลงซ้ำ", year=2567).void
    cleared.engine.dispose()


def test_the_ledger_holds_no_reason_remark_or_path_written_about_a_letter(office, db_url) -> None:
    from saraban.services.retention import hold, set_retention

    # Before: a ลับมาก letter's void reason, hold reason and file path were in the ledger's
    # clear text, readable by every login on PostgreSQL.
    cleared = open_context(db_url, user="cleared")
    words = ("เหตุยกเลิกลับเฉพาะ", "เหตุอายัดลับเฉพาะ", "เหตุเปลี่ยนชั้นลับเฉพาะ")
    void(cleared, NAN, 2, words[0], year=2567)
    hold(cleared, "นน 0023.1/ว 77", words[1])
    set_retention(cleared, "นน 0023.1/ว 77", retention="ลับ", file_code="9.9", reason=words[2])
    cleared.engine.dispose()
    with office.engine.connect() as conn:
        payloads = "\n".join(str(p) for (p,) in conn.execute(text("SELECT payload FROM audit_record")))
    assert not [w for w in words if w in payloads]
    with office.reading() as s:
        assert verify(s).ok  # and the rows are still proved unchanged


def test_the_ledger_holds_no_secret_text_yet_proves_it_unchanged(office) -> None:
    with office.engine.connect() as conn:
        leaked = conn.execute(text("SELECT COUNT(*) FROM audit_record WHERE payload LIKE :s"), {"s": f"%{SECRET}%"})
        assert leaked.scalar_one() == 0
    with office.reading() as s:
        assert verify(s).ok
    with office.engine.begin() as conn:
        conn.execute(text("UPDATE letter SET subject = 'แผนอื่น' WHERE doc_no = 'นน 0023.1/ว 77'"))
    with office.reading() as s:
        problems = verify(s).problems
    assert any("subject" in p for p in problems)


def test_a_retention_list_names_a_secret_letter_by_number_and_date_only(office, db_url) -> None:
    from saraban.services.retention import due, set_retention

    (row,) = [r for r in register_rows(office, NAN) if r.hidden]
    with_clearance = open_context(db_url, user="cleared")  # a secret letter's class needs its clearance
    set_retention(with_clearance, f"#{row.letter_id}", retention="1", file_code=None, reason="เรื่องชั่วคราว")
    (listed,) = [d for d in due(office, 2568, at=NAN) if d.letter_id == row.letter_id]
    assert listed.subject != SECRET and listed.doc_no == "นน 0023.1/ว 77"
    (cleared,) = [d for d in due(with_clearance, 2568, at=NAN) if d.letter_id == row.letter_id]
    assert cleared.subject == SECRET
    with_clearance.engine.dispose()


def test_acknowledging_a_hidden_letter_twice_is_refused_like_an_open_one(office) -> None:
    # Before: an uncleared clerk's `ack` of a ลับมาก letter the office had already received
    # gave it a second เลขรับ on PostgreSQL (the first receipt was hidden from the check),
    # while the same ack of an open letter was refused.
    from saraban.errors import DuplicateLetter
    from saraban.services.registers import acknowledge

    with pytest.raises(DuplicateLetter):
        acknowledge(office, "นน 0023.5/ว 77", NAN, WHEN.replace(hour=11))
    (hidden,) = [r for r in register_rows(office, NAN) if r.hidden]
    for typed in ("นน 0023.1/ว 77", f"#{hidden.letter_id}"):
        with pytest.raises((DuplicateLetter, NotFound, PermissionDenied)) as refused:
            acknowledge(office, typed, NAN, WHEN.replace(hour=11))
        assert SECRET not in str(refused.value)
    assert len(register_rows(office, NAN)) == 2  # no second receipt


def test_a_guessed_secret_subject_cannot_be_confirmed_from_the_ledger(office, db_url, monkeypatch, tmp_path) -> None:
    # Before: the ledger kept a secret subject's plain SHA-256, so anyone who reads
    # audit_record (every login on PostgreSQL) confirmed a guess with one query.
    import hashlib

    from saraban.services import ledger_key

    guessed = hashlib.sha256(SECRET.encode("utf-8")).hexdigest()
    with office.engine.connect() as conn:
        found = conn.execute(text("SELECT COUNT(*) FROM audit_record WHERE payload LIKE :h"), {"h": f"%{guessed}%"})
        assert found.scalar_one() == 0
    key = ledger_key.key_path()
    assert key.stat().st_mode & 0o077 == 0  # the key is its owner's alone
    # An auditor's machine without the office's key proves the chain but cannot compare the
    # keyed texts, and says so instead of answering "ok"; with a copy of the key it can.
    elsewhere = tmp_path / "auditor" / "ledger.key"
    monkeypatch.setenv("SARABAN_LEDGER_KEY_FILE", str(elsewhere))
    with office.reading() as s:
        report = verify(s)
    assert not report.ok and any("ledger.key" in p for p in report.problems)
    elsewhere.unlink()
    elsewhere.write_bytes(key.read_bytes())
    ledger_key._load.cache_clear()
    with office.reading() as s:
        assert verify(s).ok

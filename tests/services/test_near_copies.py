"""The same letter received twice as different files (#28 item 3): the e-mailed PDF is
registered, the paper's scan comes an hour later with its number and date blank. Receiving
asks instead of giving it a second เลขรับ; the clerk links the copy or says it is another."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from saraban.cli import app
from saraban.db.tables import Letter, RoutingEvent
from saraban.errors import InvalidInput, NotFound
from saraban.services.ledger import verify
from saraban.services.near_copies import PossibleCopy
from saraban.services.register_view import register_rows
from saraban.services.registers import receive
from tests.services.helpers import letter_text, parsed

NAN = "นน 0023"
WHEN = datetime(2024, 1, 3, 9, 30)
LATER = datetime(2024, 1, 3, 10, 45)


def _scan_of(letter):
    """The paper copy as OCR reads it: number and date written by hand (blank), marks dropped."""
    return replace(letter, doc_no=None, date=None, subject=letter.subject.replace("ร่", "ร"),
                   source_sha256="ab" * 32)  # fmt: skip


def test_a_scan_of_a_letter_received_an_hour_ago_is_asked_about_not_numbered(ctx) -> None:
    first = parsed("นน 0023.5/ว 41")
    receive(ctx, first, NAN, WHEN)
    with pytest.raises(PossibleCopy) as asked:
        receive(ctx, _scan_of(first), NAN, LATER, source="/scans/paper.pdf")
    (candidate,) = asked.value.candidates
    assert (candidate.number, candidate.year) == (1, 2567)
    assert "เรื่องเดียวกัน" in candidate.reasons and "ผู้ส่งเดียวกัน" in candidate.reasons
    assert "--same-as 1/2567" in str(asked.value) and "--another" in str(asked.value)
    assert len(register_rows(ctx, NAN)) == 1  # nothing written
    # The same letter: linked to the first entry, no number taken, on the letter's history.
    linked = receive(ctx, _scan_of(first), NAN, LATER, source="/scans/paper.pdf", same_as="1/2567")
    assert (linked.number, linked.year) == (1, 2567)
    assert len(register_rows(ctx, NAN)) == 1
    with ctx.reading() as session:
        (event,) = session.exec(select(RoutingEvent).where(RoutingEvent.event == "copy")).all()
    assert "paper.pdf" in event.note and event.register_entry_id == linked.entry_id
    with ctx.reading() as session:
        assert verify(session).ok
    # Another letter after all: numbered.
    assert receive(ctx, _scan_of(first), NAN, LATER, another=True).number == 2
    with pytest.raises(NotFound):
        receive(ctx, _scan_of(first), NAN, LATER, same_as="9/2567")


def test_letters_whose_sure_numbers_differ_are_never_asked_about(ctx) -> None:
    # An office sends the same subject to the same place many times: the numbers tell them apart.
    receive(ctx, parsed("นน 0023.5/ว 41"), NAN, WHEN)
    assert receive(ctx, parsed("นน 0023.5/ว 42"), NAN, LATER).number == 2


def test_a_secret_letter_is_never_matched_for_an_uncleared_clerk(ctx) -> None:
    # Answering "same subject" about a letter the clerk may not read would confirm a guess.
    secret = parsed("นน 0023.5/ว 43", secrecy="ลับ")
    receive(ctx, secret, NAN, WHEN)  # a clerk registers a secret letter without reading it
    assert ctx.actor.clearance == 0
    assert receive(ctx, replace(_scan_of(secret), secrecy=None), NAN, LATER).number == 2


def test_the_first_copy_read_in_part_still_asks_when_the_whole_one_comes(ctx) -> None:
    first = parsed("นน 0023.5/ว 41")
    receive(ctx, replace(first, doc_no="นน 0023.5/ว"), NAN, WHEN)  # the paper first: running number not read
    with pytest.raises(PossibleCopy):
        receive(ctx, first, NAN, LATER)


def test_letters_of_one_day_with_close_numbers_but_other_subjects_are_not_copies(ctx) -> None:
    receive(ctx, parsed("นน 0023.5/ว 41"), NAN, WHEN)
    other = replace(parsed("นน 0023.5/ว 42", subject="ขอส่งรายงานการเงินประจำเดือน"), doc_no=None,
                    suggestions={"doc_no": {"value": "นน 0023.5/ว 42", "confidence": 0.6}})  # fmt: skip
    assert receive(ctx, other, NAN, LATER).number == 2


def test_same_as_refuses_a_receipt_of_another_letter_and_another_together(ctx) -> None:
    receive(ctx, parsed("นน 0023.5/ว 41"), NAN, WHEN)
    with pytest.raises(InvalidInput, match="ไม่ใช่"):
        receive(ctx, parsed("นน 0023.5/ว 99"), NAN, LATER, same_as="1/2567")  # a typo in the receipt number
    with pytest.raises(InvalidInput, match="--another"):
        receive(ctx, parsed("นน 0023.5/ว 41"), NAN, LATER, same_as="1/2567", another=True)


def test_a_date_left_empty_keeps_no_provenance(ctx) -> None:
    letter = parsed("นน 0023.5/ว 44", day="๑๕ มกราคม ๒๕๖๗")  # dated after its receipt: a misreading
    receive(ctx, letter, NAN, WHEN)
    with ctx.reading() as session:
        stored = session.exec(select(Letter).where(Letter.doc_no == "นน 0023.5/ว 44")).one()
    assert stored.letter_date is None and "date" not in (stored.provenance or {})


def test_cli_asks_then_links_with_same_as(db_url: str, tmp_path: Path) -> None:
    def cli(*args: str):
        return CliRunner().invoke(app, ["--db", db_url, "--user", "somchai", *args])

    pdf, scan = tmp_path / "email.txt", tmp_path / "scan.txt"
    pdf.write_text(letter_text("นน 0023.5/ว 77"), encoding="utf-8")
    scan.write_text(letter_text("นน 0023.5/ว").replace("๒ มกราคม ๒๕๖๗\n", ""), encoding="utf-8")
    assert cli("receive", str(pdf), "--at", NAN, "--when", "2567-01-03T09:30").exit_code == 0
    asked = cli("receive", str(scan), "--at", NAN, "--when", "2567-01-03T10:45")
    assert asked.exit_code != 0 and "--same-as 1/2567" in asked.output and "Traceback" not in asked.output
    linked = cli("receive", str(scan), "--at", NAN, "--when", "2567-01-03T10:45", "--same-as", "1/2567", "--json")
    assert linked.exit_code == 0, linked.output
    assert json.loads(linked.stdout)["number"] == 1
    listed = json.loads(cli("register", NAN, "--year", "2567", "--json").stdout)
    assert len(listed) == 1

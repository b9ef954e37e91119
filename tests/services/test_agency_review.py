"""An unknown sender never takes a real office's code; an administrator merges it (#12 item 2)."""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import select
from typer.testing import CliRunner

from saraban.cli import app
from saraban.db.tables import Agency, Letter
from saraban.parsing import parse_text
from saraban.services.directory import import_dla_file
from saraban.services.registers import receive
from tests.conftest import DATA

BODY = "เทศบาลตำบลท่าวังผา"


def _letter(sender: str, number: int) -> str:
    return (
        f"ที่ นน 73501/{number}\t\t{sender}\nถนนสุริยพงษ์ นน ๕๕๑๔๐\n๒ มกราคม ๒๕๖๗\nเรื่อง รายงานผลการดำเนินงาน\n"
        "เรียน นายอำเภอท่าวังผา\nด้วยเทศบาลขอรายงานผลตามรายละเอียดที่แนบ\nขอแสดงความนับถือ\n(นายทดสอบ ระบบดี)\nนายกเทศมนตรี\n"
    )


def test_a_junk_sender_takes_no_code_and_an_administrator_merges_it(ctx, db_url) -> None:
    with ctx.administering("นำเข้า") as s:
        import_dla_file(s, DATA / "dla_local_bodies_sample.csv")
    (junk,) = parse_text(_letter("ส31 กุมภาพันธ์ ๒๕๖๗", 1), source="typo")
    junk.sender_agency = "ส31 กุมภาพันธ์ ๒๕๖๗"  # as a slip in จาก would give it
    receive(ctx, junk, "นน 0023", datetime(2024, 1, 3, 9, 30))
    with ctx.reading() as s:
        assert s.exec(select(Agency).where(Agency.name.contains("กุมภาพันธ์"))).first() is None  # type: ignore[attr-defined]
        placeholder = s.exec(select(Agency).where(Agency.code == "นน 73501")).one()
        assert placeholder.name == "หน่วยงานรหัส นน 73501" and placeholder.needs_review
    run = CliRunner()
    base = ["--db", db_url, "--user", "somchai"]
    listed = json.loads(run.invoke(app, [*base, "agencies", "review", "--json"]).stdout)
    assert any(row["code"] == "นน 73501" for row in listed)
    merged = run.invoke(app, [*base, "agencies", "merge", str(placeholder.id), "--into", BODY])
    assert merged.exit_code == 0, merged.output
    with ctx.reading() as s:
        real = s.exec(select(Agency).where(Agency.name == BODY)).one()
        assert real.code == "นน 73501"
        letter = s.exec(select(Letter).where(Letter.doc_no == "นน 73501/1")).one()
        assert letter.sender_agency_id == real.id
    # The next letter from that code is traced under the real office.
    (later,) = parse_text(_letter(BODY, 2), source="later")
    receive(ctx, later, "นน 0023", datetime(2024, 1, 4, 9, 30))
    with ctx.reading() as s:
        assert s.exec(select(Letter).where(Letter.doc_no == "นน 73501/2")).one().sender_agency_id == real.id
    from saraban.services.ledger import verify

    with ctx.reading() as s:
        assert verify(s).ok

"""Thai for people, ISO and English keys for machines (#12 item 10): the ledger's actions by
their Thai names, filters that accept them, and CLI tables with Buddhist-Era dates."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

from typer.testing import CliRunner

from saraban.cli import app
from saraban.services.ledger_names import ACTION_NAMES, action_keys
from tests.services.helpers import letter_text

NAN = "นน 0023"


def test_a_filter_takes_a_key_a_thai_name_or_part_of_one() -> None:
    assert action_keys("void") == ["void"]
    assert action_keys(" ยกเลิก ") == ["void"]
    assert action_keys("ลงทะเบียนรับ") == ["receive"]
    assert {"amend", "letter-edit", "agency-edit"} <= set(action_keys("แก้ไข"))
    assert action_keys("xyz") == ["xyz"]  # finds nothing, never everything
    assert action_keys("") == []
    assert len(set(ACTION_NAMES.values())) == len(ACTION_NAMES)  # each name means one action


def test_cli_tables_speak_thai_and_json_keeps_iso(db_url: str, tmp_path: Path) -> None:
    runner = CliRunner(env={"COLUMNS": "240"})

    def cli(*args: str):
        result = runner.invoke(app, ["--db", db_url, "--user", "somchai", *args])
        assert result.exit_code == 0, result.output
        return result

    source = tmp_path / "a.txt"
    source.write_text(letter_text("นน 0023.5/ว 12"), encoding="utf-8")
    receipt = cli("receive", str(source), "--at", NAN, "--when", "2567-01-03T09:30")
    assert "เวลา 09.30 น." in receipt.stdout  # as a stamp writes it
    cli("void", NAN, "1", "--reason", "ลงผิดหน่วยงาน", "--year", "2567")
    book = cli("register", NAN, "--year", "2567").stdout
    assert "3 ม.ค. 2567" in book and "2 ม.ค. 2567" in book and "2024-01" not in book and "09.30" in book
    assert json.loads(cli("register", NAN, "--year", "2567", "--json").stdout)[0]["date"] == "2024-01-03"
    endorsed = cli("endorse", "ว 12", "--at", NAN, "--text", "ทราบ")
    when = re.search(r"\(somchai, \d{1,2} \S+ (\d{4}) เวลา \d\d\.\d\d น\.\)", endorsed.stderr)
    assert when and int(when[1]) > 2500, endorsed.stderr  # now, in the Buddhist Era
    log = cli("audit", "log", "--action", "ยกเลิก").stdout
    assert "ยกเลิกเลข" in log and "เจ้าหน้าที่สารบรรณ" in log and "ลงทะเบียนรับ" not in log
    # Records named as the books name them, not "รายการทะเบียน 397"; times as a stamp writes them.
    assert "เลขรับ 1/2567" in log and "นน 0023.5/ว 12" in log and "รายการทะเบียน" not in log
    assert re.search(r"\d{1,2} \S+ 25\d\d", log) and not re.search(r"20\d\d-\d\d-\d\d", log)
    keys = json.loads(cli("audit", "log", "--action", "receive", "--json").stdout)
    assert [r["action"] for r in keys] == ["receive"]  # JSON keeps the keys
    assert keys[0]["entity"] == "register_entry" and keys[0]["subject"].startswith("เลขรับ 1/2567")
    offices = cli("agencies", "list", "--level", "province").stdout
    assert "จังหวัด" in offices and "province" not in offices  # levels in Thai; --level takes the key
    assert datetime.fromisoformat(keys[0]["at"])


def test_every_action_the_code_writes_has_a_thai_name() -> None:
    # "mail-accept" and seven others showed as English keys on the audit screen.
    root = Path(__file__).resolve().parents[2] / "saraban"
    written = set()
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        written |= set(re.findall(r"\bappend\(\s*session,\s*[a-z_.]+,\s*\"([a-z-]+)\"", text))
    assert {"mail-accept", "retention-hold"} <= written
    assert written <= set(ACTION_NAMES), written - set(ACTION_NAMES)


def test_corrections_and_citations_are_named_by_the_letter_not_an_id(ctx) -> None:  # type: ignore[no-untyped-def]
    """#28 item 14: the audit log still named two kinds of record by id ("การแก้ไข 1",
    "การอ้างถึง 72"); they are named by what was corrected or cited, and in which letter."""
    from sqlmodel import select

    from saraban.db.tables import AuditRecord
    from saraban.parsing import parse_text
    from saraban.services.amendment import amend
    from saraban.services.record_names import record_subjects
    from saraban.services.registers import receive

    text = letter_text("นน 0023.5/ว 31").replace(
        "เรียน นายอำเภอ ทุกอำเภอ\n",
        "เรียน นายอำเภอ ทุกอำเภอ\nอ้างถึง หนังสือกรมส่งเสริมการปกครองท้องถิ่น ที่ มท 0816.2/ว 4410 ลงวันที่ 15 มีนาคม 2567\n",
    )
    (letter,) = parse_text(text, source="t")
    receive(ctx, letter, "ลป 0023", datetime(2024, 1, 3, 9, 30))
    amend(ctx, "ลป 0023", 1, {"subject": "ขอความร่วมมือจัดเก็บข้อมูลประชากร"}, "พิมพ์ตก", year=2567)
    with ctx.reading() as s:
        records = list(s.exec(select(AuditRecord).where(AuditRecord.entity.in_(["amendment", "citation"]))))
        names = dict(zip([r.entity for r in records], record_subjects(s, records), strict=True))
    assert set(names) == {"amendment", "citation"}, names
    assert names["amendment"] == "การแก้ไขเรื่อง ที่ นน 0023.5/ว 31", names
    assert names["citation"] == "การอ้างถึง มท 0816.2/ว 4410 ในหนังสือที่ นน 0023.5/ว 31", names

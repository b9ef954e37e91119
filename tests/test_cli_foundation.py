"""The CLI of the foundation: --db, agencies, users, db upgrade, first user."""

import json

from typer.testing import CliRunner

from saraban.cli import app
from tests.conftest import DATA

runner = CliRunner()


def invoke(db_url: str, *args: str, user: str = "somchai"):
    return runner.invoke(app, ["--db", db_url, "--user", user, *args])


def test_agencies_and_users(db_url: str) -> None:
    result = invoke(db_url, "agencies", "list", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert sum(r["level"] == "province" for r in rows) == 77

    name = "สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอลับแล"
    options = ["--short", "สถ.อ.ลับแล", "--code", "อต ๐๐๒๓.๑๔", "--level", "district", "--parent", "อต 0023"]
    result = invoke(db_url, "agencies", "add", name, *options)
    assert result.exit_code == 0, result.output
    rows = json.loads(invoke(db_url, "agencies", "list", "--json", "--search", "ลับแล").stdout)
    assert rows[0]["code"] == "อต 0023.14" and rows[0]["parent"].endswith("อุตรดิตถ์")

    result = invoke(db_url, "agencies", "add", "ซ้ำ", "--code", "อต 0023.14")
    assert result.exit_code == 1 and "มีหน่วยงานใช้อยู่แล้ว" in result.stderr

    result = invoke(db_url, "agencies", "import", str(DATA / "dla_local_bodies_sample.csv"))
    assert result.exit_code == 0, result.output

    assert invoke(db_url, "users", "add", "malee", "--role", "auditor").exit_code == 0
    users = json.loads(invoke(db_url, "users", "list", "--json").stdout)
    assert {(u["name"], u["role"]) for u in users} == {("somchai", "clerk"), ("malee", "auditor")}
    shown = invoke(db_url, "users", "list").stdout
    assert "ผู้ตรวจสอบ (auditor)" in shown and "เจ้าหน้าที่สารบรรณ (clerk)" in shown  # Thai for people (#12 item 10)


def test_first_user_is_a_clerk_and_strangers_are_read_only(db_url: str) -> None:
    assert invoke(db_url, "users", "list", "--json", user="first").exit_code == 0
    assert invoke(db_url, "users", "add", "second", user="first").exit_code == 0
    result = invoke(db_url, "users", "add", "third", user="stranger")
    assert result.exit_code == 1 and "ไม่ใช่ผู้ใช้ของ saraban" in result.stderr


def test_db_upgrade_and_unknown_agency_message(db_url: str) -> None:
    result = invoke(db_url, "db", "upgrade")
    assert result.exit_code == 0
    result = invoke(db_url, "agencies", "add", "x", "--parent", "ไม่มีหน่วยงานนี้")
    assert result.exit_code == 1 and "ไม่พบหน่วยงาน" in result.stderr

"""Who may do what (#10 finding 2): a table of roles and commands, each cell run for real.

Administrators manage users, agencies and keys; clerks and secretaries work registers and
letters; auditors read everything they are cleared for and write nothing. Until a database
has an administrator its first user is one (day one); after that, only administrators.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from saraban.cli import app
from saraban.services.context import open_context
from saraban.services.registers import receive
from saraban.services.users import add_user
from tests.services.helpers import letter_text, parsed

ROLES = ("admin", "clerk", "secretary", "auditor")
NAN = "นน 0023"
WRITERS = {"clerk", "secretary"}
EVERYONE = set(ROLES)
REFUSED = ("ไม่ได้", "อ่านได้อย่างเดียว")

Args = Callable[[str, Path], list[str]]


def _letter(role: str, tmp: Path) -> str:
    path = tmp / f"{role}.txt"
    path.write_text(letter_text(f"นน 0023.5/ว {ROLES.index(role) + 1}"), encoding="utf-8")
    return str(path)


# Each command, who may run it, and its arguments for a given role (each role its own data).
TABLE: list[tuple[str, set[str], Args]] = [
    ("users add", {"admin"}, lambda r, t: ["users", "add", f"new-{r}", "--role", "clerk"]),
    ("users list", EVERYONE, lambda r, t: ["users", "list", "--json"]),
    ("agencies add", {"admin"}, lambda r, t: ["agencies", "add", f"สำนักงานทดสอบ {r}"]),
    ("agencies edit", {"admin"}, lambda r, t: ["agencies", "edit", NAN, "--email", f"{r}@example.go.th"]),
    ("agencies list", EVERYONE, lambda r, t: ["agencies", "list", "--json", "--search", "น่าน"]),
    ("receive", WRITERS, lambda r, t: ["receive", _letter(r, t), "--at", NAN, "--when", "2567-01-05T09:00"]),
    ("register", EVERYONE, lambda r, t: ["register", NAN, "--json"]),
    ("trace", EVERYONE, lambda r, t: ["trace", "นน 0023.5/ว 9", "--json"]),
    ("endorse", WRITERS, lambda r, t: ["endorse", "นน 0023.5/ว 9", "--at", NAN, "--text", f"ทราบ ({r})"]),
    ("void", WRITERS, lambda r, t: ["void", NAN, "2" if r == "secretary" else "1", "--reason", "ผิด", "--year", "2567"]),
    ("retention hold", WRITERS, lambda r, t: ["retention", "hold", "นน 0023.5/ว 9", "--reason", "คดี"]),
    ("audit verify", EVERYONE, lambda r, t: ["audit", "verify", "--json"]),
    ("audit keygen", {"admin", "auditor"}, lambda r, t: ["audit", "keygen", "--out", str(t / f"{r}.key")]),
]


@pytest.fixture
def office(db_url: str, tmp_path: Path) -> str:
    ctx = open_context(db_url, user="first")
    _ = ctx.actor  # the first user: a clerk, and until an admin exists, the one who names them
    with ctx.administering("เพิ่มผู้ใช้") as s:
        for role in ROLES:
            add_user(s, role, role, NAN)
    clerk = open_context(db_url, user="clerk")
    for n in (1, 2):
        receive(clerk, parsed(f"นน 0023.5/{n}"), NAN, datetime(2024, 1, 4, 9, n))
    receive(clerk, parsed("นน 0023.5/ว 9"), NAN, datetime(2024, 1, 4, 10, 0))
    ctx.engine.dispose()
    clerk.engine.dispose()
    return db_url


@pytest.mark.parametrize(("command", "allowed", "args"), TABLE, ids=[row[0] for row in TABLE])
def test_each_role_may_run_only_its_commands(office: str, tmp_path: Path, command: str, allowed: set[str],
                                             args: Args) -> None:  # fmt: skip
    for role in ROLES:
        result = CliRunner().invoke(app, ["--db", office, "--user", role, *args(role, tmp_path)])
        refused = result.exit_code != 0 and any(word in result.output for word in REFUSED)
        if role in allowed:
            assert result.exit_code == 0, f"{command} as {role}: {result.output}"
        else:
            assert refused, f"{command} as {role} should be refused: {result.output}"
        assert "Traceback" not in result.output


def test_the_first_user_names_the_administrators_then_only_they_manage_users(db_url: str) -> None:
    def run(user: str, *args: str):
        return CliRunner().invoke(app, ["--db", db_url, "--user", user, *args])

    assert run("first", "users", "list").exit_code == 0  # opens the database: "first" is its first user
    assert run("first", "users", "add", "boss", "--role", "admin").exit_code == 0
    refused = run("first", "users", "add", "sneaky", "--role", "admin", "--clearance", "ลับที่สุด")
    assert refused.exit_code != 0 and "ผู้ดูแลระบบ" in refused.output
    assert run("boss", "users", "add", "somsri", "--role", "clerk").exit_code == 0
    stranger = run("stranger", "users", "add", "x", "--role", "admin")
    assert stranger.exit_code != 0 and "ไม่ใช่ผู้ใช้ของ saraban" in stranger.output


def test_the_administrators_day_one_runs_as_the_readme_prints_it(isolated_home: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    # On a new database the first person naming themself admin with their own login was
    # refused ("บัญชีเครื่อง … ผูกกับผู้ใช้อื่นแล้ว": saraban had made a clerk for that login), and
    # the office's code could not be set (the directory lists no district office).
    import re
    import shlex

    from saraban.services.identity import OsLogin

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    day_one = readme.split("**Day one for an administrator.**", 1)[1].split("\n\n", 1)[0]
    lines = [" ".join(found.split()) for found in re.findall(r"`(saraban [^`]+)`", day_one)]
    assert len(lines) >= 6, lines
    me = OsLogin.current().name
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for line in lines:
        args = shlex.split(line.replace("--login prasert", f"--login {me}"))[1:]  # the reader's own login
        result = runner.invoke(app, args)
        assert result.exit_code == 0, f"{line}\n{result.output}"
    users = {u["name"]: u for u in __import__("json").loads(runner.invoke(app, ["users", "list", "--json"]).output)}
    assert users["ประเสริฐ"]["role"] == "admin" and me not in users, "the person named, not a second user"
    assert any(p.name.startswith("checkpoint") for p in tmp_path.iterdir())

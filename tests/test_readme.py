"""The README's commands work as printed (#12 item 11).

The tour block runs for real, after the demo is built, with no ``--db`` and no ``--user``: a
newcomer copies it and it works. Every other ``saraban`` line of the README names commands
and options that exist, so a renamed option cannot leave the README behind.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import typer.main

from saraban.cli import app
from tests.demo_copy import copy_demo

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
TOUR_MARK = "<!-- tour: run as printed by tests/test_readme.py -->"


def _blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, flags=re.S)


def _tour() -> str:
    after = README.split(TOUR_MARK, 1)[1]
    match = re.match(r"\s*```sh\n(.*?)```", after, flags=re.S)
    assert match, "the tour block must follow its mark"
    return match.group(1)


def _command_lines() -> list[str]:
    lines = []
    for block in _blocks():
        joined = re.sub(r"\\\n\s*", " ", block)
        lines += [line.strip() for line in joined.splitlines() if line.strip().startswith("saraban ")]
    return lines


def test_the_tour_runs_as_printed_on_the_demo(demo_db: Path, isolated_home: Path) -> None:
    tour = _tour()
    assert "--db" not in tour and "--user" not in tour
    if not (ROOT / ".venv" / "bin" / "activate").exists():
        pytest.fail("the tour activates .venv: run the tests through `make test`")
    isolated_home.mkdir(parents=True, exist_ok=True)
    copy_demo(demo_db, isolated_home / "demo.sqlite")  # where `make demo` leaves it
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("SARABAN_DATABASE_URL", None)
    result = subprocess.run(
        ["bash", "-e", "-c", tour], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    assert "ใช้ฐานข้อมูลตัวอย่าง" in result.stderr  # never silently the demo
    assert "การป้องกันและแก้ไขปัญหาหมอกควันและไฟป่า" in result.stdout  # the demo's circular
    assert re.search(r"เลขรับ \d+/\d{4}", result.stdout)
    assert "แก้เรื่อง: ขอเชิญประชุมชี้แจงแนวทางการจัดทำแผนพฒนาท้องถิ่น → " in result.stderr
    assert "OCR อ่านสระหาย" in result.stdout  # history
    assert re.search(r"ยังไม่รับ \d+ แห่ง: องค์การบริหารส่วนตำบล", result.stdout)  # the route reaches the local bodies
    (written,) = re.findall(r"/ว \d+ → \d+ แห่ง: (.+\.docx)$", result.stdout, flags=re.M)
    from docx import Document

    text = "\n".join(p.text for p in Document(written).paragraphs)
    assert "(นายสมชาย ใจดี)" in text and "ท้องถิ่นอำเภอท่าวังผา" in text  # signed, ready to sign
    assert "ok: บันทึก" in result.stdout
    assert not (isolated_home / "saraban.sqlite").exists()  # the demo was used, no empty file made


def test_db_init_makes_the_offices_own_database_and_the_demo_is_left(demo_db: Path, isolated_home: Path) -> None:
    from typer.testing import CliRunner

    isolated_home.mkdir(parents=True, exist_ok=True)
    copy_demo(demo_db, isolated_home / "demo.sqlite")
    runner = CliRunner()
    on_demo = runner.invoke(app, ["register", "นน 0023.11", "--json"])
    assert on_demo.exit_code == 0 and "ใช้ฐานข้อมูลตัวอย่าง" in on_demo.stderr and on_demo.stdout.strip() != "[]"
    made = runner.invoke(app, ["db", "init"])
    assert made.exit_code == 0 and str(isolated_home / "saraban.sqlite") in made.stderr
    own = runner.invoke(app, ["register", "นน 0023", "--json"])  # the demo's district codes are not there
    assert own.exit_code == 0 and own.stdout.strip() == "[]" and "ตัวอย่าง" not in own.stderr


def _options(command: object) -> set[str]:
    params = getattr(command, "params", [])
    return {name for param in params for name in (*param.opts, *getattr(param, "secondary_opts", []))}


@pytest.mark.parametrize("line", _command_lines())
def test_every_readme_command_names_real_commands_and_options(line: str) -> None:
    code = line.split(" #", 1)[0]
    words = shlex.split(re.sub(r"[\[\]|]", " ", code))[1:]
    command = typer.main.get_command(app)
    known = _options(command)  # --db, --user
    while getattr(command, "commands", None) and words and not words[0].startswith("-"):
        name = words.pop(0)
        assert name in command.commands, f"README: `saraban … {name}` is not a command ({line})"  # type: ignore[attr-defined]
        command = command.commands[name]  # type: ignore[attr-defined]
    options = known | _options(command)
    for word in words:
        if word.startswith("--"):
            assert word.split("=", 1)[0] in options, f"README: {word} is not an option of `{command.name}` ({line})"

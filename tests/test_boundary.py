"""The core never imports Textual or Typer: each core module is imported in a fresh interpreter."""

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "saraban"
SHELLS = ("saraban.cli", "saraban.tui")


def core_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(p for p in parts if p != "__init__")
        if name.startswith(SHELLS) or name == "saraban.__main__":
            continue
        names.append(name)
    return names


def test_core_modules_are_found() -> None:
    names = core_modules()
    assert "saraban.parsing" in names and "saraban.services.context" in names and len(names) > 15


@pytest.mark.parametrize("module", core_modules())
def test_core_module_does_not_import_ui_frameworks(module: str) -> None:
    probe = (
        f"import importlib, sys; importlib.import_module({module!r}); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'typer') "
        "or m.startswith(('saraban.cli', 'saraban.tui'))); "
        "print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"{module} imports {result.stdout.strip()}"


def test_the_layers_contract_is_kept() -> None:
    # The core's own layers (pyproject's [tool.importlinter]): services never reach into the
    # demo, the letters never open a session, reading never touches storage, at module level
    # or inside a function alike.
    linter = Path(sys.executable).with_name("lint-imports")
    assert linter.exists(), "import-linter is not installed: pip install -e '.[test]'"
    result = subprocess.run([str(linter)], capture_output=True, text=True, cwd=PACKAGE.parent, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]


def test_the_marks_of_a_letter_are_written_once_in_the_parser() -> None:
    # #30 item 3: the urgency words were typed again in parsing/__init__.py, lines.py and
    # repair.py beside record.URGENCIES; a fourth urgency would have been missed in three places.
    import re

    parser = Path(__file__).resolve().parents[1] / "saraban" / "parsing"
    for path in parser.glob("*.py"):
        if path.name == "record.py":
            continue
        code = path.read_text(encoding="utf-8")
        assert not re.search(r"ด่วนที่สุด\|ด่วนมาก|ลับที่สุด\|ลับมาก|\"ด่วนมาก\"|\"ลับมาก\"", code), path.name

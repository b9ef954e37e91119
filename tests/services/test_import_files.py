"""One bad file never stops an import (#10 finding 7): each is one line, the good ones are
stored file by file, a kill keeps what was stored, and a re-run repeats nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlmodel import func, select
from typer.testing import CliRunner

from saraban.cli import app
from saraban.db.tables import Letter
from tests.services.helpers import letter_text

ROOT = Path(__file__).resolve().parents[2]
RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="word/document.xml"/></Relationships>'
)
TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(path: Path, document_xml: str, *, types: str = TYPES) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document_xml)
    return path


def _entities(levels: int) -> str:
    """A billion-laughs DOCTYPE: each entity ten of the one before."""
    first = '<!ENTITY e0 "ลับลับลับลับลับ">'
    return "".join([first] + [f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, levels)])


def _body(inner: str, doctype: str = "") -> str:
    head = f'<?xml version="1.0"?><!DOCTYPE w:document [{doctype}]>' if doctype else ""
    return f"{head}<w:document {W}><w:body>{inner}</w:body></w:document>"


def _folder(tmp_path: Path) -> Path:
    """Three good letters among every kind of broken file an office has sent us."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "01_good.txt").write_text(letter_text("นน 0023.5/ว 101"), encoding="utf-8")
    (folder / "02_no_document.docx").write_bytes(b"")
    with zipfile.ZipFile(folder / "02_no_document.docx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")  # python-docx once raised AttributeError here
    _docx(folder / "03_unclosed.docx", f"<w:document {W}><w:body><w:p>ค้าง")
    _docx(folder / "04_entities.docx", _body("<w:p><w:r><w:t>&e7;</w:t></w:r></w:p>", _entities(8)))
    _docx(folder / "05_deep.docx", _body("<w:p>" * 50_000 + "</w:p>" * 50_000))
    _docx(folder / "06_bomb.docx", _body("<w:p><w:r><w:t>" + " " * (80 * 2**20) + "</w:t></w:r></w:p>"))
    (folder / "07_good_utf16_cut.txt").write_bytes(letter_text("นน 0023.5/ว 102").encode("utf-16")[:-1])
    (folder / "08_good_utf16le_no_bom.txt").write_bytes(letter_text("นน 0023.5/ว 103").encode("utf-16-le"))
    (folder / "09_binary.txt").write_bytes(bytes(range(256)) * 8)
    return folder


def _letters(ctx) -> int:
    with ctx.reading() as s:
        return int(s.exec(select(func.count(Letter.id))).one())


def test_each_bad_file_is_one_line_and_the_good_ones_are_stored(ctx, db_url, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    assert (folder / "06_bomb.docx").stat().st_size < 1_000_000  # small on disk, 80 MB unpacked
    result = CliRunner().invoke(app, ["--db", db_url, "--user", "somchai", "import", str(folder)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    bad = [line for line in result.output.splitlines() if line.startswith("saraban:") or "ไม่ได้" in line]
    for name in ("02_no_document", "03_unclosed", "04_entities", "05_deep", "06_bomb", "09_binary"):
        assert sum(name in line for line in bad) == 1, (name, result.output)
    assert _letters(ctx) == 3
    again = CliRunner().invoke(app, ["--db", db_url, "--user", "somchai", "import", str(folder)])
    assert again.exit_code == 1
    assert _letters(ctx) == 3  # nothing twice


@pytest.mark.parametrize("kill_at", [1, 3])
def test_a_killed_import_keeps_what_it_stored_and_a_rerun_finishes(ctx, db_url, tmp_path: Path, kill_at: int) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(1, 5):
        (folder / f"{n}.txt").write_text(letter_text(f"นน 0023.5/ว {200 + n}"), encoding="utf-8")
    killed = subprocess.run(
        [sys.executable, "-m", "tests.services.import_worker", db_url, str(folder), str(kill_at)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert _letters(ctx) == kill_at - 1  # the files before the kill, each committed on its own
    done = CliRunner().invoke(app, ["--db", db_url, "--user", "somchai", "import", str(folder)])
    assert done.exit_code == 0, done.output
    assert _letters(ctx) == 4
    with ctx.reading() as s:
        from saraban.services.ledger import verify

        assert verify(s).ok

import json
from pathlib import Path

import docx
from typer.testing import CliRunner

from saraban.cli import app
from saraban.thai.breaks import plain
from tests.letters.test_render import CONTENT, check_format

runner = CliRunner()


def test_letter_templates_lists_placeholders() -> None:
    result = runner.invoke(app, ["letter", "templates", "--json"])
    assert result.exit_code == 0, result.output
    names = {t["name"]: t for t in json.loads(result.stdout)}
    assert set(names) >= {"external", "memo", "stamped", "register", "routing"}
    assert "doc_no" in names["external"]["placeholders"]


def test_letter_render_from_plain_data(tmp_path: Path) -> None:
    data = tmp_path / "data.json"
    data.write_text(json.dumps(CONTENT.to_template_data(), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["letter", "render", "memo", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    check_format(out)
    again = runner.invoke(app, ["letter", "render", "memo", "--data", str(data), "--out", str(out)])
    assert again.exit_code == 1 and "มีอยู่แล้ว" in again.stderr
    data.write_text("{}", encoding="utf-8")
    missing = runner.invoke(app, ["letter", "render", "memo", "--data", str(data), "--out", str(tmp_path / "m.docx")])
    assert missing.exit_code == 1 and "memo.docx" in missing.stderr and "missing field" in missing.stderr


def test_register_and_routing_reports(db_url: str, tmp_path: Path) -> None:
    from tests.conftest import DATA

    base = ["--db", db_url, "--user", "somchai"]
    assert runner.invoke(app, [*base, "import", str(DATA / "letters" / "bundle_nan.txt")]).exit_code == 0
    out = tmp_path / "register.docx"
    result = runner.invoke(app, [*base, "register", "นน 0023", "--year", "2567", "--docx", str(out)])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape
    cells = [plain(c.text) for row in document.tables[0].rows for c in row.cells]  # without break marks
    assert "เลขทะเบียนรับ" in cells and "๓๐๑๒" in cells
    times = [c for c in cells if c.endswith(" น.")]
    assert times and all(":" not in c for c in times)
    report = tmp_path / "routing.docx"
    result = runner.invoke(app, [*base, "trace", "ว 812", "--docx", str(report), "--json"])
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(str(report)).paragraphs)
    assert "รายงานเส้นทางหนังสือเวียน" in text and "แผนภาพสายการส่งต่อ" in text

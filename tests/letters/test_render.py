"""Rendering: every generated DOCX is opened again with python-docx and checked."""

import dataclasses
import subprocess
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from saraban.errors import TemplateProblem
from saraban.letters.content import Citation, LetterContent, collective_salutation, head_of
from saraban.letters.render import find_template, list_templates, render, safe_filename, to_pdf

CONTENT = LetterContent(
    doc_no="นน 0023.11/ว 12",
    office_name="สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา",
    office_address=["ที่ว่าการอำเภอท่าวังผา"],
    date=date(2024, 3, 22),
    subject="การเตรียมความพร้อมรับมือสาธารณภัยในช่วงฤดูฝน",
    salutation="นายกองค์กรปกครองส่วนท้องถิ่น ทุกแห่ง",
    body=["ด้วยจังหวัดน่านแจ้งเรื่องการเตรียมความพร้อม", "จึงเรียนมาเพื่อทราบ"],
    references=[Citation("กรมส่งเสริมการปกครองท้องถิ่น", "มท 0816.2/ว 4410", date(2024, 3, 15))],
    enclosures=["สำเนาหนังสือจังหวัดน่าน ที่ นน 0023.5/ว 812 ลงวันที่ 20 มีนาคม 2567 จำนวน 1 ชุด"],
    signer_name="นางพิมพ์ใจ แก้วดี",
    signer_lines=["ท้องถิ่นอำเภอท่าวังผา"],
    owning_unit="สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา",
    phone="0-5479-0000",
    email="saraban@example.go.th",
    urgency="ด่วนมาก",
    distribution=["เทศบาลตำบลท่าวังผา", "องค์การบริหารส่วนตำบลป่าคา"],
)


def _text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def check_format(path: Path, *, font: str = "TH Sarabun New", size_half_points: str = "32") -> docx.document.Document:
    document = docx.Document(str(path))
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert round(section.left_margin.cm, 2) == 3.0 and round(section.right_margin.cm, 2) == 2.0
    runs = [r for p in document.paragraphs for r in p.runs if r.text.strip()]
    assert runs
    for run in runs:
        rpr = run._element.rPr
        fonts = rpr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:cs")) == font and fonts.get(qn("w:ascii")) == font, run.text
        size, size_cs = rpr.find(qn("w:sz")).get(qn("w:val")), rpr.find(qn("w:szCs")).get(qn("w:val"))
        assert size == size_cs, run.text
    body_sizes = {r._element.rPr.find(qn("w:sz")).get(qn("w:val")) for r in runs}
    assert size_half_points in body_sizes
    return document


@pytest.mark.parametrize("name", ["external", "memo", "stamped"])
def test_letter_templates_render_in_the_official_format(name: str, tmp_path: Path) -> None:
    out = render(find_template(name), CONTENT.to_template_data("thai"), tmp_path / f"{name}.docx")
    check_format(out)
    text = _text(out)
    assert "นน ๐๐๒๓.๑๑/ว ๑๒" in text
    assert "๒๒ มีนาคม ๒๕๖๗" in text
    assert "ด่วนมาก" in text
    if name == "stamped":  # ที่ · ถึง · body · office stamp · date: no เรื่อง, no signature
        assert "ถึง\tนายกองค์กรปกครองส่วนท้องถิ่น ทุกแห่ง" in text
    else:
        assert "การเตรียมความพร้อมรับมือสาธารณภัยในช่วงฤดูฝน" in text
        assert "(นางพิมพ์ใจ แก้วดี)" in text
    if name == "external":
        assert text.index("ที่ นน") < text.index("เรื่อง") < text.index("เรียน") < text.index("อ้างถึง")
        assert text.index("อ้างถึง") < text.index("สิ่งที่ส่งมาด้วย") < text.index("ขอแสดงความนับถือ")
        assert "saraban@example.go.th" in text and "โทร. ๐-๕๔๗๙-๐๐๐๐" in text
        urgency = next(r for p in docx.Document(str(out)).paragraphs for r in p.runs if r.text == "ด่วนมาก")
        assert urgency.font.color.rgb is not None and str(urgency.font.color.rgb) == "C00000"


def test_arabic_digits_and_office_font_are_settings(tmp_path: Path) -> None:
    out = render(
        find_template("external"),
        CONTENT.to_template_data("arabic"),
        tmp_path / "a.docx",
        font="TH SarabunPSK",
        size=14,
    )
    check_format(out, font="TH SarabunPSK", size_half_points="28")
    assert "22 มีนาคม 2567" in _text(out) and "นน 0023.11/ว 12" in _text(out)


def test_garuda_image_is_placed_3cm_high(tmp_path: Path) -> None:
    import base64

    png = tmp_path / "garuda.png"
    png.write_bytes(
        base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
        )
    )
    out = render(
        find_template("external"),
        CONTENT.to_template_data(),
        tmp_path / "g.docx",
        garuda_image=str(png),
        garuda_height_mm=30,
    )
    (shape,) = docx.Document(str(out)).inline_shapes
    assert round(shape.height.cm, 1) == 3.0


def test_missing_field_names_the_field_and_template(tmp_path: Path) -> None:
    data = CONTENT.to_template_data()
    del data["subject"]
    with pytest.raises(TemplateProblem, match=r"external\.docx.*'subject'"):
        render(find_template("external"), data, tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


def _template(tmp_path: Path, name: str, *lines: str) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    path = tmp_path / f"{name}.docx"
    document.save(str(path))
    return path


def test_jinja_error_names_the_file_and_place(tmp_path: Path) -> None:
    bad = _template(tmp_path, "broken", "เรื่อง {{ subject }}", "ย่อหน้าที่สอง", "{% if urgency %}ไม่ได้ปิด")
    with pytest.raises(TemplateProblem, match=r"broken\.docx.*ย่อหน้า") as info:
        render(bad, {"subject": "ก", "urgency": "ด่วน"}, tmp_path / "o.docx")
    assert "ไม่ได้ปิด" in str(info.value) or "endif" in str(info.value)


def test_templates_render_in_a_sandbox(tmp_path: Path) -> None:
    evil = _template(tmp_path, "evil", "{{ subject.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateProblem, match="ไม่อนุญาต"):
        render(evil, {"subject": "x"}, tmp_path / "o.docx")


def test_existing_file_is_not_overwritten_unless_asked(tmp_path: Path) -> None:
    out = tmp_path / "letter.docx"
    out.write_bytes(b"keep me")
    with pytest.raises(TemplateProblem, match="มีอยู่แล้ว"):
        render(find_template("external"), CONTENT.to_template_data(), out)
    assert out.read_bytes() == b"keep me"
    render(find_template("external"), CONTENT.to_template_data(), out, overwrite=True)
    assert out.read_bytes() != b"keep me"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("นน 0023.11/ว 12", "นน 0023.11-ว 12.docx"),
        ('a:b*c?"d<e>f|g', "a_b_c_d_e_f_g.docx"),
        ("CON", "_CON.docx"),
        ("  ..  ", "_.docx"),
    ],
)
def test_safe_filenames(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def test_long_thai_file_name_is_cut_on_a_character(tmp_path: Path) -> None:
    name = safe_filename("ก" * 200)
    assert len(name.encode("utf-8")) <= 125 and name.endswith(".docx")
    (tmp_path / name).write_bytes(b"")


def test_office_templates_win_over_shipped_ones(tmp_path: Path) -> None:
    _template(tmp_path, "external", "แม่แบบของสำนักงาน {{ subject }}")
    assert find_template("external", str(tmp_path)).parent == tmp_path
    listed = {t.name: t for t in list_templates(str(tmp_path))}
    assert listed["external"].origin == "office" and listed["external"].placeholders == ["subject"]
    assert listed["memo"].origin == "shipped"
    with pytest.raises(TemplateProblem, match="ไม่พบแม่แบบ"):
        find_template("no-such-template")


def test_salutations() -> None:
    assert head_of("เทศบาลตำบลท่าวังผา") == "นายกเทศมนตรีตำบลท่าวังผา"
    assert head_of("องค์การบริหารส่วนตำบลป่าคา") == "นายกองค์การบริหารส่วนตำบลป่าคา"
    assert collective_salutation(["สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอก", "สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอข"]) == (
        "ท้องถิ่นอำเภอ ทุกอำเภอ"
    )


def test_pdf_has_the_thai_text(tmp_path: Path, office_tools: str) -> None:
    out = render(find_template("external"), CONTENT.to_template_data(), tmp_path / "letter.docx")
    pdf = to_pdf(out)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "การเตรียมความพร้อมรับมือสาธารณภัย" in text.replace("\n", "")
    assert "๒๕๖๗" in text


def test_pdf_without_libreoffice_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("saraban.letters.render.libreoffice", lambda: None)
    with pytest.raises(TemplateProblem, match="LibreOffice"):
        to_pdf(tmp_path / "x.docx")


@pytest.mark.parametrize("name", ["external", "memo", "stamped", "register", "routing"])
def test_every_bold_run_is_bold_for_thai_too(name: str, tmp_path: Path) -> None:
    from docx.oxml.ns import qn

    rendered = render(find_template("external"), CONTENT.to_template_data(), tmp_path / "l.docx")
    for path in (find_template(name), rendered):
        body = docx.Document(str(path)).element.body
        bold = [r for r in body.iter(qn("w:rPr")) if r.find(qn("w:b")) is not None]
        assert bold, path
        assert all(r.find(qn("w:bCs")) is not None for r in bold), path


def test_pdf_is_refused_when_the_font_would_be_substituted(tmp_path: Path, office_tools: str) -> None:
    out = render(find_template("external"), CONTENT.to_template_data(), tmp_path / "letter.docx")
    with pytest.raises(TemplateProblem, match="ไม่พบฟอนต์ Sarabun Nowhere"):
        to_pdf(out, font="Sarabun Nowhere")
    pdf = to_pdf(out)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "THSarabunNew" in fonts.replace(" ", "")


def _runs_of_every_part(path: Path):
    from saraban.letters.docx_format import story_elements

    document = docx.Document(str(path))
    for part in story_elements(document):
        for run in part.iter(qn("w:r")):
            text = "".join(t.text or "" for t in run.iter(qn("w:t")))
            if text.strip():
                yield text, run.find(qn("w:rPr"))


def test_the_secrecy_mark_is_32_pt_for_thai_too_and_null_marks_print_nothing(tmp_path: Path) -> None:
    # Before: the header and footer runs kept w:sz 64 without w:szCs (docxtpl renders them into
    # new parts that section.header does not return), so the Thai mark printed at 16 pt.
    secret = dataclasses.replace(CONTENT, secrecy="ลับ").to_template_data("thai")
    out = render(find_template("external"), secret, tmp_path / "secret.docx")
    marks = [rpr for text, rpr in _runs_of_every_part(out) if text == "ลับ"]
    assert len(marks) >= 2  # top and bottom of the page
    for rpr in marks:
        assert rpr.find(qn("w:szCs")).get(qn("w:val")) == rpr.find(qn("w:sz")).get(qn("w:val")) == "64"
        assert rpr.find(qn("w:bCs")) is not None and rpr.find(qn("w:rFonts")).get(qn("w:cs")) == "TH Sarabun New"
    data = {**CONTENT.to_template_data("thai"), "secrecy": None, "urgency": None}
    plain = render(find_template("external"), data, tmp_path / "plain.docx")
    assert not [text for text, _ in _runs_of_every_part(plain) if "None" in text]


def test_a_rendered_file_says_the_office_wrote_it_on_its_subject(tmp_path: Path) -> None:
    out = render(find_template("memo"), CONTENT.to_template_data("thai"), tmp_path / "memo.docx")
    properties = docx.Document(str(out)).core_properties
    assert properties.author == CONTENT.office_name and properties.title == CONTENT.subject
    assert properties.created.year > 2013 and "python-docx" not in (properties.comments or "")


def test_a_secret_letter_s_subject_is_not_its_file_title(tmp_path: Path) -> None:
    secret = dataclasses.replace(CONTENT, secrecy="ลับ").to_template_data("thai")
    out = render(find_template("external"), secret, tmp_path / "secret.docx")
    assert docx.Document(str(out)).core_properties.title == ""


def test_libreoffice_profiles_live_in_sarabans_own_folder_one_per_running_conversion(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # They lived in ~/.cache/saraban whatever SARABAN_HOME said, one profile for every
    # saraban on the machine, so each conversion waited for all the others.
    from saraban.letters.render import _profile

    monkeypatch.delenv("SARABAN_CACHE_DIR")
    with _profile("thai") as first, _profile("thai") as second:
        assert first != second
        assert first.is_relative_to(isolated_home) and second.is_relative_to(isolated_home)
        assert "<value>3</value>" in (first / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    with _profile("thai") as again:
        assert again == first  # a profile let go is used again, not made anew


SAMPLES: dict[str, object] = {
    "doc_no": "นน ๐๐๒๓.๑๑/ว ๑", "office_name": "สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา",
    "office_address": ["ที่ว่าการอำเภอท่าวังผา", "ถนนท่าวังผา นน ๕๕๑๔๐"], "date_text": "๗ ธันวาคม ๒๕๖๙",
    "subject": "ขอเชิญประชุม", "salutation": "นายกองค์การบริหารส่วนตำบลท่าวังผา",
    "reference_lines": [{"label": "อ้างถึง", "text": "หนังสือจังหวัดน่าน ที่ นน ๐๐๒๓.๓/ว ๘๑๒"}],
    "enclosure_lines": [{"label": "สิ่งที่ส่งมาด้วย", "text": "กำหนดการ จำนวน ๑ ฉบับ"}],
    "body": ["ด้วยอำเภอขอเชิญประชุม", "จึงเรียนมาเพื่อโปรดทราบ"], "signer_name": "(นายสมชาย ใจดี)",
    "signer_lines": ["ท้องถิ่นอำเภอท่าวังผา"], "owning_unit": "ฝ่ายส่งเสริมการปกครองท้องถิ่น",
    "phone": "๐ ๕๔๗๙ ๙๐๐๐", "email": "saraban@example.go.th", "urgency": None, "secrecy": None,
    "distribution": [], "distribution_title": "", "garuda": "",
}  # fmt: skip


@pytest.mark.parametrize("name", ["external", "memo", "stamped"])
def test_letter_render_works_with_exactly_the_readmes_placeholders(name: str, tmp_path: Path) -> None:
    # With the placeholders the README lists, render failed: "ไม่มีข้อมูลสำหรับช่อง 'office_head',
    # 'office_rest'" (and 'memo_lead' for a memo), which the README says letters get.
    import json
    import re

    from typer.testing import CliRunner

    from saraban.cli import app

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith(f"| `{name}` "))
    listed = re.findall(r"`([a-z_]+)`", row.split("|")[2])
    assert set(listed) <= set(SAMPLES), set(listed) - set(SAMPLES)
    data = tmp_path / "d.json"
    data.write_text(json.dumps({key: SAMPLES[key] for key in listed}, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / f"{name}.docx"
    result = CliRunner().invoke(app, ["letter", "render", name, "--data", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "None" not in text and "ท่าวังผา" in text
    if name == "memo":
        assert "ตามหนังสือจังหวัดน่าน" in text, "the memo's lead is made from its citation"

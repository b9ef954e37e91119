"""What a person sees: letters printed to PDF by LibreOffice, rasterised and read back.

Fonts embedded are TH Sarabun New (bold where bold), a fixed long letter runs to the pages
it should, no page holds only a signature, and the Garuda is drawn where the regulation's
forms put it. With ``SARABAN_README_IMAGES=1`` the first pages land in ``docs/letters`` for
the README.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from pathlib import Path

from saraban.letters.content import LetterContent
from saraban.letters.render import find_template, render, to_pdf
from tests.letters.conftest import DISTRICT
from tests.letters.emblem import draw_emblem
from tests.letters.test_render import CONTENT

DOCS = Path(__file__).resolve().parents[2] / "docs" / "letters"
PARAGRAPH = (
    "ย่อหน้าที่ {n} ด้วยจังหวัดได้แจ้งให้องค์กรปกครองส่วนท้องถิ่นเตรียมความพร้อมรับมือสาธารณภัยในช่วงฤดูฝน "
    "โดยให้สำรวจพื้นที่เสี่ยงภัย จัดเตรียมเครื่องมือ วัสดุ อุปกรณ์ และบุคลากรให้พร้อมปฏิบัติงานตลอดเวลา"
)


def _pages(pdf: Path) -> list[str]:
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                             text=True, check=True).stdout)[1])  # fmt: skip
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for i in range(1, count + 1)
    ]


def _fonts(pdf: Path) -> list[tuple[str, bool]]:
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in listing.splitlines()[2:]:
        parts = line.split()
        # name type [encoding…] emb sub uni object ID: emb is the fifth field from the end.
        rows.append((parts[0].split("+")[-1], parts[-5] == "yes"))
    return rows


def _letter(paragraphs: int, **changes: object) -> LetterContent:
    body = [PARAGRAPH.format(n=n) for n in range(1, paragraphs + 1)]
    return dataclasses.replace(CONTENT, body=body, **{"urgency": None, **changes})  # type: ignore[arg-type]


def _pdf(name: str, content: LetterContent, folder: Path, emblem: Path | None = None) -> Path:
    docx_file = render(find_template(name), content.to_template_data(), folder / f"{name}.docx", overwrite=True,
                       garuda_image=str(emblem) if emblem else None,
                       garuda_height_mm=15.0 if name == "memo" else 30.0)  # fmt: skip
    return to_pdf(docx_file)


def _keep_for_readme(pdf: Path, name: str) -> None:
    png = pdf.with_name(f"{name}-page")
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "50", "-png", "-singlefile", str(pdf), str(png)],
                   check=True)  # fmt: skip
    if os.environ.get("SARABAN_README_IMAGES") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copy(png.with_suffix(".png"), DOCS / f"{name}.png")


def test_letters_print_in_th_sarabun_new_with_the_garuda(tmp_path: Path, office_tools: str) -> None:
    from PIL import Image

    emblem = draw_emblem(tmp_path / "emblem.png")
    for name in ("external", "memo", "stamped"):
        folder = tmp_path / name
        folder.mkdir()
        pdf = _pdf(name, _letter(3, urgency="ด่วนที่สุด"), folder, emblem)
        fonts = _fonts(pdf)
        assert {f for f, _ in fonts} <= {"THSarabunNew", "THSarabunNew-Bold"}, fonts
        assert ("THSarabunNew-Bold", True) in fonts and ("THSarabunNew", True) in fonts, fonts
        _keep_for_readme(pdf, name)
        # The emblem: red pixels of the image's column; 1.5 cm from the top, 3 cm (1.5) tall.
        subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "100", "-png", "-singlefile", str(pdf),
                        str(folder / "p1")], check=True)  # fmt: skip
        page = Image.open(folder / "p1.png").convert("RGB")
        cm = page.width / 21.0
        left, right = (3.0, 4.6) if name == "memo" else (9.5, 12.5)
        box = page.crop((int(left * cm), 0, int(right * cm), int(6 * cm)))
        red = [(x, y) for x in range(box.width) for y in range(box.height)
               if (lambda p: p[0] > 150 and p[1] < 80 and p[2] < 80)(box.getpixel((x, y)))]  # fmt: skip
        assert red, f"{name}: no Garuda drawn"
        top = min(y for _, y in red) / cm
        height = (max(y for _, y in red) - min(y for _, y in red)) / cm
        expected = 1.5 if name == "memo" else 3.0
        assert 1.2 <= top <= 2.0, f"{name}: emblem {top:.2f} cm from the top"
        assert abs(height - expected) < 0.25, f"{name}: emblem {height:.2f} cm tall"


def test_a_fixed_long_letter_runs_to_its_pages_and_a_signature_never_stands_alone(
    tmp_path: Path, office_tools: str
) -> None:
    pages = _pages(_pdf("external", _letter(14), tmp_path))
    assert len(pages) == 4, [len(p) for p in pages]
    numbers = [re.search(r"-\s*(\S+)\s*-", page.strip().splitlines()[0]) for page in pages[1:]]
    assert all(numbers), "pages from the second on are numbered at the top"
    # However long the body, the page with the signature also holds some of the body.
    for paragraphs in range(4, 12):
        folder = tmp_path / str(paragraphs)
        folder.mkdir()
        for page in _pages(_pdf("external", _letter(paragraphs), folder)):
            if "(นางพิมพ์ใจ แก้วดี)" in page or "ขอแสดงความนับถือ" in page:
                assert "ย่อหน้าที่" in page or "สาธารณภัย" in page, f"{paragraphs}: a page with only the signature"
            if "ขอแสดงความนับถือ" in page:
                assert "(นางพิมพ์ใจ แก้วดี)" in page, f"{paragraphs}: closing and name on different pages"


def test_forward_register_and_routing_reports_print_right(district_ctx, tmp_path: Path, office_tools: str) -> None:
    from saraban.services.forwarding import ForwardRequest, forward
    from saraban.services.register_view import register_rows
    from saraban.services.reports import write_register_report, write_routing_report
    from saraban.services.trace import trace

    ctx = district_ctx
    issued = forward(ctx, ForwardRequest("ว 812", DISTRICT, all_children=True, out_dir=tmp_path, pdf=True,
                                         template="stamped"))  # fmt: skip
    stamped_pdf = issued.letters[0].pdf
    register = write_register_report(ctx, DISTRICT, register_rows(ctx, DISTRICT, book="send"), tmp_path / "r.docx",
                                     book="send")  # fmt: skip
    routing = write_routing_report(ctx, trace(ctx, "ว 812"), tmp_path / "routing.docx")
    for pdf, name in ((stamped_pdf, "stamped-forward"), (to_pdf(register), "register"), (to_pdf(routing), "routing")):
        fonts = _fonts(pdf)
        assert {f for f, _ in fonts} <= {"THSarabunNew", "THSarabunNew-Bold"}, (name, fonts)
        text = "\n".join(_pages(pdf))
        assert not re.search(r"\b20\d\d-\d\d-\d\d", text), f"{name}: an ISO date"
        _keep_for_readme(pdf, name)


def test_a_one_page_circular_keeps_its_signature_on_page_one(district_ctx, tmp_path: Path, office_tools: str) -> None:
    """#29 item 7: the signature block ends at the position. Tied to the owning unit's lines
    and the distribution list, the closing of a one-page circular went to page 2 with one
    body line; the owning unit's lines and the list each stay whole wherever they fall."""
    from saraban.services.forwarding import ForwardRequest, forward

    for template, last_line in (("external", "ท้องถิ่นอำเภอท่าวังผา"), ("stamped", "โทร.")):
        out = tmp_path / template
        out.mkdir()
        issued = forward(district_ctx, ForwardRequest("ว 812", DISTRICT, all_children=True, out_dir=out, pdf=True,
                                                      template=template, again=template == "stamped"))  # fmt: skip
        pages = [[line.strip() for line in page.splitlines() if line.strip()] for page in _pages(issued.letters[0].pdf)]
        first = "\n".join(pages[0])
        assert "ขอแสดงความนับถือ" in first or template == "stamped", first
        assert any(line.startswith(last_line) for line in pages[0]), (template, first)
        for page in pages:
            text = "\n".join(page)
            if "บัญชีส่งหนังสือ" in text:  # the list whole, under its title
                assert all(f"{n}." in text for n in ("๑", "๒", "๓")), (template, text)
            if any(line.startswith("สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา") for line in page[1:]):
                assert template != "stamped" or "โทร." in text, (template, text)


def test_a_long_distribution_list_is_not_moved_whole(tmp_path: Path) -> None:
    """A list of a province's districts kept whole would jump to the next page and leave a
    gap; past ten lines only its title and first names, and its last two, are tied."""
    from docx import Document

    for count, whole in ((3, True), (20, False)):
        content = dataclasses.replace(_letter(2), distribution=[f"อำเภอที่ {n}" for n in range(1, count + 1)])
        out = render(find_template("external"), content.to_template_data(), tmp_path / f"{count}.docx", overwrite=True)
        paragraphs = Document(str(out)).paragraphs
        title = next(i for i, p in enumerate(paragraphs) if p.text == "บัญชีส่งหนังสือ")
        listed = paragraphs[title:title + count + 1]
        kept = [bool(p.paragraph_format.keep_with_next) for p in listed]
        assert kept[0] and kept[1] and not kept[-1]  # the title with its first name; the last free
        assert all(kept[:-1]) == whole, (count, kept)

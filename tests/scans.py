"""A real letter made the way offices make them: DOCX template → LibreOffice PDF → page scan."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from saraban.letters.content import LetterContent
from saraban.letters.render import find_template, render, to_pdf

LETTER = LetterContent(
    doc_no="นน 0023.11/ว 4187",
    office_name="สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา",
    office_address=["ที่ว่าการอำเภอท่าวังผา", "ถนนสุริยพงษ์ นน 55140"],
    date=date(2025, 6, 17),
    subject="การสำรวจข้อมูลแหล่งน้ำเพื่อการเกษตรในเขตองค์กรปกครองส่วนท้องถิ่น",
    salutation="นายกองค์การบริหารส่วนตำบลป่าคา",
    body=[
        "ด้วยจังหวัดน่านแจ้งว่า กรมส่งเสริมการปกครองท้องถิ่นประสงค์จะสำรวจข้อมูลแหล่งน้ำ"
        "เพื่อการเกษตรที่องค์กรปกครองส่วนท้องถิ่นดูแล เพื่อใช้วางแผนการจัดสรรงบประมาณ",
        "จึงเรียนมาเพื่อโปรดดำเนินการ",
    ],
    signer_name="นางพิมพ์ใจ แก้วดี",
    signer_lines=["ท้องถิ่นอำเภอท่าวังผา"],
    owning_unit="สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา",
    phone="0-5479-0000",
    email="saraban@example.go.th",
)


def make_letter_files(folder: Path) -> dict[str, Path]:
    """The letter as DOCX, a text-layer PDF, a 200-dpi PNG scan and a scanned (image-only) PDF."""
    from PIL import Image

    docx_path = render(find_template("external"), LETTER.to_template_data(digits="arabic"), folder / "letter.docx")
    pdf = to_pdf(docx_path)
    subprocess.run(
        ["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", "-f", "1", "-l", "1", str(pdf), str(folder / "scan")],
        check=True,
        timeout=120,
    )
    png = folder / "scan.png"
    scanned = folder / "scanned.pdf"
    with Image.open(png) as image:
        image.convert("L").save(scanned, resolution=200.0)
    # The same letter with Thai digits, as most offices print them: OCR misreads Thai digits.
    thai = to_pdf(render(find_template("external"), LETTER.to_template_data(digits="thai"), folder / "thai.docx"))
    subprocess.run(
        ["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", str(thai), str(folder / "thai")],
        check=True,
        timeout=120,
    )
    return {"docx": docx_path, "pdf": pdf, "png": png, "scanned": scanned, "png_thai": folder / "thai.png"}

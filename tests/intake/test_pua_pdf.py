"""A PDF whose text layer carries the Thai fonts' Private-Use-Area glyph codes reads as clean Thai.

The PDF is written here byte by byte: its font's ToUnicode map sends each drawn glyph to the
code point a TH Sarabun-family font gives it — U+F70A for a lowered mai ek, U+F70B for a lowered
mai tho, U+F70F for ญ without its tail — as PDFs from such fonts do.
"""

from __future__ import annotations

from pathlib import Path

from saraban.intake import read_document
from saraban.parsing import parse_file

LINES = [
    "ด\uf70aวนมาก",
    "ที่ นน 0023.11/ว 4190          สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา",
    "ที่ว\uf70aาการอำเภอท่าวังผา ถนนสุริยพงษ์ นน 55140",
    "20 มิถุนายน 2568",
    "เรื่อง ขอเชิ\uf70fประชุมคณะกรรมการพัฒนาแหล\uf70aงน้ำ",
    "เรียน นายกองค์การบริหารส\uf70aวนตำบลป\uf70aาคา",
    "ด้วยอำเภอท\uf70aาวังผาจะจัดประชุมคณะกรรมการพัฒนาแหล\uf70aงน้ำเพื่อการเกษตร ในวันที่ 30 มิถุนายน 2568",
    "จึงเรียนมาเพื่อโปรดทราบและเข\uf70bาร\uf70aวมประชุม",
    "ขอแสดงความนับถือ",
    "(นางพิมพ์ใจ แก\uf70bวดี)",
    "ท\uf70bองถิ่นอำเภอท\uf70aาวังผา",
]


def pdf_with_text_layer(path: Path, lines: list[str]) -> Path:
    chars = sorted({c for line in lines for c in line})
    # Glyphs take codes from 0x21 up; the space keeps 0x20, the one code Helvetica gives a width.
    code = {c: 0x21 + i for i, c in enumerate(c for c in chars if c != " ")}
    code[" "] = 0x20
    cmap_entries = "\n".join(f"<{code[c]:02X}> <{ord(c):04X}>" for c in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Saraban-PUA def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{cmap_entries}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    text = ["BT /F1 11 Tf 14 TL 56 790 Td"]
    for line in lines:
        text.append("<" + "".join(f"{code[c]:02X}" for c in line) + "> Tj T*")
    text.append("ET")
    content = "\n".join(text)
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def test_pua_glyph_codes_in_a_text_layer_read_as_standard_thai(tmp_path: Path, ocr_tools: None) -> None:
    pdf = pdf_with_text_layer(tmp_path / "pua.pdf", LINES)
    document = read_document(pdf)
    assert document.kind == "pdf-text"
    assert not any(0xF700 <= ord(c) <= 0xF71A for c in document.text)
    assert any("PUA" in w for w in document.warnings)
    [letter] = parse_file(pdf)
    assert letter.subject == "ขอเชิญประชุมคณะกรรมการพัฒนาแหล่งน้ำ"
    assert letter.salutation_to == "นายกองค์การบริหารส่วนตำบลป่าคา"
    assert letter.urgency == "ด่วนมาก"
    assert letter.signer_name == "นางพิมพ์ใจ แก้วดี"
    assert letter.doc_no == "นน 0023.11/ว 4190"

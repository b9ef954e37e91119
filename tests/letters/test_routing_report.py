"""The routing report counts offices, not (letter, office) pairs (#29 item 17)."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from tests.letters.conftest import DISTRICT


def test_offices_sent_two_forwards_are_counted_once(district_ctx, tmp_path: Path) -> None:
    """After a second forward to the same offices, each office that has not received was
    counted once per letter ("ยังไม่ลงรับ ๑๙ แห่ง" for 11 offices); it is one office to call,
    listed once with the letters it has not registered."""
    from saraban.services.forwarding import ForwardRequest, forward
    from saraban.services.reports import write_routing_report
    from saraban.services.trace import trace

    for again in (False, True):
        forward(district_ctx, ForwardRequest("ว 812", DISTRICT, all_children=True, out_dir=tmp_path / str(again),
                                             again=again))  # fmt: skip
    traced = trace(district_ctx, "ว 812")
    everyone = {name for node in traced.nodes for name in node.pending}
    ours = [node for node in traced.nodes if (node.doc_no or "").startswith("นน 0023.11/")]
    offices = {name for node in ours for name in node.pending}
    assert len(ours) == 2 and len(offices) == 3 and sum(len(node.pending) for node in ours) == 6
    text = "\n".join(p.text for p in Document(str(write_routing_report(district_ctx, traced, tmp_path / "r.docx")))
                     .paragraphs)  # fmt: skip
    from saraban.thai.digits import to_thai

    assert f"ยังไม่ลงรับ {to_thai(str(len(everyone)))} แห่ง" in text, text
    for office in offices:
        (line,) = [line for line in text.splitlines() if line.startswith(office)]
        assert line.count("ว ") == 2, line  # the two letters it has not registered, on its one line


def test_numbers_and_dates_never_break_in_the_routing_columns(district_ctx, tmp_path: Path) -> None:
    """#29 item 17: the routing table's narrow columns broke letter numbers and dates; their
    spaces are non-breaking and their slashes joined, as in the registers."""
    from saraban.services.forwarding import ForwardRequest, forward
    from saraban.services.reports import write_routing_report
    from saraban.services.trace import trace
    from saraban.thai.breaks import plain

    forward(district_ctx, ForwardRequest("ว 812", DISTRICT, all_children=True, out_dir=tmp_path))
    document = Document(str(write_routing_report(district_ctx, trace(district_ctx, "ว 812"), tmp_path / "r.docx")))
    cells = [cell.text for table in document.tables for row in table.rows[1:] for cell in row.cells[1:3]]
    numbered = [text for text in cells if "/" in text or "๒๕" in text or "." in text]
    assert numbered and all(" " not in text for text in numbered), numbered
    assert any("นน\u00a0๐๐๒๓.๑๑/\u2060ว" in text for text in numbered) and all(plain(t) != t for t in numbered)

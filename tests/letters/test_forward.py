"""Forwarding through the services: numbers, routing events, files, and bad templates."""

from datetime import datetime
from pathlib import Path

import docx
import pytest
from sqlmodel import select

from saraban.db.tables import RegisterEntry, RoutingEvent
from saraban.errors import InvalidInput, PermissionDenied, TemplateProblem
from saraban.services.forwarding import ForwardRequest, endorse, forward
from saraban.services.registers import acknowledge
from saraban.services.trace import trace
from saraban.services.users import add_user
from tests.letters.conftest import DISTRICT
from tests.letters.test_render import check_format


def test_circular_to_all_local_bodies(district_ctx, tmp_path: Path) -> None:
    ctx = district_ctx
    done = []
    result = forward(
        ctx,
        # Sent the day before the deadline: no room to give it earlier, and not yet past.
        ForwardRequest("ว 812", DISTRICT, all_children=True, out_dir=tmp_path, when=datetime(2024, 4, 9, 10, 0)),
        progress=lambda i, n: done.append((i, n)),
    )
    (letter,) = result.letters
    assert letter.doc_no == "นน 0023.11/ว 1" and letter.series == "circular" and len(letter.recipients) == 3
    assert done == [(1, 1)]
    document = check_format(letter.file)
    text = "\n".join(p.text for p in document.paragraphs)
    # The letter is headed ศาลากลางจังหวัดน่าน and signed by the governor: it is the province's.
    assert "สำเนาหนังสือจังหวัดน่าน ที่ นน ๐๐๒๓.๕/ว ๘๑๒ ลงวันที่ ๒๐ มีนาคม ๒๕๖๗" in text
    assert "ภายในวันที่ ๑๐ เมษายน ๒๕๖๗" in text  # the original's deadline
    assert "เทศบาลตำบลท่าวังผา" in text  # distribution list
    again = ForwardRequest("ว 812", DISTRICT, all_children=True, out_dir=tmp_path, again=True,
                           when=datetime(2024, 4, 9, 11, 0))  # fmt: skip
    second = forward(ctx, again).letters[0]
    assert second.doc_no == "นน 0023.11/ว 2" and second.file != letter.file
    data = trace(ctx, "นน 0023.11/ว 1").to_json()
    node = next(n for n in data["nodes"] if n["doc_no"] == "นน 0023.11/ว 1")
    assert node["parent"] == "นน 0023.5/ว 812" and len(node["recipients_pending"]) == 3
    acknowledge(ctx, "นน 0023.11/ว 1", "เทศบาลตำบลท่าวังผา")
    node = next(n for n in trace(ctx, "ว 812").to_json()["nodes"] if n["doc_no"] == "นน 0023.11/ว 1")
    assert len(node["recipients_pending"]) == 2 and node["receipts"][0]["agency"] == "เทศบาลตำบลท่าวังผา"


def test_per_recipient_letters_use_the_general_series(district_ctx, tmp_path: Path) -> None:
    result = forward(
        district_ctx,
        ForwardRequest(
            "ว 812", DISTRICT, ["เทศบาลตำบลท่าวังผา", "องค์การบริหารส่วนตำบลป่าคา"], mode="per-recipient", out_dir=tmp_path
        ),
    )
    assert [x.doc_no for x in result.letters] == ["นน 0023.11/1", "นน 0023.11/2"]
    text = "\n".join(p.text for p in docx.Document(str(result.letters[0].file)).paragraphs)
    assert "นายกเทศมนตรีตำบลท่าวังผา" in text
    with district_ctx.reading() as s:
        assert len(s.exec(select(RoutingEvent).where(RoutingEvent.event == "sent")).all()) == 2


def test_the_signature_block_comes_from_the_settings_unless_given(district_ctx, tmp_path: Path) -> None:
    district_ctx.settings.signer_name = "นางสาวพิมพ์ใจ ลงนาม"
    district_ctx.settings.signer_position = "ท้องถิ่นอำเภอท่าวังผา"
    district_ctx.settings.office_phone = "0 5479 9999"
    first = forward(district_ctx, ForwardRequest("ว 812", DISTRICT, ["เทศบาลตำบลท่าวังผา"], out_dir=tmp_path))
    text = "\n".join(p.text for p in docx.Document(str(first.letters[0].file)).paragraphs)
    assert "(นางสาวพิมพ์ใจ ลงนาม)" in text and "ท้องถิ่นอำเภอท่าวังผา" in text and "โทร. ๐ ๕๔๗๙ ๙๙๙๙" in text
    given = ForwardRequest("ว 812", DISTRICT, ["องค์การบริหารส่วนตำบลป่าคา"], out_dir=tmp_path, signer_name="นายอื่น ลงแทน")
    text = "\n".join(p.text for p in docx.Document(str(forward(district_ctx, given).letters[0].file)).paragraphs)
    assert "(นายอื่น ลงแทน)" in text and "พิมพ์ใจ" not in text


def test_a_broken_template_takes_no_number(district_ctx, tmp_path: Path) -> None:
    office = tmp_path / "office"
    office.mkdir()
    document = docx.Document()
    document.add_paragraph("ที่ {{ doc_no }} {{ field_nobody_fills }}")
    document.save(str(office / "external.docx"))
    district_ctx.settings.templates_dir = str(office)
    with pytest.raises(TemplateProblem, match="field_nobody_fills"):
        forward(district_ctx, ForwardRequest("ว 812", DISTRICT, all_children=True, out_dir=tmp_path))
    with district_ctx.reading() as s:
        assert s.exec(select(RegisterEntry).where(RegisterEntry.book == "send")).all() == []


def test_forward_needs_recipients_and_a_code(district_ctx, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="ไม่มีผู้รับ"):
        forward(district_ctx, ForwardRequest("ว 812", DISTRICT, out_dir=tmp_path))
    with pytest.raises(InvalidInput, match="ยังไม่มีรหัสหนังสือ"):
        forward(district_ctx, ForwardRequest("ว 812", "อำเภอเกาะคา", all_children=True, out_dir=tmp_path))


def test_endorsement_is_recorded_and_auditors_cannot_forward(district_ctx, db_url, tmp_path: Path) -> None:
    from saraban.services.context import open_context

    event = endorse(district_ctx, "ว 812", DISTRICT, "เสนอ ท้องถิ่นอำเภอ เพื่อโปรดทราบ")
    assert event.note == "เสนอ ท้องถิ่นอำเภอ เพื่อโปรดทราบ" and event.created_by == "somchai"
    with district_ctx.writing() as s:
        add_user(s, "auditor1", "auditor")
    auditor = open_context(db_url, user="auditor1")
    with pytest.raises(PermissionDenied):
        forward(auditor, ForwardRequest("ว 812", DISTRICT, all_children=True, out_dir=tmp_path))
    with pytest.raises(PermissionDenied):
        endorse(auditor, "ว 812", DISTRICT, "ไม่ควรบันทึกได้")


def test_a_forward_s_citation_and_issued_file_are_proved_unchanged(district_ctx, tmp_path: Path) -> None:
    # Before: citation rows and the DOCX a forward wrote were outside the ledger; re-pointing
    # the citation that links the hop, or rewriting or deleting the issued file, passed verify.
    from sqlalchemy import text

    from saraban.db.tables import Letter
    from saraban.services.filestore import kept
    from saraban.services.ledger import verify
    from tests.services.helpers import as_dba

    (letter,) = forward(district_ctx, ForwardRequest("ว 812", DISTRICT, all_children=True, out_dir=tmp_path)).letters
    letter.file.write_bytes(b"the secretary's own edit before signing")  # theirs to change
    with district_ctx.reading() as s:
        assert verify(s).ok, verify(s).problems
        issued = s.get(Letter, letter.letter_id)
        copy = kept(district_ctx.engine, issued.source_sha256, issued.source_path)
    assert copy is not None and copy.read_bytes()[:2] == b"PK"  # saraban's copy is what it wrote

    def problems() -> list[str]:
        with district_ctx.reading() as s:
            return verify(s).problems

    with district_ctx.engine.begin() as conn:
        as_dba(conn)
        conn.execute(text("UPDATE citation SET ref_key = 'x', ref_doc_no = 'นน 0023.5/ว 999'"))
    assert any("การอ้างถึง" in p and "ref_doc_no" in p for p in problems())
    copy.write_bytes(copy.read_bytes() + b"\0")
    assert any("ถูกแก้ไข" in p and letter.doc_no in p for p in problems())
    copy.unlink()
    assert any("หายไป" in p and letter.doc_no in p for p in problems())


def test_the_receiving_register_says_what_was_done_with_each_letter(district_ctx, tmp_path: Path) -> None:
    # การปฏิบัติ was empty for every receipt, also for letters endorsed and sent on.
    from saraban.services.register_view import register_rows

    ctx = district_ctx
    endorse(ctx, "ว 812", DISTRICT, "เรียน ท้องถิ่นอำเภอ เพื่อโปรดพิจารณา")
    result = forward(ctx, ForwardRequest("ว 812", DISTRICT, all_children=True, out_dir=tmp_path))
    sent = result.letters[0]
    (row,) = [r for r in register_rows(ctx, DISTRICT) if r.doc_no and r.doc_no.endswith("ว 812")]
    assert row.action is not None and row.action.startswith("เกษียน เรียน ท้องถิ่นอำเภอ"), row.action
    assert f"ส่ง {len(sent.recipients)} แห่ง ตาม {sent.doc_no} ลว." in row.action
    others = [r for r in register_rows(ctx, DISTRICT) if r.doc_no and not r.doc_no.endswith("ว 812")]
    assert all(not r.action for r in others), "only what was done with this letter"

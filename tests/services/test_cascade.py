from datetime import date

from sqlmodel import select

from saraban.db.tables import Agency, Letter, RegisterEntry
from saraban.services.importing import import_paths
from saraban.services.trace import trace
from tests.conftest import DATA

BUNDLE = DATA / "letters" / "bundle_nan.txt"


def test_import_links_the_bundle_and_registers_its_stamps(ctx) -> None:
    report = import_paths(ctx, [BUNDLE])
    assert [x.doc_no for x in report.letters] == ["นน 0023.5/ว 812", "นน. 0023.11/2204", "มท 0816.2/ว 4410"]
    province, endorsement, dla = report.letters
    assert (province.parent, province.link) == ("มท 0816.2/ว 4410", "exact")
    assert (endorsement.parent, endorsement.link) == ("นน 0023.5/ว 812", "written-on")
    assert province.receipts == [
        {"agency": "สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา", "number": 1427, "date": "2024-03-21", "time": "10:15"}
    ]
    # The DLA letter's stamp names no office: the province that forwarded it received it.
    assert dla.receipts[0]["agency"] == "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดน่าน"
    assert "สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา" in report.agencies_for_review
    with ctx.reading() as s:
        district = s.exec(select(Agency).where(Agency.name.like("%อำเภอท่าวังผา"))).one()
        assert district.needs_review and district.level == "district" and district.province == "นน"


def test_importing_twice_adds_nothing(ctx) -> None:
    import_paths(ctx, [BUNDLE])
    again = import_paths(ctx, [BUNDLE])
    assert not any(x.new or x.receipts for x in again.letters)
    with ctx.reading() as s:
        assert len(s.exec(select(Letter)).all()) == 3
        assert len(s.exec(select(RegisterEntry)).all()) == 2


def test_trace_from_any_letter_shows_the_whole_cascade(ctx) -> None:
    import_paths(ctx, [BUNDLE])
    for start in ("ว 4410", "นน 0023.5/ว 812", "2204"):
        data = trace(ctx, start).to_json()
        assert data["root"] == "มท 0816.2/ว 4410"
        assert [n["doc_no"] for n in data["nodes"]] == [
            "มท 0816.2/ว 4410",
            "นน 0023.5/ว 812",
            "นน. 0023.11/2204",
        ]
    root, province, _ = data["nodes"]
    assert set(root) >= {
        "doc_no",
        "date",
        "sender_agency",
        "parent",
        "link",
        "receipts",
        "recipients_pending",
    }
    assert root["parent"] is None and province["parent"] == "มท 0816.2/ว 4410"
    assert root["receipts"][0]["number"] == "3012" and root["receipts"][0]["time"] == "14:40"
    # "ผู้ว่าราชการจังหวัด ทุกจังหวัด": every provincial office but น่าน is still pending.
    assert len(root["recipients_pending"]) == 75
    assert province["date"] == date(2024, 3, 20).isoformat()


def test_fuzzy_link_when_ocr_broke_the_cited_number(ctx, tmp_path) -> None:
    parent = (
        "ที่ มท 0816.2/ว 4410\t\tกรมส่งเสริมการปกครองท้องถิ่น\n15 มีนาคม 2567\n"
        "เรื่อง การเตรียมความพร้อมรับมือสาธารณภัยในช่วงฤดูฝน\nเรียน ผู้ว่าราชการจังหวัด ทุกจังหวัด\n"
    )
    child = (
        "ที่ นน 0023.5/ว 812\t\tศาลากลางจังหวัดน่าน\n20 มีนาคม 2567\n"
        "เรื่อง การเตรียมความพร้อมรับมือสาธารณภัยในช่วงฤดูฝน\nเรียน นายอำเภอ ทุกอำเภอ\n"
        "สิ่งที่ส่งมาด้วย สำเนาหนังสือกรมส่งเสริมการปกครองท้องถิ่น ด่วนมาก ที่ มท 0816.2/ว 4401 ลงวันที่ 15 มีนาคม 2567\n"
    )
    (tmp_path / "a_child.txt").write_text(child, encoding="utf-8")
    (tmp_path / "b_parent.txt").write_text(parent, encoding="utf-8")
    report = import_paths(ctx, [tmp_path])
    with ctx.reading() as s:
        linked = s.exec(select(Letter).where(Letter.doc_no == "นน 0023.5/ว 812")).one()
        assert linked.link_method == "fuzzy" and 0.75 <= linked.link_score < 1
    assert len(report.letters) == 2

"""The parser on our own sample letters (tests/data/letters), written in the official style."""

from datetime import date

import pytest

from saraban.parsing import parse_file, parse_text
from tests.conftest import DATA

LETTERS = DATA / "letters"


def test_forwarded_bundle_yields_each_letter_in_order() -> None:
    letters = parse_file(LETTERS / "bundle_nan.txt")
    assert [(x.kind, x.doc_no) for x in letters] == [
        ("external", "นน 0023.5/ว 812"),
        ("other", "นน. 0023.11/2204"),
        ("external", "มท 0816.2/ว 4410"),
    ]
    province, endorsement, dla = letters
    assert province.circular is True
    assert province.date == date(2024, 3, 20)
    assert province.sender_agency == "ศาลากลางจังหวัดน่าน"
    assert province.references[0].doc_no == "มท 0816.2/ว 4410"
    assert province.references[0].date == date(2024, 3, 15)
    assert province.deadline == date(2024, 4, 10)
    stamp = province.receipt_stamps[0]
    assert (stamp.agency, stamp.number, stamp.date, stamp.time) == (
        "สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา",
        "1427",
        date(2024, 3, 21),
        "10:15",
    )
    assert province.signer_name == "นายวิรัช ทองมาก"
    assert province.signer_position == "ปลัดจังหวัด ปฏิบัติราชการแทน"
    assert endorsement.signer_name == "นางพิมพ์ใจ แก้วดี"
    assert endorsement.sender_agency == "สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา"
    assert endorsement.date == date(2024, 3, 21)
    assert dla.receipt_stamps[0].agency is None and dla.receipt_stamps[0].number == "3012"
    assert [(r.doc_no, r.date) for r in dla.references] == [("มท 0205/ว 991", date(2024, 3, 1))]
    assert dla.sender_agency == "กรมส่งเสริมการปกครองท้องถิ่น"


def test_secret_urgent_letter_with_two_references_and_arabic_date() -> None:
    (letter,) = parse_file(LETTERS / "urgent_secret_refs.txt")
    assert letter.secrecy == "ลับ" and letter.urgency == "ด่วนมาก"
    assert letter.date == date(2024, 1, 5)
    assert [(r.doc_no, r.date) for r in letter.references] == [
        ("มท 0809.3/ว 77", date(2024, 1, 2)),
        ("ลป 0023.2/ว 120", date(2023, 12, 28)),
    ]
    assert letter.attachments == ["แบบรายงานข้อมูลบุคลากร จำนวน ๑ แผ่น"]
    assert letter.deadline == date(2024, 1, 20)


def test_stamped_letter() -> None:
    (letter,) = parse_file(LETTERS / "stamped_copy.txt")
    assert letter.kind == "stamped"
    assert letter.salutation_to == "สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอ ทุกอำเภอ"
    assert letter.date == date(2024, 2, 8)
    assert letter.signer_name is None


def test_memo_with_unit_on_two_lines_and_number_beside_date() -> None:
    (memo,) = parse_file(LETTERS / "memo_two_line_unit.txt")
    assert memo.kind == "memo"
    assert memo.sender_agency == "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดขอนแก่น กลุ่มงานส่งเสริมและพัฒนาท้องถิ่น"
    assert memo.doc_no == "ขก 0023.3/217"
    assert memo.date == date(2023, 7, 12)
    assert memo.signer_position == "นักส่งเสริมการปกครองท้องถิ่นชำนาญการ"


def test_missing_day_is_warned_not_guessed() -> None:
    text = "ที่ มท 0810.3/\tกรมส่งเสริมการปกครองท้องถิ่น\nมิถุนายน 2562\nเรื่อง ทดสอบ\nเรียน ผู้ว่าราชการจังหวัด ทุกจังหวัด\n"
    (letter,) = parse_text(text)
    assert letter.doc_no == "มท 0810.3/" and letter.date is None
    assert any("ไม่ระบุวันที่" in w for w in letter.warnings)


def test_thirty_first_of_february_is_a_clear_warning() -> None:
    (letter,) = parse_text("ที่ นน 0023.5/99\n31 ก.พ. 2567\nเรื่อง ทดสอบ\nเรียน นายอำเภอ\n")
    assert letter.date is None
    assert any("ไม่มีวันที่ 31 ก.พ. 2567" in w for w in letter.warnings)


def test_text_without_a_letter_gives_no_record() -> None:
    assert parse_text("สรุปข้อมูลการประชุม\nรายละเอียดตามเอกสาร") == []


@pytest.mark.parametrize("name", sorted(p.name for p in LETTERS.glob("*.txt")))
def test_every_sample_gives_json_with_the_contract_keys(name: str) -> None:
    keys = {
        "source",
        "index",
        "kind",
        "doc_no",
        "circular",
        "date",
        "subject",
        "salutation_to",
        "sender_agency",
        "attachments",
        "references",
        "urgency",
        "secrecy",
        "receipt_stamps",
        "signer_name",
        "signer_position",
        "deadline",
        "warnings",
        "confidence",
        "suggestions",
        "provenance",
        "source_kind",
        "source_sha256",
    }
    for letter in parse_file(LETTERS / name):
        assert set(letter.to_json()) == keys


OCR_VARIANTS = """บันทึกข้อความ
ส่วนราชการ
สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดแพร่
ที่
พร 0023.2/88
วันที่
3 มีนาคม 2568
เรื่อง
ขอรายงานผลการตรวจติดตาม
เรียน ท้องถิ่นจังหวัดแพร่
ด้วยกลุ่มงานได้ตรวจติดตามแล้ว
(นางสาวสุดา ใจงาม)
นักจัดการงานทั่วไปชำนาญการ

ด่วนมาก ที่ พร 0023.3/ว 12\t\tศาลากลางจังหวัดแพร่
4 มีนาคม 2568
เรื่อง แจ้งเวียนเพื่อทราบ
เรียน นายอำเภอ ทุกอำเภอ
เลขรับ
4521
วันที่ 5/3/68
ขอแสดงความนบถือ
นายวีระ ศรีงาม
ท้องถิ่นจังหวัดแพร่
\f***ด่วนที่สุด***
ที่มท 0816.3/ว 5072\t\tกรมส่งเสริมการปกครองท้องถิ่น
ถนนนครราชสีมา กทม. 10300
20 ตุลาคม 2568
เรื่อง ทดสอบ
เรียน ผู้ว่าราชการจังหวัด ทุกจังหวัด
"""


def test_ocr_layout_variants() -> None:
    memo, province, dla = parse_text(OCR_VARIANTS)
    # A memo header set as a table: every label on a line of its own.
    assert (memo.kind, memo.doc_no, memo.date) == ("memo", "พร 0023.2/88", date(2025, 3, 3))
    assert memo.subject == "ขอรายงานผลการตรวจติดตาม"
    assert memo.signer_position == "นักจัดการงานทั่วไปชำนาญการ"
    # The urgency mark read onto the number line; the stamp number under its label; a
    # numeric stamp date; the closing formula missing a vowel; the signer's parentheses lost.
    assert (province.urgency, province.doc_no, province.circular) == ("ด่วนมาก", "พร 0023.3/ว 12", True)
    stamp = province.receipt_stamps[0]
    assert (stamp.number, stamp.date) == ("4521", date(2025, 3, 5))
    assert (province.signer_name, province.signer_position) == ("นายวีระ ศรีงาม", "ท้องถิ่นจังหวัดแพร่")
    # "ที่" glued to the code, a decorated urgency mark, a form feed between pages.
    assert (dla.doc_no, dla.urgency, dla.sender_agency) == ("มท 0816.3/ว 5072", "ด่วนที่สุด", "กรมส่งเสริมการปกครองท้องถิ่น")


def test_missing_parts_are_warned() -> None:
    (letter,) = parse_text("ที่ นน 0023.5/7\n1 มกราคม 2568\nด้วยข้อความที่ไม่มีเรื่องและไม่มีเรียน\n")
    assert {"ไม่พบชื่อส่วนราชการเจ้าของหนังสือ"} <= set(letter.warnings)


def test_stamps_read_as_one_line_or_with_the_office_beside_the_label() -> None:
    text = (
        "เลขรับ 1234 วันที่ 12 พ.ย. 61 เวลา 10.30 น.\n"
        "กองคลังท้องถิ่น เลขรับ 88\nวันที่ 13/11/2561\nเวลา 14:05\n"
        "ที่ นน 0023.5/ว 9\t\tศาลากลางจังหวัดน่าน\n๑๓ เดือน พฤศจิกายน พ.ศ. ๒๕๖๑\nเรื่อง แจ้งเวียน\nเรียน นายอำเภอ\n"
        "ด้วยได้รับแจ้งจากจังหวัด วันที่ 12 พ.ย. 2561 เวลา 10.00 น. ว่า ให้ดำเนินการ\n"
    )
    (letter,) = parse_text(text)
    stamps = [(s.agency, s.number, s.date, s.time) for s in letter.receipt_stamps]
    assert stamps == [
        (None, "1234", date(2018, 11, 12), "10:30"),
        ("กองคลังท้องถิ่น", "88", date(2018, 11, 13), "14:05"),
    ]
    assert letter.date == date(2018, 11, 13)  # the formal "๑๓ เดือน พฤศจิกายน พ.ศ. ๒๕๖๑"


MEMO_WITH_HEADINGS = """บันทึกข้อความ
ส่วนราชการ กองยุทธศาสตร์และงบประมาณ ฝ่ายแผนงาน โทร. ๐ ๕๕๒๑ ๐๐๐๐
ที่ พล ๕๒๐๐๑/๑๒๓\t\tวันที่ ๑๔ มีนาคม ๒๕๖๘
{subject}เรียน ผู้อำนวยการสำนัก / กอง
เรื่องเดิม
ตามที่เทศบาลได้ประกาศใช้แผนพัฒนาท้องถิ่นแล้วนั้น
ข้อเท็จจริง
เทศบาลจึงมีความจำเป็นต้องปรับปรุงข้อมูล
ข้อพิจารณา
จึงเรียนมาเพื่อโปรดทราบ
(นายสมหมาย ตั้งใจ)
ผู้อำนวยการกองยุทธศาสตร์และงบประมาณ
"""


@pytest.mark.parametrize("subject", ["เรื่อง ขอแจ้งปรับปรุงแผนพัฒนาท้องถิ่น\n", ""])
def test_a_memos_heading_เรื่องเดิม_is_never_its_subject(subject: str) -> None:
    """The first heading of a memo's body; when OCR lost the real เรื่อง line, abstain."""
    (letter,) = parse_text(MEMO_WITH_HEADINGS.format(subject=subject), source="memo.txt")
    assert letter.subject == ("ขอแจ้งปรับปรุงแผนพัฒนาท้องถิ่น" if subject else None)


LOST_NUMBER_LINE = """สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา
เชียงใหม่ เขต ๒ ถนนโชตนา
อำเภอเมือง จังหวัดเชียงใหม่ ๕๐๓๐๐

๒๐ มิถุนายน ๒๕๖๘
เรื่อง ขอเชิญประชุมผู้บริหารสถานศึกษา
เรียน ผู้อำนวยการโรงเรียนในสังกัดทุกโรงเรียน
ด้วยสำนักงานเขตพื้นที่การศึกษากำหนดประชุมผู้บริหารสถานศึกษา
จึงเรียนมาเพื่อทราบ
ขอแสดงความนับถือ
(นายประเสริฐ ทองดี)
ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเชียงใหม่ เขต ๒
"""


def test_a_letterhead_whose_number_line_ocr_lost_is_read_and_its_address_never_is() -> None:
    """The name runs onto the street's line; "อำเภอเมือง จังหวัด… 50300" is where it is, not who."""
    (letter,) = parse_text(LOST_NUMBER_LINE, source="lost.txt")
    assert letter.sender_agency == "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเชียงใหม่ เขต ๒"

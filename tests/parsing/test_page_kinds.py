"""Kinds and senders read from where a letter's parts stand: radiograms, stamped letters with
receipt stamps over their number, letterheads with OCR's junk before them. Letters written here."""

from saraban.parsing import parse_text

RADIOGRAM = """\
วิทยุสื่อสาร
ในราชการกรมการพัฒนาชุมชน
ด่วนมาก
ที่ มท 0410.3/ว 2231                 วันที่ 12 มีนาคม พ.ศ. 2567
ถึง ผู้ว่าราชการจังหวัด ทุกจังหวัด
ข้อความ
ด้วยกรมการพัฒนาชุมชนจะจัดประชุมเชิงปฏิบัติการ ขอให้แจ้งผู้เกี่ยวข้องเข้าร่วมตามวันเวลาที่กำหนด
(นายสมศักดิ์ ใจดี)
อธิบดีกรมการพัฒนาชุมชน
"""

STAMPED = """\
สำนักงานเทศบาลเมืองน่าน
เลขรับ 1204
วันที่ 3 เม.ย. 2567
ที่ มท 0702/1552
ถึง สำนักงานเทศบาลเมืองน่าน
กรมที่ดิน ขอส่งสำเนาประกาศกรมที่ดิน เรื่อง การกำหนดค่าธรรมเนียม เพื่อโปรดทราบและประชาสัมพันธ์ให้
ประชาชนในพื้นที่ทราบต่อไป
กรมที่ดิน
2 เมษายน 2567
สำนักมาตรฐานการทะเบียนที่ดิน
โทร. 0 2141 5555
"""

LETTERHEAD = """\
ที่ นน 0023.5/ว 812
"สำนักงานจังหวัดน่าน
ศาลากลางจังหวัดน่าน ถนนสุริยพงษ์ นน 55000
20 มีนาคม 2567
เรื่อง ขอเชิญประชุม
เรียน นายอำเภอทุกอำเภอ
ด้วยจังหวัดน่านจะจัดประชุม จึงเรียนมาเพื่อโปรดทราบ
ขอแสดงความนับถือ
(นายสมชาย ใจงาม)
ผู้ว่าราชการจังหวัดน่าน
"""


def test_a_radiogram_is_its_own_kind_sent_by_its_on_service_line() -> None:
    # Before: read as a stamped letter (ถึง without เรียน) whose sender was a line of its body.
    [letter] = parse_text(RADIOGRAM)
    assert letter.kind == "other"
    assert letter.sender_agency == "กรมการพัฒนาชุมชน"
    assert letter.provenance["sender_agency"] == "typed"
    assert letter.urgency == "ด่วนมาก"


def test_a_stamped_letter_is_sent_by_the_office_under_its_seal() -> None:
    # Before: the office of the receipt stamp over the ที่ line was taken for the sender.
    [letter] = parse_text(STAMPED)
    assert letter.kind == "stamped"
    assert letter.sender_agency == "กรมที่ดิน"


def test_a_stamped_letter_names_its_issuer_in_its_body_when_the_seal_line_is_lost() -> None:
    # The seal's line not read: the issuer speaks first in the body ("กรมที่ดิน ขอส่ง…"), and
    # the owning unit over the phone line is not the issuer.
    text = STAMPED.replace("กรมที่ดิน\n2 เมษายน", "2 เมษายน")
    [letter] = parse_text(text)
    assert letter.sender_agency == "กรมที่ดิน"


def test_a_letterhead_keeps_its_name_without_the_quote_ocr_put_before_it() -> None:
    [letter] = parse_text(LETTERHEAD)
    assert letter.sender_agency == "สำนักงานจังหวัดน่าน"


ANNOUNCEMENT = """\
ประกาศองค์การบริหารส่วนตำบลป่าคา
การรับสมัครบุคคลเพื่อเลือกสรรเป็นพนักงานจ้างตามภารกิจ ตำแหน่งผู้ช่วยเจ้าพนักงานธุรการ
ด้วยองค์การบริหารส่วนตำบลป่าคาประสงค์จะรับสมัครบุคคลเพื่อเลือกสรรเป็นพนักงานจ้าง
จึงประกาศให้ผู้สนใจทราบโดยทั่วกัน
ประกาศ ณ วันที่ 12 มีนาคม พ.ศ. 2567
(นายสมหมาย ดีงาม)
นายกองค์การบริหารส่วนตำบลป่าคา
"""


def test_a_document_with_no_letter_layout_still_yields_a_record() -> None:
    # Before: an announcement (no ที่ line, no เรื่อง, no เรียน) gave nothing to register.
    [record] = parse_text(ANNOUNCEMENT)
    assert record.kind == "other"
    assert "ประกาศองค์การบริหารส่วนตำบลป่าคา" in record.text


def _memo(heading: str, unit: str = "ส่วนราชการ กองคลัง งานการเงิน โทร. 0-5471-1234") -> str:
    return (
        f"{heading}\n{unit}\n"
        "ที่ นน 52001/ว 318                  วันที่ 4 มีนาคม 2567\n"
        "เรื่อง ขอส่งรายงานการเงินประจำเดือน\n"
        "เรียน ปลัดเทศบาล\n"
        "ด้วยกองคลังได้จัดทำรายงานการเงินประจำเดือนแล้ว จึงเรียนมาเพื่อโปรดทราบ\n"
        "(นางสาวสมใจ รักดี)\nผู้อำนวยการกองคลัง\n"
    )


def test_a_memo_heading_crowded_by_a_mark_or_smudges_is_still_a_memo() -> None:
    # Before: each was read as an external letter, its urgency lost with the heading's line.
    [urgent] = parse_text(_memo("ด่วนมาก บันทึกข้อความ"))
    assert (urgent.kind, urgent.urgency) == ("memo", "ด่วนมาก")
    [dropped] = parse_text(_memo("ดวน บนทกขอความ"))  # OCR dropped every mark of both words
    assert (dropped.kind, dropped.urgency) == ("memo", "ด่วน")
    [smudged] = parse_text(_memo("บันทึกข้อความ๓ 15.18"))  # a stamp's figures on its line
    assert smudged.kind == "memo" and smudged.urgency is None
    # A cited memo wrapped to a line's start is no heading.
    [external] = parse_text(LETTERHEAD.replace("ด้วยจังหวัด", "บันทึกข้อความ ที่ นน 0023/ว 5 ด้วยจังหวัด"))
    assert external.kind == "external"
    for wrapped in ("บันทึกข้อความ ที่ ศธ ๐๔๐๐๒/๙๘", "บันทึกข้อความ ๒ ฉบับ"):
        [cited] = parse_text(LETTERHEAD.replace("เรียน นายอำเภอทุกอำเภอ\n", f"เรียน นายอำเภอทุกอำเภอ\nอ้างถึง\n{wrapped}\n"))
        assert (cited.kind, cited.subject) == ("external", "ขอเชิญประชุม"), wrapped


def test_a_memo_whose_heading_ocr_lost_is_known_by_its_unit_line() -> None:
    # Only a memo opens with ส่วนราชการ; its sender is the unit, never the phone's OCR junk.
    [letter] = parse_text(_memo("บ ท ก", unit="ส่วนราชการ กองคลัง งานการเงิน โทร. เฉซะ(4๑1 6ของ"))
    assert letter.kind == "memo"
    assert letter.sender_agency == "กองคลัง งานการเงิน"


def test_an_endorsement_joined_to_the_position_line_is_not_the_position() -> None:
    # Before: 'เรียน ท้องถิ่นจังหวัด ท้องถิ่นอำเภอนาน้อย' (the endorsement's first line, written
    # level with the position, read onto it) and a smudge 'a' were taken as the position.
    head = LETTERHEAD.replace("ผู้ว่าราชการจังหวัดน่าน\n", "")
    [joined] = parse_text(head + "เรียน ท้องถิ่นจังหวัด ท้องถิ่นอำเภอนาน้อย\n", ocr=True)
    assert joined.signer_position == "ท้องถิ่นอำเภอนาน้อย"
    [smudged] = parse_text(head + "a\nbo og ผู้ว่าราชการจังหวัดน่าน\n", ocr=True)
    assert smudged.signer_position == "ผู้ว่าราชการจังหวัดน่าน"


def test_a_memo_form_s_dotted_number_line_gives_its_number_and_date() -> None:
    # Before: the dots joined the number to its date, and a smudged ที่ ('N') lost the line.
    text = _memo("ด่วนที่สุด บันทึกข้อความ").replace(
        "ที่ นน 52001/ว 318                  วันที่ 4 มีนาคม 2567",
        "N นน 52001/ว 318..............จนท 4 มีนาคม 2567...............",
    )
    [letter] = parse_text(text)
    assert (letter.kind, letter.doc_no, letter.date.isoformat()) == ("memo", "นน 52001/ว 318", "2024-03-04")
    # Dots right after the slash are the blank the running number is written after.
    [blank] = parse_text(_memo("บันทึกข้อความ").replace("นน 52001/ว 318", "นน 52001/ว..... 318"))
    assert blank.doc_no == "นน 52001/ว 318"

"""Which digits are believed: the rules of saraban.parsing.evidence, for any letter."""

from __future__ import annotations

from saraban.digits.reader import DigitRead
from saraban.parsing.evidence import SUGGEST, VALUE, weigh


def _read(text: str, probs: list[float], hand: list[bool] | None = None) -> DigitRead:
    return DigitRead("?", text, probs, hand or [False] * len(probs))


def test_digits_from_text_ocrd_elsewhere_are_never_believed() -> None:
    assert not weigh("ที่ มท ๐๘๐๔.๕/ว ๔๘๔", [0], None).believed
    assert not weigh("ที่ มท 0804.5/ว 484", [0], None).believed
    assert weigh("ไม่มีตัวเลข", [0], None).believed


def test_printed_digits_read_surely_from_the_page_are_believed() -> None:
    line = [[_read("๐๘๐๔.๕/", [0.99] * 5), _read("๔๘๔", [0.98] * 3)]]
    assert weigh("มท ๐๘๐๔.๕/ว ๔๘๔", [0], line).believed


def test_a_digit_nobody_read_again_or_an_unsure_one_is_not_believed() -> None:
    missing = [[_read("๐๘๐๔.๕/", [0.99] * 5)]]
    assert weigh("มท ๐๘๐๔.๕/ว ๔๘๔", [0], missing).reason is not None
    unsure = [[_read("๐๘๐๔.๕/", [0.99, 0.99, 0.7, 0.99, 0.99]), _read("๔๘๔", [0.99] * 3)]]
    evidence = weigh("มท ๐๘๐๔.๕/ว ๔๘๔", [0], unsure)
    assert not evidence.believed and evidence.suggestion and evidence.confidence == 0.7 < VALUE


def test_handwritten_digits_are_at_most_a_suggestion_however_sure() -> None:
    line = [[_read("๐๘๐๔.๕/", [1.0] * 5), _read("๑๘", [1.0, 1.0], [True, True])]]
    evidence = weigh("พล ๐๘๐๔.๕/๑๘", [0], line)
    assert not evidence.believed and evidence.suggestion and SUGGEST <= evidence.confidence < 1.0


def test_handwritten_digits_two_readers_read_alike_and_surely_are_a_value_marked_as_such() -> None:
    # A numbering stamp's "2588": the digit reader sure of each digit, Tesseract the same.
    printed = DigitRead("?", "0710/", [1.0] * 4, [False] * 4, agree=[True] * 4)
    stamped = DigitRead("?", "2588", [1.0] * 4, [True] * 4, agree=[True] * 4)
    evidence = weigh("มท 0710/2588", [0], [[printed, stamped]])
    assert evidence.believed and evidence.added and evidence.confidence < 0.9
    # One digit Tesseract read otherwise, or read by neither surely: a suggestion again.
    for agree, probs in (([True, True, False, True], [1.0] * 4), ([True] * 4, [1.0, 1.0, 0.95, 1.0])):
        doubted = DigitRead("?", "2588", probs, [True] * 4, agree=agree)
        evidence = weigh("มท 0710/2588", [0], [[printed, doubted]])
        assert not evidence.believed and evidence.suggestion
    # A mark read between handwritten digits, or a value that stops inside them: cut wrong.
    broken = DigitRead("?", "648-6", [1.0] * 4, [True] * 4, agree=[True] * 4)
    assert not weigh("มท 0710/6486", [0], [[printed, broken]]).believed
    assert not weigh("มท 0710/648", [0], [[printed, stamped]]).believed
    whole = DigitRead("?", "0710/2588", [1.0] * 8, [False] * 4 + [True] * 4, agree=[True] * 8)
    assert weigh("มท 0710/2588", [0], [[whole]]).believed
    assert not weigh("มท 0710/25", [0], [[whole]]).believed


def test_the_printed_prefix_of_a_number_read_as_one_run_with_its_handwritten_tail() -> None:
    line = [[_read("๐๔๐๒๕/๓๔๕๘", [0.99] * 9, [False] * 5 + [True] * 4)]]
    assert weigh("ศธ ๐๔๐๒๕/", [0], line).believed
    assert not weigh("ศธ ๐๔๐๒๕/๓๔๕๘", [0], line).believed


def test_a_digit_tesseract_read_otherwise_in_arabic_print_is_not_believed() -> None:
    read = DigitRead("?", "0808.4/", [0.99] * 5, [False] * 5, agree=[True, True, True, False, True])
    assert not weigh("มท 0808.4/", [0], [[read]]).believed
    agreed = DigitRead("?", "0808.4/", [0.93] * 5, [False] * 5, agree=[True] * 5)
    assert weigh("มท 0808.4/", [0], [[agreed]]).believed
    # An Arabic digit the reader was fairly sure of (86 %) and Tesseract read alike: believed.
    year = DigitRead("?", "2549", [1.0, 1.0, 1.0, 0.86], [False] * 4, agree=[True] * 4)
    day = DigitRead("?", "27", [1.0, 1.0], [False] * 2, agree=[True] * 2)
    assert weigh("27 กันยายน 2549", [0], [[day, year]]).believed
    for doubted in (DigitRead("?", "2549", [1.0, 1.0, 1.0, 0.75], [False] * 4, agree=[True] * 4),
                    DigitRead("?", "2549", [1.0, 1.0, 1.0, 0.86], [False] * 4, agree=[True] * 3 + [None]),
                    DigitRead("?", "๒๕๔๙", [1.0, 1.0, 1.0, 0.86], [False] * 4, agree=[True] * 4)):  # fmt: skip
        assert not weigh("27 กันยายน 2549", [0], [[day, doubted]]).believed


def test_thai_digits_tesseract_misread_count_for_nothing_either_way() -> None:
    from saraban.digits.reader import _agreement

    assert _agreement(list("2568"), "๒๕๒๐๕", thai=True) == [None] * 4
    assert _agreement(list("4187"), "๕๑๕๓", thai=True) == [None, True, None, None]
    assert _agreement(list("2568"), "2508", thai=False) == [True, True, False, True]
    assert _agreement(list("277"), "2°77", thai=False) == [True] * 3
    assert _agreement(list("277"), "2577", thai=False) == [False] * 3
    assert _agreement(list("18"), "9G", thai=False) == [False, False]
    assert _agreement(list("18"), "Wa", thai=False) == [None, None]


def test_tesseracts_own_slips_in_arabic_print_do_not_count_against_the_reader() -> None:
    from saraban.digits.reader import _agreement

    # The slash of "0710/" read as a 0: the four digits still agree.
    assert _agreement(list("0710"), "07100", thai=False, written="0710/") == [True] * 4
    assert _agreement(list("0711"), "07100", thai=False, written="0711/") == [True, True, True, False]
    # The 4 of "0808.4/ว" read as the letter ย: no evidence for it, the rest agree.
    assert _agreement(list("08084"), "0808. ย ว", thai=False, written="0808.4/ว") == [True] * 4 + [None]
    # A digit lost with no letter in its place, or a digit gained: the glyphs were cut wrong.
    assert _agreement(list("08084"), "0808.", thai=False, written="0808.4/") == [False] * 5
    assert _agreement(list("0808"), "080844", thai=False, written="0808.") == [False] * 4
    # A mark the reader saw inside digits Tesseract read as one plain run: a stroke read wrong.
    assert _agreement(list("6486"), "6486", thai=False, written="648-6") == [False] * 4
    assert _agreement(list("6486"), "๖๔๘๖", thai=True, written="๖๔๘.๖") == [False] * 4
    assert _agreement(list("08084"), "0808.4", thai=False, written="0808.4/") == [True] * 5


def test_a_number_whose_code_letters_ocr_garbled_takes_the_signing_offices_letters() -> None:
    from saraban.parsing import parse_text

    letter = """ที่ NYU 0023.3/ว 7475                สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดชัยนาท
                                   5 มกราคม 2568
เรื่อง ขอเชิญประชุมคณะทำงาน
เรียน นายกองค์การบริหารส่วนตำบลท่าชัย
        ด้วยสำนักงานขอเชิญประชุม จึงเรียนมาเพื่อโปรดทราบ
                     ขอแสดงความนับถือ
"""
    [read] = parse_text(letter, ocr=False)
    assert read.doc_no == "ชน 0023.3/ว 7475" and read.circular
    assert any("ใช้รหัสของ" in w for w in read.warnings)
    # Digits that are not the office's code leave the number empty.
    [other] = parse_text(letter.replace("0023.3", "0811.3"), ocr=False)
    assert other.doc_no is None


def test_score_takes_a_period_after_the_circulars_wa_and_leading_zeros_as_typing() -> None:
    from saraban.parsing.scoring import field_matches

    gold = {"doc_no": "มท 0809.3/ว. 0003"}
    assert field_matches("doc_no", "มท 0809.3/ว 3", gold)
    assert field_matches("doc_no", "มท 0809.3/ว 0003", gold)
    assert not field_matches("doc_no", "มท 0809.3/ว 8", gold)
    assert not field_matches("doc_no", "มท 0809.3/3", gold)


def _letter_with_number(number_line: str) -> str:
    return f"""{number_line}                สำนักงานเขตพื้นที่การศึกษาขอนแก่น
                                   ๑๘ กันยายน ๒๕๖๐
เรื่อง ขอเชิญประชุม
เรียน ผู้บริหารโรงเรียนในสังกัดทุกโรงเรียน
        ด้วยสำนักงานขอเชิญประชุม จึงเรียนมาเพื่อโปรดทราบ
                     ขอแสดงความนับถือ
"""


def test_every_digit_of_the_number_is_weighed_however_far_it_stands_from_the_slash() -> None:
    # The running number stands after a long dotted fill: it was weighed only up to 12
    # characters after the slash, so a handwritten number nobody read again was believed.
    from saraban.parsing import parse_text

    text = _letter_with_number("ที่ ศธ ๐๔๐๒๕/ว ..............๓๔๕๘")
    lines = text.split("\n")
    reads: list[list[DigitRead] | None] = [None] * len(lines)
    reads[0] = [DigitRead("?", "๐๔๐๒๕/", [0.99] * 5, [False] * 5, agree=[True] * 5)]
    [letter] = parse_text(text, ocr=True, line_digits=reads)
    assert letter.doc_no is None
    assert letter.suggestions.get("doc_no", {}).get("sure", "ศธ 04025/") == "ศธ 04025/"


def test_digits_tesseract_saw_beyond_the_readers_run_are_a_doubt() -> None:
    from saraban.digits.reader import _digits_outside

    class Word:
        text, box = "2588", (100, 0, 140, 20)

    assert _digits_outside(Word(), 110, before=True)  # the reader's run began after the "2"
    assert not _digits_outside(Word(), 101, before=True)
    assert not _digits_outside(Word(), 139, before=False)
    # The part is another run's: "0809.3/ว.152" read as two numbers around the ว.
    assert not _digits_outside(Word(), 110, before=True, others=[(100, 109), (110, 140)])


def test_a_handwritten_number_both_readers_read_alike_is_kept_for_the_clerk_to_glance_at() -> None:
    from saraban.parsing import parse_text
    from saraban.parsing.record import LOW_CONFIDENCE

    text = _letter_with_number("ที่ ศธ ๐๔๐๒๕/๓๔๕๘")
    lines = text.split("\n")
    reads: list[list[DigitRead] | None] = [None] * len(lines)
    reads[0] = [DigitRead("?", "๐๔๐๒๕/๓๔๕๘", [1.0] * 9, [False] * 5 + [True] * 4, agree=[True] * 9)]
    [letter] = parse_text(text, ocr=True, line_digits=reads)
    assert letter.doc_no == "ศธ 04025/3458"
    assert letter.confidence["doc_no"] < LOW_CONFIDENCE and "doc_no" in letter.low_confidence()
    assert any("เขียนด้วยมือ" in w and "ตรวจทาน" in w for w in letter.warnings)
    # The same reading with one handwritten digit Tesseract did not read: a suggestion only.
    reads[0] = [DigitRead("?", "๐๔๐๒๕/๓๔๕๘", [1.0] * 9, [False] * 5 + [True] * 4, agree=[True] * 8 + [None])]
    [letter] = parse_text(text, ocr=True, line_digits=reads)
    assert letter.doc_no is None and letter.suggestions["doc_no"]["value"] == "ศธ 04025/3458"


def test_a_stamp_s_date_over_an_external_letter_is_never_its_date() -> None:
    # Seen on a generated scan read from a JPEG: the letter's own date line was lost, and the
    # receipt stamp's "14 มิ.ย. 2567" above the ที่ line, every digit surely read, became the
    # date of a หนังสือประทับตรา. A letter other than a memo writes its month in full.
    from saraban.parsing import parse_text

    text = (
        "เลขรับ 7671\n\n14 มิ.ย. 2567\n\n"
        "ที อน ๐๐๒๓.๗/ว ๗๓๐๕       สำนักงานส่งเสริมการปกครองท้องถิ่น\nจังหวัดอุทัยธานี\n\n"
        "ศาลากลางจังหวัดอุทัยธานี\n\nถึง ท้องถิ่นอำเภอเมือง\n\n"
        "ด้วยจังหวัดขอให้รายงานผลการดำเนินงานตามแนวทางที่กำหนด\n\nสำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด\n"
    )
    lines = text.split("\n")
    reads: list[list[DigitRead] | None] = [None] * len(lines)
    reads[2] = [DigitRead("14", "14", [1.0] * 2, [False] * 2, agree=[True] * 2),
                DigitRead("2567", "2567", [1.0] * 4, [False] * 4, agree=[True] * 4)]  # fmt: skip
    [letter] = parse_text(text, ocr=True, line_digits=reads)
    assert letter.kind != "memo"
    assert letter.date is None and "date" not in letter.suggestions, (letter.date, letter.suggestions)

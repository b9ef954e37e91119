"""Text OCR'd elsewhere (a pasted OCR, a .txt from another office's scanner): its digits are
never values, but Arabic ones, which Tesseract reads far better than Thai ones, are offered
to the clerk pre-filled and marked. Letters written here."""

from saraban.parsing import parse_text
from saraban.parsing.suggestions import suggested_values


def _letter(number: str, day: str) -> str:
    return (
        f"ที่ {number}                 สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดน่าน\n"
        "ถนนสุริยพงษ์ นน 55000\n"
        f"{day}\n"
        "เรื่อง ขอเชิญประชุมคณะทำงาน\nเรียน นายกองค์การบริหารส่วนตำบลยม\n"
        "ด้วยจังหวัดจะจัดประชุมคณะทำงาน จึงเรียนมาเพื่อโปรดทราบ\n"
        "ขอแสดงความนับถือ\n(นายสมชาย ใจงาม)\nท้องถิ่นจังหวัดน่าน\n"
    )


def test_arabic_digits_of_elsewhere_ocr_are_offered_never_stored() -> None:
    [letter] = parse_text(_letter("นน 0023.3/ว 1455", "12 มีนาคม 2567"), ocr=True)
    assert letter.doc_no is None and letter.date is None  # never a value
    assert letter.suggestions["doc_no"]["value"] == "นน 0023.3/ว 1455"
    assert letter.suggestions["date"]["value"] == "2024-03-12"
    offers = suggested_values(letter)
    assert offers["doc_no"].origin == "ข้อความ OCR" and offers["doc_no"].confidence == 0.5


def test_thai_digits_and_a_stamp_like_date_of_elsewhere_ocr_are_not_offered() -> None:
    # Tesseract misreads Thai digits the same way every time: nothing to offer.
    [thai] = parse_text(_letter("นน ๐๐๒๓.๓/ว ๑๔๕๕", "๑๒ มีนาคม ๒๕๖๗"), ocr=True)
    assert "doc_no" not in thai.suggestions and "date" not in thai.suggestions
    # A letter dates itself with the month in full: an abbreviated one is a receipt stamp's.
    [stamp] = parse_text(_letter("นน 0023.3/ว 1455", "18 มี.ค. 2567"), ocr=True)
    assert "date" not in stamp.suggestions
    # Typed text is believed as it is.
    [typed] = parse_text(_letter("นน 0023.3/ว 1455", "12 มีนาคม 2567"))
    assert typed.doc_no == "นน 0023.3/ว 1455" and not typed.suggestions


def test_a_number_copied_from_a_printed_register_is_found() -> None:
    # The register marks break places (U+200B) and joins the slash (U+2060); search ignores them.
    from saraban.thai.breaks import breakable, unbreakable
    from saraban.thai.text import search_key

    assert search_key(unbreakable("นน 0023.5/ว 1104")) == search_key("นน 0023.5/ว 1104")
    assert search_key(breakable("ขอเชิญประชุม")) == search_key("ขอเชิญประชุม")

"""A subject keeps its words and loses what a stamp, a pen or a dotted line became in OCR."""

import pytest

from saraban.parsing import parse_text
from saraban.parsing.tails import trim_junk_tail


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("การป้องกันหมอกควันและไฟป่า2220อ20366466 6", "การป้องกันหมอกควันและไฟป่า"),
        ("การจัดการขยะมูลฝอยชุมชน Dd USS DIU GUUTEN AU ccsssssssssesecscc", "การจัดการขยะมูลฝอยชุมชน"),
        ("การใช้ระบบสารบรรณ BUANMIOUNG ๑วร1111", "การใช้ระบบสารบรรณ"),
        ("รายงานครั้งที่ 2 ปี 2569 Dd ccccccc", "รายงานครั้งที่ 2 ปี 2569"),  # the title's own figures stay
    ],
)
def test_junk_ocr_read_onto_a_subject_is_cut(read: str, meant: str) -> None:
    assert trim_junk_tail(read) == meant


@pytest.mark.parametrize(
    "title",
    ["ขอเชิญประชุม ครั้งที่ 2/2567", "โครงการ Smart City ปี 2567", "ประชาสัมพันธ์สายด่วน 1111",
     "การใช้ระบบ e-LAAS ประจำปี พ.ศ.2567", "COVID-19 ระลอกใหม่", "ขอเชิญประชุม 4G5G", "ภาษี 2567",
     # A licence plate, an amount, a vowel OCR doubled or a mark typed out of order is not junk.
     "แจ้งหมายเลขทะเบียน 1กข1234", "จัดซื้อวัสดุ จำนวน 100000", "ประชาสัมพันธ์โครงการ ลดการเผาในพื้นทีี่เกษตร",
     "การพัฒนาท้องถ่ิน ประจำปี"],
)  # fmt: skip
def test_a_title_s_own_figures_and_latin_words_stay(title: str) -> None:
    assert trim_junk_tail(title) == title


def test_the_parser_cuts_the_junk_from_an_ocr_subject() -> None:
    text = (
        "ที่ นน 0023.3/ว 1455                 สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดน่าน\n"
        "12 มีนาคม 2567\n"
        "เรื่อง การป้องกันหมอกควันและไฟป่า2220อ20366466 6\n"
        "เรียน นายกองค์การบริหารส่วนตำบลยม\n"
        "ด้วยจังหวัดขอความร่วมมือป้องกันไฟป่า จึงเรียนมาเพื่อโปรดทราบ\n"
    )
    [letter] = parse_text(text, ocr=True)
    assert letter.subject == "การป้องกันหมอกควันและไฟป่า"

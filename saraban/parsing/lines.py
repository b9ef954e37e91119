"""What a line of an official letter is: the labels and marks of the regulation's layout.

Patterns are applied to lines whose digits are already Arabic and whose SARA AM is folded,
so every rule here is written once for both digit styles.
"""

from __future__ import annotations

import re

from saraban.parsing.record import MARK_PATTERN, SECRECY_PATTERN, URGENCY_PATTERN

D = r"[0-9]"
# A letter number line: "ที่" then a 2–3 consonant code (OCR may add a dot) or, when the
# code is unreadable, any short token, and a slash before the running number.
NUMBER_LINE = re.compile(
    r"^\s*[-•]?\s*ที่\s*[:.]?(?:\s+|(?=[ก-ฮ]{2,3}\.?\s*[0-9๐-๙]))"
    r"(?P<rest>\S.*?/.*|[ก-ฮ]{2,3}\.?\s*[0-9๐-๙][0-9๐-๙.]*\s*ว\s*\.?\s*[0-9๐-๙].*)$"
)
"""``ที่ มท 0810.4/ว 3598``; OCR may glue ``ที่`` to the code (``ที่มท 0810.4/…``) or lose the
slash before ว (``ที่ มท 0801.3ว 1503``)."""
MEMO_HEAD = re.compile(rf"^\s*(?:(?:{MARK_PATTERN})\s{{4,}})*บันทึก\s?ข้อความ\s*$")
"""The memo's heading, after an urgency or secrecy mark set level with it (as its own column)."""
STAMPED_HEAD = re.compile(r"^\s*หนังสือประทับตรา\s*$")

LABELS = {
    # A memo's body is set out under headings (เรื่องเดิม, ข้อเท็จจริง, ข้อพิจารณา …): the first
    # of them begins with เรื่อง but is no เรื่อง line, whether or not OCR kept the real one.
    "subject": re.compile(r"^\s*เรื่อง(?!\s*เดิม\s*[:.]?\s*$)\s*[:.]?\s*(?P<rest>.*)$"),
    "salutation": re.compile(r"^\s*(?:กราบเรียน|เรียน)(?:\s*[:.]?\s*|\s*$)(?P<rest>.*)$"),
    "to": re.compile(r"^\s*ถึง\s*[:.]?\s+(?P<rest>.*)$"),
    "reference": re.compile(r"^\s*อ้างถึง\s*[:.]?\s*(?P<rest>.*)$"),
    "attachment": re.compile(r"^\s*[-•]?\s*สิ่งที่(?:ส่ง|แนบ)มาด้วย\s*[:.]?\s*(?P<rest>.*)$"),
    "unit": re.compile(r"^\s*ส่วนราชการ\s*[:.]?\s*(?P<rest>.*)$"),
    "date": re.compile(r"^\s*วันที่\s*[:.]?\s*(?P<rest>.*)$"),
}
CLOSING = re.compile(
    r"^\s*(?:ขอ\s*แสดง\s*ความ\s*น\S?บ\s*ถ\S?อ(?:\s*อย่างสูง)?|ด้วย\s*ความ\s*เคารพ(?:\s*อย่างสูง)?|ขอแสดงความเคารพ)"
)
"""The closing formula, tolerant of OCR dropping a vowel mark (``ขอแสดงความนบถือ``)."""
PAREN_NAME = re.compile(r"^\s*\(\s*(?P<name>[^()]{3,60}?)\s*\)\s*$")
PERSON_TITLE = re.compile(
    r"^(?:นาย|นาง|นางสาว|น\.ส\.|ว่าที่|ดร\.|ศ\.|รศ\.|ผศ\.|พล|พ\.ต\.|พ\.ท\.|พ\.อ\.|ร\.ต\.|ร\.ท\.|ร\.อ\.|"
    r"จ\.ส\.|ส\.|พ\.ต\.ต\.|พ\.ต\.ท\.|พ\.ต\.อ\.|คุณ|หม่อม|ม\.ร\.ว\.|ม\.ล\.)"
)
FOOTER = re.compile(
    r"(?:^\s*(?:โทร|โทรศัพท์|โทรสาร|ผู้ประสานงาน|e-?mail|อีเมล|ไปรษณีย์อิเล็กทรอนิกส์|www\.)|โทร\s*\.|"
    r"โทรสาร|ผู้ประสานงาน|@[a-z0-9.-]+\.[a-z]{2,})",
    re.IGNORECASE,
)
URGENCY_LINE = re.compile(rf"^[\s*\"“”‘’'(\[.,:|]*({URGENCY_PATTERN})(?:\s*ภายใน.*)?[\s*\"“”‘’')\].,:|]*$")
SECRECY_LINE = re.compile(rf"^[\s*\"“”‘’'(\[.,:|]*({SECRECY_PATTERN})[\s*\"“”‘’')\].,:|]*$")
ADDRESS = re.compile(r"^\s*(?:ถนน|ถ\.|เลขที่\s*\d|\d+\s*(?:หมู่|ม\.)|หมู่ที่|ตำบล|ต\.|อำเภอ\S*\s+จังหวัด|ศาลากลาง)|\b\d{5}\s*$")
OFFICE_HEAD = re.compile(
    r"^\s*(?:กระทรวง|ทบวง|กรม|กอง|สำนัก|ศาลากลาง|ที่ว่าการ|องค์การ|เทศบาล|อำเภอ|จังหวัด|กลุ่มงาน|กลุ่ม|ฝ่าย|"
    r"ส่วน|งาน|ศูนย์|สถาบัน|มูลนิธิ|มหาวิทยาลัย|โรงเรียน|โรงพยาบาล|สถานี|ท้องถิ่น|คณะ|สภา|การ[ก-๙]+แห่ง)"
)
ABBREVIATED_OFFICE = re.compile(r"^\s*(?:[ก-ฮ]{1,4}\.){1,5}\s*$")
BODY_OPENER = re.compile(
    r"^\s*(?:ด้วย|ตามที่|ตาม|เนื่องจาก|เนื่องด้วย|อนุสนธิ|อาศัย|โดยที่|ขอ(?!ง)|จึง|ในการนี้|ทั้งนี้|บัดนี้|กระทรวง\S*พิจารณา|"
    r"กรม\S*พิจารณา|จังหวัด\S*พิจารณา)"
)
ITEM_MARK = re.compile(r"^\s*(?P<num>\d{1,2})\s*[.)]\s*(?P<rest>.*)$")
QUANTITY_END = re.compile(r"จำนวน\s*[\d๐-๙]+\s*(?:ชุด|ฉบับ|แผ่น|เล่ม|หน้า|รายการ|แฟ้ม|แผ่นซีดี|แผ่นดิสก์|ไฟล์|ฉ\.)")
STAMP_LABEL = re.compile(r"^\s*(?P<label>เลขที่รับ|เลขรับ|ทะเบียนรับ|ได้รับ|รับที่)\s*(?:ที่)?\s*[.…:_\-]*\s*(?P<rest>.*)$")
OFFICE_THEN_LABEL = re.compile(
    r"^\s*(?P<office>\S.{1,50}?)\s+(?P<label>เลขที่รับ|เลขรับ|ทะเบียนรับ)\s*(?:ที่)?\s*[.…:_\-]*\s*(?P<rest>.*)$"
)
"""A stamp whose office name OCR put on the label's line ("กองคลัง เลขรับ 1234")."""
TIME = re.compile(r"(?<!\d)(?P<h>[01]?\d|2[0-3])\s*[.:]\s*(?P<m>[0-5]\d)(?!\d)")
DEADLINE = re.compile(r"(?:ภายใน(?:วันที่)?|ไม่เกิน(?:วันที่)?|ก่อน(?:วันที่)?)\s*")
FILLER = re.compile(r"[.…_]{2,}")


_TRAILING_JUNK = re.compile(r"(?:\s+(?:[|!¦\\/_~\-–—,:;'\"“”%]+|[A-Za-z]{1,3}))+\s*$|[|¦%]+\s*$")


def clean(text: str) -> str:
    """Whitespace-normalised text with dotted fill-in runs and OCR's trailing junk removed.

    OCR ends lines with the edge of a table or stamp (``|``, ``%``) or a short Latin token
    made of a smudge; no Thai field ends that way.
    """
    text = re.sub(r"\s+", " ", FILLER.sub(" ", text)).strip()
    return _TRAILING_JUNK.sub("", text).strip()


def join_wrapped(parts: list[str]) -> str:
    """Lines of one wrapped field joined: Thai runs on across a line break with no space
    (Thai has no spaces between words, so a wrap inside a phrase is not one)."""
    text = ""
    for part in (clean(p) for p in parts):
        if not part:
            continue
        glue = "" if text and re.match(r"[ก-๙]", part) and re.search(r"[ก-๙]$", text) else " "
        text = f"{text}{glue}{part}" if text else part
    return text


PAREN_NAME_ANYWHERE = re.compile(
    r"\(\s*(?P<name>(?:นาย|นาง|นางสาว|ว่าที่|ดร\.|ศาสตราจารย์|รองศาสตราจารย์|ผู้ช่วยศาสตราจารย์|พล|พ\.|ร\.|จ\.)"
    r"[^()]{2,60}?)\s*\)"
)
"""A signer's name in parentheses inside a line OCR filled with a signature's strokes."""
POSITION_HEAD = re.compile(
    r"^(?:รอง|ผู้ช่วย)?(?:ผู้อำนวยการ|ผู้ว่าราชการ|อธิบดี|ปลัด|นายก|นายอำเภอ|คณบดี|อธิการบดี|หัวหน้า|"
    r"ผู้บัญชาการ|ผู้บริหาร|เลขาธิการ|ท้องถิ่น|ผู้อำนวยการ|ประธาน|ผู้จัดการ|ผู้กำกับ|ผู้ตรวจ|สาธารณสุข|เกษตร|ศึกษาธิการ)"
)
"""How the position under a signature begins (ผู้อำนวยการ…, รองผู้ว่าราชการจังหวัด…, คณบดี…)."""


def is_person_name(text: str) -> bool:
    """Whether text in parentheses is a person's name (starts with a title)."""
    return bool(PERSON_TITLE.match(text.strip()))


RADIOGRAM = re.compile(r"^\W{0,3}ว\S?ทย\s*ส\S{0,2}สาร")
"""The heading of a radiogram, matched on the line's skeleton (วิทยุสื่อสาร → วทยสอสาร, which
is also what OCR leaves when it drops the marks)."""
ON_SERVICE = re.compile(r"^\W{0,3}ในราชการ\s*(\S.*)$")
"""A radiogram's sender line, under its heading: ในราชการกรมส่งเสริมการปกครองท้องถิ่น."""
SPEAKS = re.compile(r"^(?:จึง|ขอ|ได้|พิจารณา)")
"""How an office speaks of itself in a letter's body, after its name: กรม… จึงขอแจ้ง, กรม… ขอส่ง."""
LEADING_JUNK = re.compile(r"^[\"“”‘’'|.,:;*`]+\s*(?=[ก-ฮ])")
"""Quotes, bars and stops OCR puts before a line's first letter (the edge of a stamp or a speck)."""


def looks_like_office(line: str) -> bool:
    """Whether a line names an office (``กรม…``, ``สำนักงาน…``, ``สพค.``)."""
    stripped = LEADING_JUNK.sub("", line.strip())
    if not stripped or len(stripped) > 90 or FOOTER.search(stripped):
        return False
    return bool(OFFICE_HEAD.match(stripped) or ABBREVIATED_OFFICE.match(stripped))

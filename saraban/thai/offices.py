"""What every Thai office name is made of: the standard heads and the 77 provinces.

The parser repairs OCR'd office names against these (no database needed); the directory
seeds itself from the same facts.
"""

from __future__ import annotations

import functools

OFFICE_HEADS = (
    "ศาลากลางจังหวัด",
    "ที่ว่าการอำเภอ",
    "กรมส่งเสริมการปกครองท้องถิ่น",
    "สำนักงานปลัดกระทรวงมหาดไทย",
    "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด",
    "สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอ",
    "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา",
    "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา",
    "สำนักงานสาธารณสุขจังหวัด",
    "องค์การบริหารส่วนจังหวัด",
    "องค์การบริหารส่วนตำบล",
    "เทศบาลนคร",
    "เทศบาลเมือง",
    "เทศบาลตำบล",
    "กระทรวงมหาดไทย",
    "มหาวิทยาลัย",
    "สำนักงาน",
    "กระทรวง",
    "คณะ",
    "กรม",
    "กอง",
    "สำนัก",
    "จังหวัด",
    "อำเภอ",
)
"""Standard heads of office names, longest first within each family."""

MOI_OFFICES: tuple[tuple[str, str, str, str, str | None], ...] = (
    # (name, short name, code, level, parent code)
    ("กระทรวงมหาดไทย", "มท.", "มท", "ministry", None),
    ("สำนักงานปลัดกระทรวงมหาดไทย", "สป.มท.", "มท 02", "department", "มท"),
    # Bureaus are named as their own signs say; the tree places them under สป.มท.
    ("สำนักนโยบายและแผน", "สนผ.สป.มท.", "มท 0211", "division", "มท 02"),
    ("สำนักพัฒนาและส่งเสริมการบริหารราชการจังหวัด", "สพจ.สป.มท.", "มท 0212", "division", "มท 02"),
    ("กรมส่งเสริมการปกครองท้องถิ่น", "สถ.", "มท 08", "department", "มท"),
    ("กองคลังท้องถิ่น กรมส่งเสริมการปกครองท้องถิ่น", "กคท.สถ.", "มท 0808", "division", "มท 08"),
    ("สำนักพัฒนาระบบบริหารงานบุคคลส่วนท้องถิ่น", "สพบ.สถ.", "มท 0809", "division", "มท 08"),
    ("กองพัฒนาและส่งเสริมการบริหารงานท้องถิ่น", "กพส.สถ.", "มท 0810", "division", "มท 08"),
)


@functools.cache
def provinces() -> tuple[tuple[str, str], ...]:
    """All 77 provinces as (Thai name, two-letter letter code), from PyThaiNLP; Bangkok is กท."""
    from pythainlp.corpus import provinces as corpus_provinces  # reads a corpus file: only when needed

    rows = []
    for row in corpus_provinces(details=True):
        code = "กท" if row["abbr_th"] == "กทม" else row["abbr_th"]
        rows.append((row["name_th"], code))
    return tuple(sorted(rows))

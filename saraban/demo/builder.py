"""Builds the demo database: a haze-and-forest-fire circular from the Ministry of Interior down
to the local bodies of อำเภอท่าวังผา, จังหวัดน่าน, plus a few hundred other letters in both
registers, with the OCR noise real letters have. Everything goes through the services, as a
clerk's work would: import, receive, endorse, forward, acknowledge, void.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from saraban.demo import ADMIN, AUDITOR, CLERK, DISTRICT, SECRETARY
from saraban.parsing import parse_text
from saraban.services.context import Context, open_context
from saraban.services.directory import edit_agency, import_dla_file
from saraban.services.forwarding import ForwardRequest, endorse, forward
from saraban.services.importing import import_bundle
from saraban.services.registers import acknowledge, receive, void
from saraban.services.users import add_user
from saraban.settings import Settings
from saraban.thai.dates import MONTHS_ABBR, MONTHS_FULL, be_year
from saraban.thai.digits import to_thai

HERE = Path(__file__).parent
DISTRICT_CODES = {"เมืองน่าน": "นน 0023.10", "ท่าวังผา": "นน 0023.11", "ปัว": "นน 0023.12", "เวียงสา": "นน 0023.13"}

SENDERS = (
    ("สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดน่าน", "นน 0023.{n}", "ศาลากลางจังหวัดน่าน ถนนสุริยพงษ์ นน 55000", "ท้องถิ่นจังหวัดน่าน"),
    ("กรมส่งเสริมการปกครองท้องถิ่น", "มท 08{n:02d}.2", "ถนนนครราชสีมา เขตดุสิต กทม. 10300", "อธิบดีกรมส่งเสริมการปกครองท้องถิ่น"),
    ("องค์การบริหารส่วนจังหวัดน่าน", "นน 51000", "ถนนสุมนเทวราช นน 55000", "นายกองค์การบริหารส่วนจังหวัดน่าน"),
    ("เทศบาลตำบลท่าวังผา", "นน 73501", "ถนนท่าวังผา-ปัว นน 55140", "นายกเทศมนตรีตำบลท่าวังผา"),
    ("สำนักงานสาธารณสุขอำเภอท่าวังผา", "นน 0132.11", "ถนนท่าวังผา-ปัว นน 55140", "สาธารณสุขอำเภอท่าวังผา"),
    (
        "สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดน่าน",
        "นน 0021",
        "ถนนสุริยพงษ์ นน 55000",
        "หัวหน้าสำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดน่าน",
    ),
)
SUBJECTS = (
    "ขอความร่วมมือสำรวจข้อมูลผู้สูงอายุและผู้พิการ", "การจัดทำแผนพัฒนาท้องถิ่น", "การเบิกจ่ายเงินอุดหนุนทั่วไป",
    "ขอเชิญประชุมคณะกรรมการบริหารงานอำเภอ", "การรายงานผลการจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง",
    "การเตรียมความพร้อมรับมือสาธารณภัยในช่วงฤดูฝน", "การป้องกันโรคไข้เลือดออก", "ขอความร่วมมือประชาสัมพันธ์การเลือกตั้ง",
    "การตรวจสอบการใช้จ่ายงบประมาณ", "การจัดงานวันเด็กแห่งชาติ", "การคัดเลือกองค์กรปกครองส่วนท้องถิ่นดีเด่น",
    "ขอข้อมูลโครงสร้างพื้นฐานด้านแหล่งน้ำ", "การฝึกอบรมหลักสูตรการบริหารงานพัสดุ", "การบริหารจัดการขยะมูลฝอยชุมชน",
    "การจัดสรรเงินอุดหนุนอาหารกลางวัน", "การรับสมัครอาสาสมัครป้องกันภัยฝ่ายพลเรือน", "การรายงานข้อมูลศูนย์พัฒนาเด็กเล็ก",
    "แนวทางการจัดทำงบประมาณรายจ่ายประจำปี", "การประเมินประสิทธิภาพขององค์กรปกครองส่วนท้องถิ่น", "การซ่อมแซมถนนในเขตพื้นที่",
)  # fmt: skip
BODIES = (
    "ด้วย{sender}ขอความร่วมมือดำเนินการเรื่อง{subject} รายละเอียดปรากฏตามสิ่งที่ส่งมาด้วย",
    "ตามที่ได้มีหนังสือแจ้งเรื่อง{subject} ความละเอียดแจ้งแล้ว นั้น",
)
SIGNERS = ("นายสมชาย ใจดี", "นางสาวอรุณี มีสุข", "นายประยูร บุญมา", "นางกาญจนา ทองคำ", "นายธีรวัฒน์ แสงทอง")
ENDORSEMENT = "เรียน ท้องถิ่นอำเภอท่าวังผา เพื่อโปรดพิจารณาแจ้ง อปท. ทุกแห่งในพื้นที่ดำเนินการ"


@dataclass
class DemoSummary:
    """What the demo database holds."""

    url: str
    received: int
    sent: int
    office: str


def _noisy(text: str, rng: random.Random) -> str:
    """The damage OCR does to a clean letter: mixed digits, ว spellings, ต.ค. read as ค.ค."""
    out = []
    for line in text.split("\n"):
        if rng.random() < 0.5:
            line = to_thai(line)
        if rng.random() < 0.3:
            line = line.replace("/ว ", rng.choice(["/ว", "/ว.", "/ ว "]))
        if rng.random() < 0.2:
            line = line.replace("ต.ค.", "ค.ค.")
        out.append(line)
    return "\n".join(out)


def letter_text(rng: random.Random, day: date, serial: int) -> tuple[str, dict[str, object]]:
    office, code, address, position = rng.choice(SENDERS)
    code = code.format(n=rng.randint(1, 9))
    subject = rng.choice(SUBJECTS)
    circular = rng.random() < 0.4
    urgency = rng.choices(["", "ด่วน", "ด่วนมาก", "ด่วนที่สุด"], [80, 10, 6, 4])[0]
    secrecy = rng.choices(["", "ลับ", "ลับมาก"], [96, 3, 1])[0]
    month = MONTHS_ABBR[day.month - 1] if rng.random() < 0.3 else MONTHS_FULL[day.month - 1]
    lines = [x for x in (secrecy, urgency) if x]
    lines += [
        f"ที่ {code}/{'ว ' if circular else ''}{serial}\t\t{office}",
        address,
        f"{day.day} {month} {be_year(day)}",
        f"เรื่อง {subject}",
        "เรียน ท้องถิ่นอำเภอท่าวังผา",
        rng.choice(BODIES).format(sender=office, subject=subject),
    ]
    deadline = None
    if rng.random() < 0.2:
        deadline = day + timedelta(days=rng.randint(7, 30))
        lines.append(f"จึงขอให้รายงานผลภายในวันที่ {deadline.day} {MONTHS_FULL[deadline.month - 1]} {be_year(deadline)}")
    lines += ["จึงเรียนมาเพื่อโปรดทราบและพิจารณาดำเนินการ", "ขอแสดงความนับถือ", f"({rng.choice(SIGNERS)})", position]
    return _noisy("\n".join(lines), rng), {"deadline": deadline}


def _when(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(8, 16), rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50])))


def receipt_times(first: date, last: date, count: int, rng: random.Random) -> list[datetime]:
    """``count`` receipt times on the working days from ``first`` to ``last``, in order.

    A register's numbers follow time (saraban refuses a receipt earlier than the last one),
    so the demo's office receives as a real one does: on weekdays, in office hours, each
    letter after the one before.
    """
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    workdays = [d for d in days if d.weekday() < 5] or days
    return sorted(_when(workdays[len(workdays) * i // count], rng) for i in range(count))


def demo_stamp_day(today: date) -> date:
    """The day the district receives the circular: 11 November of the latest November at least ten days past."""
    year = today.year if today >= date(today.year, 11, 21) else today.year - 1
    return date(year, 11, 11)


def _sample_letters(year_be: int) -> str:
    """The cascade's letters (written for 2569) as a bundle, moved to the demo's year."""
    names = ("03_nan_forward.txt", "02_dla_circular.txt", "01_moi_memo.txt")
    text = "\n\n".join((HERE / "letters" / name).read_text(encoding="utf-8") for name in names)
    return text.replace("๒๕๖๙", to_thai(str(year_be))).replace("2569", str(year_be))


def _acknowledge_as_its_clerk(ctx: Context, db_url: str, doc_no: str, office: str, when: datetime) -> None:
    """An office records its own receipt, through a clerk of its own: the district's clerk
    may not write in another office's book (:mod:`saraban.services.own_books`)."""
    name = f"สารบรรณ{office}"
    with ctx.writing() as session:
        add_user(session, name, "clerk", office)
    theirs = open_context(db_url, user=name, settings=Settings(office=office))
    try:
        acknowledge(theirs, doc_no, office, when)
    finally:
        theirs.engine.dispose()


def build_demo(
    db_url: str,
    *,
    today: date,
    out_dir: Path,
    seed: int = 2569,
    report: Callable[[str], None] = lambda _message: None,
) -> DemoSummary:
    """Build the demo database at ``db_url`` (which should be empty)."""
    rng = random.Random(seed)
    ctx: Context = open_context(db_url, user=CLERK, settings=Settings())
    _ = ctx.actor  # the first user: a clerk
    with ctx.writing() as session:
        import_dla_file(session, HERE / "nan_local_bodies.csv")
        for district, code in DISTRICT_CODES.items():
            edit_agency(session, f"อำเภอ{district}", code=code, reviewed=True)
        add_user(session, SECRETARY, "secretary", DISTRICT)
        ctx.settings.office = DISTRICT
        add_user(session, AUDITOR, "auditor")
        add_user(session, ADMIN, "admin", DISTRICT)  # from now on, only he manages users and agencies
        from sqlmodel import select

        from saraban.db.tables import User

        clerk = session.exec(select(User).where(User.name == CLERK)).one()
        clerk.agency_id, clerk.clearance = session.exec(select(User.agency_id).where(User.name == SECRETARY)).one(), 1
        session.add(clerk)
    ctx.refresh_actor()

    stamp_day = demo_stamp_day(today)
    start = date(stamp_day.year, 1, 3)
    earlier = 283  # the stamp on the province's letter reads เลขรับ ๒๘๔
    report(f"ลงรับหนังสือ {earlier} ฉบับก่อนหนังสือเวียน…")
    received = 0
    # All before the circular's own receipt (stamped 09.10 on stamp_day, number 284).
    for i, when in enumerate(receipt_times(start, stamp_day - timedelta(days=1), earlier, rng)):
        text, _ = letter_text(rng, when.date() - timedelta(days=rng.randint(0, 3)), 100 + i)
        (letter,) = parse_text(text, source=f"demo-{i}")
        receive(ctx, letter, DISTRICT, when)
        received += 1

    report("นำเข้าหนังสือเวียนจากกระทรวงถึงอำเภอ…")
    bundle = _sample_letters(be_year(stamp_day))
    with ctx.writing() as session:
        import_bundle(session, ctx.actor, "ตัวอย่าง: หนังสือเวียนเรื่องหมอกควันและไฟป่า", parse_text(bundle, source="demo"))
    received += 1
    province_letter = "นน 0023.5/ว 1104"
    for district, hours in (("เมืองน่าน", 5), ("ปัว", 30)):
        when = datetime.combine(stamp_day, time(9, 0)) + timedelta(hours=hours)
        _acknowledge_as_its_clerk(ctx, db_url, province_letter, f"อำเภอ{district}", when)
    endorse(ctx, province_letter, DISTRICT, ENDORSEMENT, datetime.combine(stamp_day, time(11, 30)))
    result = forward(
        ctx,
        ForwardRequest(
            province_letter,
            DISTRICT,
            all_children=True,
            out_dir=out_dir,
            signer_name="นางพิมพ์ใจ แก้วดี",
            when=datetime.combine(stamp_day + timedelta(days=1), time(10, 0)),
        ),
    )
    circular = result.letters[0].doc_no
    bodies = result.letters[0].recipients
    for i, body in enumerate(bodies[:5]):
        when = datetime.combine(stamp_day + timedelta(days=1 + i), time(11 + i, 15))
        _acknowledge_as_its_clerk(ctx, db_url, circular, body, when)

    report("ลงรับและส่งหนังสืออื่น ๆ…")
    # Up to yesterday, so that nothing is dated after the moment the demo is opened.
    later = receipt_times(stamp_day + timedelta(days=1), max(today - timedelta(days=1), stamp_day), 40, rng)
    for i, when in enumerate(later):
        text, _ = letter_text(rng, when.date() - timedelta(days=rng.randint(0, 2)), 900 + i)
        (letter,) = parse_text(text, source=f"demo-later-{i}")
        receive(ctx, letter, DISTRICT, when)
        received += 1
    sent = 1
    from saraban.services.register_view import register_rows

    rows = [
        r
        for r in register_rows(ctx, DISTRICT, book="receive", limit=120)
        if not r.hidden and r.doc_no and r.doc_no != province_letter
    ]
    # Sent in the order received, each a few hours after its receipt: sending numbers follow time too.
    chosen = sorted(rows[:60], key=lambda r: (r.date, r.time))
    for row in chosen:
        target = rng.choice(bodies)
        received_at = datetime.combine(row.date, time.fromisoformat(row.time))
        forward(
            ctx,
            ForwardRequest(
                row.doc_no or "",
                DISTRICT,
                [target],
                mode="per-recipient",
                out_dir=out_dir,
                when=received_at + timedelta(hours=2),
            ),
        )
        sent += 1
    for number, reason in ((12, "ลงทะเบียนซ้ำกับเลข 11"), (97, "ลงผิดหน่วยงาน ส่งคืนผู้ส่ง"), (203, "หนังสือไม่ถึงหน่วยงานนี้")):
        void(ctx, DISTRICT, number, reason, year=be_year(stamp_day))
    ctx.engine.dispose()
    return DemoSummary(db_url, received, sent, DISTRICT)

"""OCR round-trip corpus: letters with known truth, as an office receives them.

Each letter is written here (so its gold is exact), rendered with saraban's own templates,
printed to PDF by LibreOffice in TH Sarabun New, rasterised at 150–200 dpi, damaged the way a
scanner and a busy counter damage paper (skew, blur, speckle, JPEG, a receipt stamp filled in
by hand over the header, a handwritten endorsement), and read back with Tesseract
(``tha+eng``, one single-threaded process per core). The gold says which fields the OCR text
no longer contains at all (``ocr_unrecoverable``): there the right answer is to abstain.

    python scripts/ocr_corpus.py --count 300 --out benchmarks/corpus      # the full corpus
    python scripts/ocr_corpus.py --count 30 --seed 7 --out tests/data/ocr_corpus   # the test subset

Then ``saraban score --gold OUT/gold.jsonl --files OUT``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from saraban.intake.ocr import ocr_image, workers  # noqa: E402
from saraban.letters.content import Citation, LetterContent, head_of  # noqa: E402
from saraban.letters.render import find_template, libreoffice, render  # noqa: E402
from saraban.thai.dates import format_thai_date  # noqa: E402
from saraban.thai.digits import render_digits  # noqa: E402
from saraban.thai.offices import provinces  # noqa: E402

SUBJECTS = (
    "การสำรวจข้อมูลแหล่งน้ำเพื่อการเกษตรในเขตองค์กรปกครองส่วนท้องถิ่น",
    "ขอความร่วมมือประชาสัมพันธ์การป้องกันโรคไข้เลือดออกในช่วงฤดูฝน",
    "การจัดทำแผนพัฒนาท้องถิ่นและการประชุมประชาคมระดับตำบล",
    "แนวทางการเบิกจ่ายเงินอุดหนุนสำหรับศูนย์พัฒนาเด็กเล็ก",
    "ขอเชิญเข้าร่วมการอบรมเชิงปฏิบัติการระบบบัญชีคอมพิวเตอร์ขององค์กรปกครองส่วนท้องถิ่น",
    "การรายงานผลการดำเนินงานตามมาตรการประหยัดพลังงาน",
    "การเตรียมความพร้อมรับมือสาธารณภัยและการช่วยเหลือผู้ประสบภัย",
    "ขอให้ตรวจสอบข้อมูลผู้มีสิทธิรับเงินเบี้ยยังชีพผู้สูงอายุ",
    "การคัดเลือกองค์กรปกครองส่วนท้องถิ่นที่มีการบริหารจัดการที่ดี ประจำปีงบประมาณ",
    "ซักซ้อมแนวทางการจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง",
    "การสนับสนุนงบประมาณโครงการก่อสร้างถนนคอนกรีตเสริมเหล็กภายในหมู่บ้าน",
    "ขอความอนุเคราะห์ข้อมูลสถิติประชากรและครัวเรือนเพื่อประกอบการจัดทำแผน",
    "การป้องกันและแก้ไขปัญหาหมอกควันและไฟป่า",
    "การรับสมัครบุคคลเพื่อสรรหาและเลือกสรรเป็นพนักงานจ้าง",
    "มาตรการรักษาความปลอดภัยในช่วงเทศกาลปีใหม่",
    "การส่งรายงานการประชุมคณะกรรมการพัฒนาท้องถิ่น ครั้งที่ ๒",
    "การบริหารจัดการขยะมูลฝอยชุมชนจังหวัดสะอาด",
    "ขอเชิญประชุมเชิงปฏิบัติการการใช้ระบบสารบรรณอิเล็กทรอนิกส์",
)
BODY_OPENINGS = (
    "ด้วย{src}แจ้งว่า ได้กำหนดแนวทางการดำเนินงานเรื่องดังกล่าว เพื่อให้หน่วยงานที่เกี่ยวข้องถือปฏิบัติ"
    "ให้เป็นไปในแนวทางเดียวกัน และขอให้รายงานผลการดำเนินงานให้ทราบตามกำหนด",
    "ตามที่{src}ได้ขอความร่วมมือในเรื่องนี้ไปแล้ว นั้น บัดนี้ได้รับแจ้งว่ายังมีหน่วยงานบางแห่ง"
    "ที่ยังมิได้ดำเนินการ จึงขอซักซ้อมแนวทางการปฏิบัติอีกครั้งหนึ่ง",
    "ด้วย{src}ได้จัดทำคู่มือการปฏิบัติงานฉบับปรับปรุงใหม่ เพื่อใช้เป็นแนวทางในการปฏิบัติงาน"
    "ของเจ้าหน้าที่ และเผยแพร่ให้ผู้ที่เกี่ยวข้องนำไปใช้ประโยชน์",
)
CLOSINGS = ("จึงเรียนมาเพื่อโปรดทราบและพิจารณาดำเนินการต่อไป", "จึงเรียนมาเพื่อโปรดพิจารณา",
            "จึงเรียนมาเพื่อทราบ")  # fmt: skip
FIRST = ("สมชาย", "สุดารัตน์", "ประเสริฐ", "วิไลวรรณ", "ธีรพงษ์", "กาญจนา", "อนุชา", "พรทิพย์", "ณัฐวุฒิ", "จันทร์เพ็ญ")
LAST = ("ใจดี", "ศรีสุข", "บุญมา", "แก้วประเสริฐ", "ทองคำ", "วงศ์ใหญ่", "สายสุวรรณ", "พรหมมา", "อินทร์แก้ว", "มณีรัตน์")
UNITS = ("กลุ่มงานส่งเสริมและพัฒนาท้องถิ่น", "กลุ่มงานการเงินบัญชีและการตรวจสอบ", "ฝ่ายบริหารงานทั่วไป",
         "กลุ่มงานกฎหมาย ระเบียบ และเรื่องร้องทุกข์")  # fmt: skip
DISTRICTS = ("เมือง", "ท่าวังผา", "ปัว", "เชียงกลาง", "นาน้อย", "เวียงสา", "บ้านหลวง", "สันติสุข")
BODIES = ("เทศบาลตำบลท่าวังผา", "องค์การบริหารส่วนตำบลป่าคา", "องค์การบริหารส่วนตำบลแสนทอง",
          "เทศบาลตำบลกลางเวียง", "องค์การบริหารส่วนตำบลยม", "เทศบาลเมืองน่าน")  # fmt: skip
FONTS = Path("/usr/share/fonts/truetype/tlwg")


@dataclass
class Sample:
    name: str
    kind: str
    content: LetterContent
    digits: str
    stamp: dict[str, str] | None


def _person(rng: random.Random) -> str:
    return f"{rng.choice(('นาย', 'นาง', 'นางสาว'))}{rng.choice(FIRST)} {rng.choice(LAST)}"


def _date(rng: random.Random) -> date:
    return date(2022, 1, 3) + timedelta(days=rng.randrange(4 * 365))


def make_sample(rng: random.Random, n: int) -> Sample:
    """One letter of a random office, kind and shape."""
    province, code = rng.choice(provinces())
    district = rng.choice(DISTRICTS)
    level = rng.choice(("province", "district", "dla"))
    if level == "province":
        office, prefix = f"สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด{province}", f"{code} 0023.{rng.randint(1, 5)}"
        address = [f"ศาลากลางจังหวัด{province}"]
    elif level == "district":
        office, prefix = f"สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอ{district}", f"{code} 0023.{rng.randint(6, 16)}"
        address = [f"ที่ว่าการอำเภอ{district}"]
    else:
        office, prefix = "กรมส่งเสริมการปกครองท้องถิ่น", f"มท 08{rng.randint(10, 19)}.{rng.randint(1, 5)}"
        address = ["ถนนนครราชสีมา เขตดุสิต กทม. ๑๐๓๐๐"]
    kind = rng.choices(("external", "memo", "stamped"), weights=(6, 2, 2))[0]
    circular = rng.random() < 0.6
    doc_no = f"{prefix}/{'ว ' if circular else ''}{rng.randint(1, 9999)}"
    when = _date(rng)
    subject = rng.choice(SUBJECTS)
    recipient = rng.choice((*BODIES, f"สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอ{district}"))
    salutation = head_of(recipient) if kind != "memo" else "ท้องถิ่นจังหวัด" + province
    source = rng.choice(("กรมส่งเสริมการปกครองท้องถิ่น", f"จังหวัด{province}", "กระทรวงมหาดไทย"))
    body = [rng.choice(BODY_OPENINGS).format(src=source), rng.choice(CLOSINGS)]
    references = []
    if rng.random() < 0.3:
        references.append(Citation(source, f"มท 08{rng.randint(10, 19)}.{rng.randint(1, 5)}/ว {rng.randint(1, 9999)}",
                                   when - timedelta(days=rng.randint(5, 60))))  # fmt: skip
    enclosures = [f"รายละเอียดตามเอกสารแนบ จำนวน {rng.randint(1, 5)} ฉบับ"] if rng.random() < 0.5 else []
    content = LetterContent(
        doc_no=doc_no, office_name=office if kind != "memo" else rng.choice(UNITS), date=when, subject=subject,
        salutation=salutation, body=body, office_address=address, references=references, enclosures=enclosures,
        signer_name=_person(rng) if kind != "stamped" else "",
        signer_lines=[head_of(office) if kind != "memo" else "หัวหน้า" + rng.choice(UNITS)[5:]],
        owning_unit=rng.choice(UNITS), phone=f"0-{rng.randint(2000, 5999)}-{rng.randint(1000, 9999)}",
        email="saraban@example.go.th",
        urgency=rng.choice((None, None, None, "ด่วน", "ด่วนมาก", "ด่วนที่สุด")),
        secrecy=rng.choice((None,) * 9 + ("ลับ",)),
    )  # fmt: skip
    stamp = None
    if rng.random() < 0.6:
        received = when + timedelta(days=rng.randint(1, 12))
        stamp = {"number": str(rng.randint(1, 9999)), "date": received.isoformat(),
                 "time": f"{rng.randint(8, 16):02d}:{rng.randint(0, 59):02d}"}  # fmt: skip
    return Sample(f"c{n:04d}", kind, content, rng.choice(("thai", "thai", "arabic")), stamp)


def gold_of(sample: Sample, text: str) -> dict[str, object]:
    """The truth of a sample, and which fields the OCR text lost."""
    c = sample.content
    printed_no = render_digits(c.doc_no, sample.digits)
    printed_date = format_thai_date(c.date, digits=sample.digits)
    squashed = "".join(text.split()).replace("\u0e4d\u0e32", "\u0e33")
    lost = [f for f, v in (("doc_no", printed_no), ("date", printed_date)) if "".join(v.split()) not in squashed]
    gold: dict[str, object] = {
        "file": f"{sample.name}.txt", "index": 0, "kind": sample.kind, "doc_no": c.doc_no,
        "circular": "/ว" in c.doc_no, "date": c.date.isoformat(),
        "subject": render_digits(c.subject, sample.digits) if sample.kind != "stamped" else None,
        "salutation_to": c.salutation, "sender_agency": c.office_name,
        "attachments": [render_digits(e, sample.digits) for e in c.enclosures],
        "references": [{"doc_no": r.doc_no, "date": r.date.isoformat() if r.date else None} for r in c.references],
        "urgency": c.urgency, "secrecy": c.secrecy,
        "receipt_stamps": [{"number": s["number"], "date": s["date"], "time": s["time"]} for s in [sample.stamp] if s],
        "signer_name": c.signer_name or None,
        "signer_position": c.signer_lines[0] if c.signer_name else None,
        "ocr_unrecoverable": [*lost, *(["receipt_stamps"] if sample.stamp else []),
                              *(["references"] if c.references and sample.digits == "thai" else [])],
        "source": f"generated by scripts/ocr_corpus.py: {sample.kind}, {sample.digits} digits, scanned and OCR'd",
    }  # fmt: skip
    return gold


def _font(name: str, size: int):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    path = FONTS / name
    return ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default()


def damage(image_path: Path, sample: Sample, rng: random.Random) -> None:
    """Scan damage and counter marks: stamp box, handwriting, skew, blur, speckle, JPEG."""
    from PIL import Image, ImageDraw, ImageFilter

    image = Image.open(image_path).convert("L")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    unit = w / 100
    if sample.stamp:
        x, y = int(w * rng.uniform(0.58, 0.66)), int(h * rng.uniform(0.02, 0.05))
        box = (x, y, x + int(30 * unit), y + int(12 * unit))
        draw.rectangle(box, outline=70, width=max(2, int(unit / 4)))
        printed, hand = _font("Garuda.ttf", int(2.6 * unit)), _font("Purisa.ttf", int(3.0 * unit))
        for row, (label, value) in enumerate((("เลขรับ", sample.stamp["number"]),
                                              ("วันที่", format_thai_date(date.fromisoformat(sample.stamp["date"]),
                                                                         digits="arabic", abbreviated=True)),
                                              ("เวลา", sample.stamp["time"].replace(":", ".")))):  # fmt: skip
            top = y + int((1 + 3.5 * row) * unit)
            draw.text((x + unit, top), label, font=printed, fill=60)
            draw.text((x + 9 * unit, top - unit / 2), value, font=hand, fill=rng.randint(20, 90))
    if rng.random() < 0.5:
        hand = _font("Purisa-Oblique.ttf", int(3.2 * unit))
        top = int(h * rng.uniform(0.72, 0.85))
        draw.text((int(8 * unit), top), "เรียน ท้องถิ่นจังหวัด", font=hand, fill=40)
        draw.text((int(8 * unit), top + 4 * unit), "- เพื่อโปรดพิจารณา", font=hand, fill=40)
        draw.line([(8 * unit, top + 9 * unit), (30 * unit, top + 8 * unit)], fill=40, width=3)
    image = image.rotate(rng.uniform(-0.8, 0.8), fillcolor=255, resample=Image.BICUBIC)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 0.7)))
    pixels = image.load()
    for _ in range(int(w * h * 0.0005)):
        pixels[rng.randrange(w), rng.randrange(h)] = rng.choice((0, 255))
    jpeg = image_path.with_suffix(".jpg")
    image.save(jpeg, quality=rng.randint(45, 75))
    Image.open(jpeg).convert("L").save(image_path)
    jpeg.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2569)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "corpus")
    parser.add_argument("--scans", action="store_true",
                        help="also keep each damaged scan as an image-only PDF, with gold_scans.jsonl "
                             "(every field counts: saraban reads the page itself)")  # fmt: skip
    args = parser.parse_args()
    office = libreoffice()
    if office is None:
        sys.exit("saraban: the corpus needs LibreOffice: apt-get install libreoffice-writer-nogui")
    rng = random.Random(args.seed)
    samples = [make_sample(rng, n) for n in range(args.count)]
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="saraban-corpus-") as tmp:
        work = Path(tmp)
        for s in samples:
            render(find_template(s.kind), s.content.to_template_data(digits=s.digits), work / f"{s.name}.docx")
        # One LibreOffice run converts a batch (starting it costs more than a letter); a long
        # run has been seen to stop part-way, so batches are small and what is missing is retried.
        for _attempt in range(3):
            missing = [s for s in samples if not (work / f"{s.name}.pdf").exists()]
            for start in range(0, len(missing), 40):
                batch = missing[start : start + 40]
                subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(work),
                                *[str(work / f"{s.name}.docx") for s in batch]],
                               check=False, capture_output=True, timeout=120 + 5 * len(batch))  # fmt: skip
        lost = [s.name for s in samples if not (work / f"{s.name}.pdf").exists()]
        if lost:
            print(f"saraban: LibreOffice did not convert {len(lost)} letters; left out: {' '.join(lost)}")
        samples = [s for s in samples if s.name not in lost]

        def scan(sample: Sample) -> str:
            local = random.Random(f"{args.seed}-{sample.name}")
            dpi = local.choice((150, 175, 200))
            prefix = work / sample.name
            subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(work / f"{sample.name}.pdf"),
                            str(prefix)], check=True, timeout=120)  # fmt: skip
            pages = sorted(work.glob(f"{sample.name}-*.png"))
            damage(pages[0], sample, local)
            if args.scans:
                from PIL import Image

                images = [Image.open(p).convert("L") for p in pages]
                images[0].save(args.out / f"{sample.name}.pdf", resolution=float(dpi), save_all=True,
                               append_images=images[1:])  # fmt: skip
            return "\n\n".join(ocr_image(page, n + 1).text for n, page in enumerate(pages))

        with ThreadPoolExecutor(max_workers=workers()) as pool:
            texts = list(pool.map(scan, samples))
    golds = []
    for sample, text in zip(samples, texts, strict=True):
        (args.out / f"{sample.name}.txt").write_text(text + "\n", encoding="utf-8")
        golds.append(gold_of(sample, text))
    with (args.out / "gold.jsonl").open("w", encoding="utf-8") as handle:
        for gold in golds:
            handle.write(json.dumps(gold, ensure_ascii=False) + "\n")
    if args.scans:
        with (args.out / "gold_scans.jsonl").open("w", encoding="utf-8") as handle:
            for gold in golds:
                scan = {**gold, "file": str(gold["file"]).replace(".txt", ".pdf"), "ocr_unrecoverable": []}
                handle.write(json.dumps(scan, ensure_ascii=False) + "\n")
    print(f"{len(samples)} letters in {args.out} (gold.jsonl); score: saraban score --gold {args.out}/gold.jsonl "
          f"--files {args.out}")
    shutil.rmtree(args.out / "__pycache__", ignore_errors=True)


if __name__ == "__main__":
    main()

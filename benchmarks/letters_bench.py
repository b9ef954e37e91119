"""Letters benchmark: forwarding letters written per second (numbering, recording and DOCX
rendering through the services), and bare template rendering for comparison.

    python benchmarks/letters_bench.py [--recipients 100]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from saraban.demo.builder import DISTRICT, build_demo
from saraban.letters.content import LetterContent
from saraban.letters.render import find_template, render
from saraban.services.context import open_context
from saraban.services.directory import import_dla_rows
from saraban.services.forwarding import ForwardRequest, forward
from saraban.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recipients", type=int, default=100)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="saraban-letters-"))
    url = f"sqlite:///{tmp / 'demo.sqlite'}"
    build_demo(url, today=date(2026, 11, 21), out_dir=tmp / "demo-out")
    ctx = open_context(url, user="สมศรี", settings=Settings(office=DISTRICT))
    rows = [{"จังหวัด": "น่าน", "อำเภอ": "ท่าวังผา", "รหัส อปท.": f"99{i:05d}", "ประเภท อปท.": "องค์การบริหารส่วนตำบล",
             "อปท.": f"ทดสอบ{i}"} for i in range(args.recipients)]  # fmt: skip
    with ctx.writing() as s:
        import_dla_rows(s, rows)
    names = [f"องค์การบริหารส่วนตำบลทดสอบ{i}" for i in range(args.recipients)]

    start = time.perf_counter()
    result = forward(ctx, ForwardRequest("ว 1104", DISTRICT, names, mode="per-recipient", out_dir=tmp / "out"))
    per_recipient = time.perf_counter() - start
    count = len(result.letters)
    rate = count / per_recipient
    print(f"forward, one letter per recipient: {count} letters in {per_recipient:.2f} s = {rate:.0f} letters/s")

    start = time.perf_counter()
    # The same offices again, as one circular: a deliberate second forward (else it is refused).
    forward(ctx, ForwardRequest("ว 1104", DISTRICT, names, mode="circular", out_dir=tmp / "out", again=True))
    print(f"forward, one circular with a {args.recipients}-line distribution list: {time.perf_counter() - start:.2f} s")

    content = LetterContent("นน 0023.11/1", "สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา", date(2026, 11, 21),
                            "ทดสอบ", "นายกองค์การบริหารส่วนตำบล", ["ย่อหน้า"] * 3)  # fmt: skip
    template = find_template("external")
    start = time.perf_counter()
    for i in range(count):
        render(template, content.to_template_data(), tmp / "bare" / f"{i}.docx")
    bare = time.perf_counter() - start
    print(f"bare rendering of the template: {count} in {bare:.2f} s = {count / bare:.0f} letters/s")


if __name__ == "__main__":
    main()

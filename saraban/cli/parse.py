"""``saraban parse`` and ``saraban score``: reading letters without a database."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from saraban.cli.output import note, ocr_progress, print_json


def register(app: typer.Typer) -> None:
    app.command("parse")(parse)
    app.command("score")(score)


def parse(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders: text, DOCX, PDF (text or scanned), PNG/JPEG/TIFF.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array, one object per letter.")] = False,
) -> None:
    """Read official letters from text, Word, PDF and scans (no database needed)."""
    from saraban.parsing import FileProblem, parse_paths

    records = []
    failed = False
    for path, result in parse_paths(paths, progress=ocr_progress("กำลังอ่าน")):
        if isinstance(result, FileProblem):
            note(f"saraban: {result.message}")
            failed = True
            continue
        if not result:
            note(f"saraban: {path}: ไม่พบหนังสือราชการในไฟล์ (no letter found)")
        for letter in result:
            records.append(letter.to_json())
            if not as_json:
                _print_summary(letter.to_json())
    if as_json:
        print_json(records)
    if failed:
        raise typer.Exit(1)


def _thai_day(value: str | None) -> str | None:
    """An ISO date of the JSON record as a person reads it (``5 ธ.ค. 2569``)."""
    from datetime import date

    from saraban.thai.dates import format_thai_date

    return format_thai_date(date.fromisoformat(value), digits="arabic", abbreviated=True) if value else None


def _print_summary(record: dict) -> None:
    from saraban.parsing.record import KIND_NAMES

    record = {**record, "date": _thai_day(record.get("date")), "deadline": _thai_day(record.get("deadline"))}
    lines = [f"── {record['source']} #{record['index']} ({KIND_NAMES.get(record['kind'], record['kind'])})"]
    labels = [
        ("ที่", "doc_no"),
        ("ลงวันที่", "date"),
        ("เรื่อง", "subject"),
        ("เรียน", "salutation_to"),
        ("จาก", "sender_agency"),
        ("ชั้นความเร็ว", "urgency"),
        ("ชั้นความลับ", "secrecy"),
        ("ผู้ลงนาม", "signer_name"),
        ("ตำแหน่ง", "signer_position"),
        ("กำหนดส่ง", "deadline"),
    ]
    for label, key in labels:
        if record.get(key):
            lines.append(f"  {label}: {record[key]}")
    for item in record["attachments"]:
        lines.append(f"  สิ่งที่ส่งมาด้วย: {item}")
    for ref in record["references"]:
        lines.append(f"  อ้างถึง/สำเนา: {ref['doc_no']} ({_thai_day(ref['date']) or 'ไม่ระบุวันที่'})")
    for stamp in record["receipt_stamps"]:
        from saraban.thai.dates import stamp_time

        time = stamp_time(stamp["time"]) if stamp["time"] else "-"
        lines.append(
            f"  ตรารับ: {stamp['agency'] or '(ไม่ระบุหน่วยงาน)'} เลขรับ {stamp['number'] or '-'} "
            f"วันที่ {_thai_day(stamp['date']) or '-'} เวลา {time}"
        )
    suggestions = record.get("suggestions") or {}
    for key, label in (("doc_no", "ที่"), ("date", "ลงวันที่")):
        offer = suggestions.get(key)
        if offer:
            shown = offer["value"]
            if key == "date":
                from datetime import date

                from saraban.thai.dates import format_thai_date

                shown = format_thai_date(date.fromisoformat(shown), digits="arabic")
            lines.append(f"  ? {label} (ข้อเสนอ ไม่ใช่ค่าที่บันทึก มั่นใจ {offer['confidence']:.0%}): {shown}")
    for stamp in suggestions.get("receipt_stamps") or []:
        lines.append(f"  ? ตรารับ (ข้อเสนอ มั่นใจ {stamp['confidence']:.0%}): เลขรับ {stamp['number'] or '-'} "
                     f"วันที่ {_thai_day(stamp['date']) or '-'} เวลา {stamp['time'] or '-'}")  # fmt: skip
    for warning in record["warnings"]:
        lines.append(f"  ! {warning}")
    sys.stdout.write("\n".join(lines) + "\n")


def score(
    gold: Annotated[Path, typer.Option("--gold", help="Gold JSONL (keys of parse --json plus file, index).")],
    predictions: Annotated[
        Path | None, typer.Argument(help="parse --json output (default: parse the gold's files).")
    ] = None,
    seeds: Annotated[Path | None, typer.Option("--files", help="Folder of the gold's files.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    show_misses: Annotated[bool, typer.Option("--misses", help="List every wrong field.")] = False,
) -> None:
    """Compare parser output with gold annotations, field by field."""
    from saraban.errors import InvalidInput
    from saraban.parsing import parse_paths
    from saraban.parsing.scoring import load_jsonl
    from saraban.parsing.scoring import score as compute

    gold_records = load_jsonl(gold)
    if predictions is not None:
        try:
            predicted = json.loads(predictions.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InvalidInput(f"{predictions}: ไม่ใช่ผลของ parse --json ({exc})") from exc
    else:
        folder = seeds or gold.parent.parent / "seeds"
        unnamed = [n for n, r in enumerate(gold_records, start=1) if not isinstance(r.get("file"), str)]
        if unnamed:
            raise InvalidInput(f"{gold}: รายการที่ {unnamed[0]} ไม่มีชื่อไฟล์ (file)")
        files = sorted({folder / r["file"] for r in gold_records})
        predicted = [
            letter.to_json() for _path, result in parse_paths(files) if isinstance(result, list) for letter in result
        ]
    report = compute(predicted, gold_records)
    if as_json:
        print_json(
            {
                "percent": round(report.percent, 2),
                "exact": report.exact,
                "total": report.total,
                "fields": {n: {"exact": f.exact, "total": f.total} for n, f in report.fields.items()},
            }
        )
    else:
        sys.stdout.write(report.table() + "\n")
    if show_misses:
        for entry in report.fields.values():
            for miss in entry.misses:
                note(f"{entry.name}: {miss}")

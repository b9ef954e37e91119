"""Register reports (แบบที่ 13 / 14) and the routing report of a cascade, as DOCX."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from saraban.letters.render import find_template, render
from saraban.thai.breaks import ZWSP, breakable, unbreakable
from saraban.thai.dates import format_thai_date, format_thai_datetime, now_bangkok, stamp_time
from saraban.thai.digits import render_digits

if TYPE_CHECKING:
    from saraban.services.context import Context
    from saraban.services.register_view import RegisterRow
    from saraban.services.trace import Trace


def _latency(hours: float | None) -> str:
    if hours is None:
        return "-"
    return f"{hours / 24:.1f} วัน" if hours >= 48 else f"{hours:.1f} ชม."


def _render_report(ctx: Context, template: str, data: dict[str, object], out: Path) -> Path:
    """Render a report with the office's template and font, stamped with who printed it, when,
    and the ledger's head at that moment (so the paper copy is a checkpoint too)."""
    from saraban.services.ledger import head_of

    with ctx.reading() as session:
        length, head = head_of(session)
    data = {
        **data,
        # The hash stays in Arabic digits and Latin letters: it is typed back into
        # ``saraban audit verify --head``, and only the count is rendered for reading.
        "ledger_head": f"{length}:{head}",
        "printed_at": format_thai_datetime(now_bangkok(), digits=ctx.settings.digits),
        "printed_by": ctx.actor.name,
    }
    return render(
        find_template(template, ctx.settings.templates_dir),
        data,
        out,
        font=ctx.settings.font_name,
        size=ctx.settings.font_size,
        overwrite=True,
        digits=ctx.settings.digits,
    )


def write_register_report(
    ctx: Context, agency: str, rows: list[RegisterRow], out: Path, *, book: str = "receive", year: int | None = None
) -> Path:
    """Write a register for an agency and period as the paper book's table."""
    from saraban.services.directory import resolve_agency

    digits = ctx.settings.digits
    with ctx.reading() as session:
        office = resolve_agency(session, agency).name
    ordered = sorted(rows, key=lambda r: (r.year, r.series, r.number))
    if ordered:
        # The period runs from the earliest date to the latest: after a back-dated receipt the
        # last row is not the last day (#28).
        first, last = min(r.date for r in ordered), max(r.date for r in ordered)
        period = f"ตั้งแต่วันที่ {format_thai_date(first, digits=digits)} ถึงวันที่ {format_thai_date(last, digits=digits)}"
    else:
        period = "ไม่มีรายการ"
    if year:
        period = render_digits(f"ปี พ.ศ. {year} ", digits) + period
    data = {
        "title": "ทะเบียนหนังสือรับ" if book == "receive" else "ทะเบียนหนังสือส่ง",
        "agency": office,
        "period": period,
        # The form's own words, broken where the form breaks them (เลข / ทะเบียน / รับ).
        "number_header": f"เลข{ZWSP}ทะเบียน{ZWSP}" + ("รับ" if book == "receive" else "ส่ง"),
        "when_header": f"วันเวลา{ZWSP}" + ("รับ" if book == "receive" else "ส่ง"),
        # A number, a date and a time stay on one line; words break only between words.
        "rows": [
            {
                "number": unbreakable(render_digits(r.label, digits)),
                "doc_no": unbreakable(render_digits(r.doc_no or "", digits)),
                "letter_date": _short_date(r.letter_date, digits) if r.letter_date else "",
                "from": breakable(r.from_ or ""),
                "to": breakable(r.to or ""),
                "subject": breakable(render_digits(r.subject or "", digits)),
                "action": breakable(render_digits(r.action or "", digits)),
                "remark": breakable(render_digits(_remark(r), digits)),
                # Registers write times as "๐๙.๓๐ น.", as the paper books do: the date on one
                # line, the time on the next.
                "when": f"{_short_date(r.date, digits)} {_stamp_time(r.time, digits)}",
            }
            for r in ordered
        ],
    }
    # A printout holding a secret subject carries the highest such mark on every page.
    shown = [r.secrecy for r in ordered if r.secrecy in _MARKS and not r.hidden]
    data["secrecy"] = max(shown, key=_MARKS.index) if shown else ""
    return _render_report(ctx, "register", data, out)


_MARKS = ("ลับ", "ลับมาก", "ลับที่สุด")


def _stamp_time(time: str, digits: str) -> str:
    """``๐๙.๓๐ น.``, never broken before its น."""
    return unbreakable(render_digits(stamp_time(time), digits))


def _short_date(day: date, digits: str) -> str:
    """``๕ ม.ค. ๖๙``: the register's date, abbreviated with a two-figure year, on one line."""
    text = format_thai_date(day, digits="arabic", abbreviated=True)
    text = re.sub(r"(\d{2})(\d{2})$", r"\2", text)
    return unbreakable(render_digits(text, digits))


def _remark(row: RegisterRow) -> str:
    """หมายเหตุ: a void's reason or the remark, after the entry's secrecy and urgency marks."""
    text = f"ยกเลิก: {row.void_reason}" if row.void else (row.remark or "")
    marks = [mark for mark in (row.secrecy, row.urgency) if mark]
    return "; ".join([*marks, text] if text else marks)


def pending_offices(trace: Trace) -> dict[str, list[str]]:
    """Each office yet to register a letter of the cascade → the letters (numbers) it has not.

    An office is one place to call however many letters it owes: counted per letter, two
    forwards to the same eleven offices read "ยังไม่ลงรับ ๑๙ แห่ง"."""
    waiting: dict[str, list[str]] = {}
    for node in trace.nodes:
        for name in node.pending:
            waiting.setdefault(name, []).append(node.doc_no or "-")
    return waiting


def write_routing_report(ctx: Context, trace: Trace, out: Path) -> Path:
    """Write the routing report of a cascade: every hop, latency, pending recipients, the tree."""
    digits = ctx.settings.digits
    rows = []
    for node in trace.nodes:
        # A number, a date or a time never breaks in the narrow columns; names break between words.
        sender = breakable(node.sender_agency or "-")
        date_text = unbreakable(format_thai_date(node.date, digits=digits, abbreviated=True)) if node.date else "-"
        doc_no = unbreakable(render_digits(node.doc_no or "-", digits))
        if not node.receipts:
            rows.append(
                {
                    "depth": render_digits(str(node.depth), digits),
                    "doc_no": doc_no,
                    "date": date_text,
                    "sender": sender,
                    "receiver": "-",
                    "number": "-",
                    "when": "-",
                    "latency": "-",
                }
            )
        for hop in node.receipts:
            rows.append(
                {
                    "depth": render_digits(str(node.depth), digits),
                    "doc_no": doc_no,
                    "date": date_text,
                    "sender": sender,
                    "receiver": breakable(hop.agency),
                    "number": render_digits(str(hop.number or "-"), digits),
                    "when": unbreakable(render_digits(
                        format_thai_date(hop.at.date(), digits="arabic", abbreviated=True)
                        + (f" {hop.at:%H.%M} น." if hop.has_time else ""),
                        digits,
                    )),
                    "latency": render_digits(_latency(hop.latency_hours), digits),
                }
            )
    waiting = pending_offices(trace)
    pending = [render_digits(f"{name}: {', '.join(letters)}", digits) for name, letters in waiting.items()]
    summary = f"หนังสือในสายการส่งต่อ {len(trace.nodes)} ฉบับ ลงรับแล้ว {trace.receipts()} ครั้ง ยังไม่ลงรับ {len(waiting)} แห่ง"
    data = {
        "root_doc_no": render_digits(trace.root.doc_no or "-", digits),
        "root_date": format_thai_date(trace.root.date, digits=digits) if trace.root.date else "-",
        "subject": trace.root.subject or "-",
        "summary": render_digits(summary, digits),
        "rows": rows,
        "pending": pending or ["ไม่มี"],
        "tree": [render_digits(line, digits) for line in trace.tree_lines(slow_hours=ctx.settings.slow_hop_hours,
                                                                         plain=True)],
    }
    return _render_report(ctx, "routing", data, out)

"""``saraban amend`` and ``saraban history``: correcting a registered entry, and seeing what was corrected."""

from __future__ import annotations

from typing import Annotated

import typer

from saraban.cli.output import note, print_json, print_table
from saraban.cli.state import state_of


def register(app: typer.Typer) -> None:
    app.command("amend")(amend)
    app.command("history")(history)


def amend(
    ctx: typer.Context,
    agency: Annotated[str, typer.Argument(help="Agency whose register it is (code or name).")],
    number: Annotated[
        str, typer.Argument(help="Register number to correct, or the letter's number (ที่) it received.")
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why it is corrected (kept in its history).")],
    subject: Annotated[str | None, typer.Option("--subject", help="เรื่อง.")] = None,
    doc_no: Annotated[str | None, typer.Option("--doc-no", help="ที่ (the letter's number).")] = None,
    letter_date: Annotated[str | None, typer.Option("--date", help="ลงวันที่: '5 ม.ค. 2567' or 2567-01-05.")] = None,
    sender: Annotated[str | None, typer.Option("--from", help="จาก.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="ถึง.")] = None,
    action: Annotated[str | None, typer.Option("--action", help="การปฏิบัติ.")] = None,
    remark: Annotated[str | None, typer.Option("--remark", help="หมายเหตุ.")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Register year (BE); default this year.")] = None,
    kind: Annotated[str, typer.Option("--kind", help="receive or send.")] = "receive",
    circular: Annotated[bool, typer.Option("--circular", help="A number of the ว series.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Correct fields of a registered entry; the old values stay in its history and the ledger.

    An empty value ('') clears a field (never เรื่อง).
    """
    from saraban.errors import InvalidInput
    from saraban.services.amendment import FIELDS, shown
    from saraban.services.amendment import amend as amend_entry

    typed = {
        "subject": subject,
        "doc_no": doc_no,
        "letter_date": letter_date,
        "from_text": sender,
        "to_text": to,
        "action": action,
        "remark": remark,
    }
    changes = {name: value for name, value in typed.items() if value is not None}
    if not changes:
        raise InvalidInput("ไม่มีช่องที่จะแก้: ระบุ --subject, --doc-no, --date, --from, --to, --action หรือ --remark")
    made = amend_entry(
        state_of(ctx).context(),
        agency,
        number,
        changes,
        reason,
        year=year,
        book=kind,
        series="circular" if circular else "general",
    )
    if as_json:
        print_json([{"field": a.field_name, "old": a.old_value, "new": a.new_value} for a in made])
        return
    for a in made:
        old, new = shown(a.field_name, a.old_value), shown(a.field_name, a.new_value)
        note(f"แก้{FIELDS[a.field_name]}: {old or '-'} → {new or '-'}")
    note(f"บันทึกการแก้ไข {number} แล้ว ({len(made)} ช่อง): {made[0].reason}")


def history(
    ctx: typer.Context,
    doc_no: Annotated[str, typer.Argument(help="The letter's number, e.g. 'นน 0023.5/ว 1104', or #id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show every correction of a letter and its register entries: when, who, what and why."""
    from saraban.services.amendment import amendments_of
    from saraban.services.letter_view import provenance_note
    from saraban.services.letters_store import get_letter
    from saraban.thai.dates import format_thai_datetime

    context = state_of(ctx).context()
    with context.reading() as session:
        letter = get_letter(session, doc_no, context.actor.clearance)
        letter_id, came_from = letter.id, provenance_note(letter.provenance or {})
    assert letter_id is not None
    rows = amendments_of(context, letter_id)
    if as_json:
        print_json([r.to_json() for r in rows])
        return
    if came_from:
        note(f"ที่มาของข้อมูล — {came_from}")
    if not rows:
        note(f"หนังสือ {doc_no} ไม่เคยถูกแก้ไข")
    else:
        print_table(
            f"ประวัติการแก้ไข {doc_no}",
            ["เมื่อ", "โดย", "รายการ", "ช่อง", "เดิม", "ใหม่", "เหตุผล"],
            [
                (format_thai_datetime(r.at, digits="arabic"), r.by, r.entry or "หนังสือ", r.label, r.old, r.new, r.reason)
                for r in rows
            ],
        )

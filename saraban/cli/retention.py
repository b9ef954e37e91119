"""``saraban retention``: how long letters are kept, the year-end list, holds, destruction."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from saraban.cli.output import note, print_json, print_table
from saraban.cli.state import state_of

app = typer.Typer(help="Keeping and destroying letters (การเก็บรักษาและการทำลาย)", no_args_is_help=True)


@app.command("due")
def due(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", help="Buddhist Era year whose end the retention reaches.")],
    at: Annotated[str | None, typer.Option("--at", help="The office (default: the settings' office).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the letters whose retention ends by the end of the year."""
    from saraban.services.retention import due as due_letters

    rows = due_letters(state_of(ctx).context(), year, at)
    if as_json:
        print_json([r.to_json() for r in rows])
        return
    print_table(f"หนังสือครบกำหนดเก็บภายในปี {year}", ["#", "ที่", "ลงวันที่", "เรื่อง", "รหัสแฟ้ม", "เก็บ", "ลงบัญชี"],
                [[f"#{r.letter_id}", r.doc_no, r.letter_date, r.subject, r.file_code, r.retention,
                  f"บัญชี {r.listed}" if r.listed else ""] for r in rows])  # fmt: skip


@app.command("list")
def list_command(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", help="Buddhist Era year.")],
    docx: Annotated[Path | None, typer.Option("--docx", help="Write the แบบที่ 25 list as DOCX.")] = None,
    csv_path: Annotated[Path | None, typer.Option("--csv", help="Write it as CSV.")] = None,
    at: Annotated[str | None, typer.Option("--at", help="The office.")] = None,
) -> None:
    """Draw up the บัญชีหนังสือขอทำลาย of the letters due and mark them as listed."""
    from saraban.services.retention import make_list

    listing = make_list(state_of(ctx).context(), year, at=at, docx=docx, csv_path=csv_path)
    note(f"บัญชีหนังสือขอทำลายหมายเลข {listing.id}: {len(listing.letter_ids)} ฉบับ"
         + (f" → {docx}" if docx else "") + (f" {csv_path}" if csv_path else ""))  # fmt: skip


@app.command("set")
def set_command(
    ctx: typer.Context,
    letter: Annotated[str, typer.Argument(help="Letter number, or #id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why.")],
    retention: Annotated[str | None, typer.Option("--class", help="ถาวร|10|5|1|กฎหมายอื่น|ลับ")] = None,
    file_code: Annotated[str | None, typer.Option("--file-code", help="รหัสแฟ้ม.")] = None,
) -> None:
    """Change a letter's retention class or file code (recorded in the ledger)."""
    from saraban.services.retention import set_retention

    changed = set_retention(state_of(ctx).context(), letter, retention=retention, file_code=file_code, reason=reason)
    name = changed.doc_no or f"#{changed.id}"
    note(f"{name}: เก็บ {changed.retention or 'ตามค่าตั้งต้น'} รหัสแฟ้ม {changed.file_code or '-'}")


@app.command("hold")
def hold(
    ctx: typer.Context,
    letter: Annotated[str, typer.Argument(help="Letter number, or #id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why it is held (อายัด).")],
) -> None:
    """Hold a letter (อายัด): it stays off every destruction list."""
    from saraban.services.retention import hold as hold_letter

    held = hold_letter(state_of(ctx).context(), letter, reason)
    note(f"อายัด {held.doc_no or '#' + str(held.id)} แล้ว")


@app.command("destroy")
def destroy(
    ctx: typer.Context,
    listing: Annotated[int, typer.Option("--list", help="The list number (retention list).")],
    approval: Annotated[str, typer.Option("--approval", help="The committee's decision (มติ/คำอนุมัติ).")],
) -> None:
    """Destroy the letters of an approved list: files and body text go, register rows stay."""
    from saraban.services.retention import destroy as destroy_list

    destroyed = destroy_list(state_of(ctx).context(), listing, approval)
    note(f"ทำลายหนังสือ {len(destroyed)} ฉบับตามบัญชีหมายเลข {listing} แล้ว (ทะเบียนและบันทึกยังอยู่)")

"""``saraban mail``: letters that arrive by e-mail (import, fetch, inbox, accept, reject)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from saraban.cli.output import note, print_json, print_table
from saraban.cli.registers import NEW_SENDER_HELP
from saraban.cli.state import state_of

app = typer.Typer(help="Letters by e-mail (หนังสือเข้าทางอีเมล)", no_args_is_help=True)


def _report(report, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    for problem in report.problems:
        note(f"saraban: {problem}")
    if as_json:
        print_json(report.to_json())
    else:
        note(f"เข้ากล่องรับ {len(report.added)} ฉบับ, มีอยู่แล้ว {report.duplicates} ฉบับ")


@app.command("import")
def import_command(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help=".eml files, mbox files, Maildir folders.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Put exported e-mails into the inbox (each once, however often imported)."""
    from saraban.services.inbox import import_mail

    _report(import_mail(state_of(ctx).context(), paths), as_json)


@app.command("fetch")
def fetch(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """Read new e-mails from the office's IMAP mailbox into the inbox."""
    from saraban.cli.output import ocr_progress
    from saraban.services.inbox import fetch_mail

    _report(fetch_mail(state_of(ctx).context(), progress=ocr_progress("อีเมล")), as_json)


@app.command("inbox")
def inbox(
    ctx: typer.Context,
    status: Annotated[str, typer.Option("--status", help="waiting|accepted|rejected|all")] = "waiting",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the e-mails waiting for the clerk (or all of them)."""
    from saraban.services.inbox import inbox_letters, letter_states, list_inbox, shown_letter, shown_subject
    from saraban.thai.dates import format_thai_datetime

    messages = list_inbox(state_of(ctx).context(), None if status == "all" else status)
    if as_json:
        print_json([
            {"id": m.id, "message_id": m.message_id, "sha256": m.raw_sha256, "from": m.sender_address,
             "known_sender": m.sender_agency_id is not None, "subject": m.subject,
             "date": m.mail_date.isoformat() if m.mail_date else None, "arrived": m.arrived_at.isoformat(),
             "status": m.status, "reason": m.reason,
             "attachments": [{k: a.get(k) for k in ("filename", "sha256", "size", "kind", "problem")}
                             for a in m.attachments],
             "letters": [{**{k: v for k, v in letter.to_json().items() if k != "source"}, "index": i, "state": state}
                         for i, (letter, state) in enumerate(zip(inbox_letters(m), letter_states(m), strict=False))],
             "problems": m.problems}
            for m in messages
        ])  # fmt: skip
        return
    rows = []
    for m in messages:
        _index, first, which = shown_letter(m)
        low = ", ".join(first.low_confidence()) if first else ""
        sender = (m.sender_address or "-") + ("" if m.sender_agency_id else " (ไม่รู้จัก)")
        when = format_thai_datetime(m.arrived_at, digits="arabic")
        rows.append([m.id, when, sender, first.doc_no if first else "-", shown_subject(m, first, which), low or "-"])
    print_table("กล่องรับหนังสือทางอีเมล", ["#", "มาถึง", "จาก", "ที่", "เรื่อง", "ต้องตรวจ"], rows)


@app.command("accept")
def accept(
    ctx: typer.Context,
    message: Annotated[int, typer.Argument(help="Inbox number (mail inbox).")],
    at: Annotated[str | None, typer.Option("--at", help="Receiving agency (default: the office).")] = None,
    index: Annotated[int, typer.Option("--index", help="Which letter of the e-mail (0 = first).")] = 0,
    sender: Annotated[
        str | None, typer.Option("--sender", help="จาก as the clerk reads it (an office of the directory).")
    ] = None,
    new_sender: Annotated[bool, typer.Option("--new-sender", help=NEW_SENDER_HELP)] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Register an e-mailed letter in the receiving register (receipt time: now).

    A sender the directory lacks but whose name is close to a listed office is asked about
    first, as ``receive`` does (``--sender`` or ``--new-sender``).
    """
    from saraban.cli.registers import print_receipt, settle_sender
    from saraban.services.inbox import accept as accept_message
    from saraban.services.inbox import waiting_letter

    context = state_of(ctx).context()
    letter = waiting_letter(context, message, index)
    if letter is not None:
        if sender is not None:
            letter = letter.corrected(sender_agency=" ".join(sender.split()) or None)
        settle_sender(context, letter, new_sender)
    print_receipt(accept_message(context, message, at, index, letter), as_json)


@app.command("reject")
def reject(
    ctx: typer.Context,
    message: Annotated[int, typer.Argument(help="Inbox number.")],
    reason: Annotated[str, typer.Option("--reason", help="Why it is not received.")],
    index: Annotated[
        int | None, typer.Option("--index", help="Only this letter of the e-mail (0 = first); default: all waiting.")
    ] = None,
) -> None:
    """Mark an e-mail, or one letter of it, as not received, with the reason; it stays in the inbox."""
    from saraban.services.inbox import reject as reject_message

    reject_message(state_of(ctx).context(), message, reason, index)
    which = f"หนังสือฉบับที่ {index + 1} ของอีเมลหมายเลข {message}" if index is not None else f"อีเมลหมายเลข {message}"
    note(f"บันทึกไม่รับ{which} แล้ว")


def show_dispatch(report) -> None:  # type: ignore[no-untyped-def]
    for item in report.sent:
        typer.echo(f"ส่งอีเมล {item['doc_no']} ถึง {item['to']} <{item['address']}>")
    if report.already:
        typer.echo(f"ส่งไปแล้วก่อนหน้านี้ {report.already} ราย")
    for name in report.no_address:
        note(f"saraban: {name}: ไม่มีที่อยู่อีเมลในทะเบียนหน่วยงาน จึงยังไม่ได้ส่ง (agencies edit --email)")


@app.command("send")
def send(
    ctx: typer.Context,
    doc_nos: Annotated[list[str], typer.Argument(help="Letters saraban issued (e.g. after forward).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Send issued letters by e-mail to every recipient not yet sent to (safe to run again)."""
    from saraban.cli.output import ocr_progress
    from saraban.services.dispatch import send_letters

    report = send_letters(state_of(ctx).context(), doc_nos, progress=ocr_progress("อีเมล"))
    if as_json:
        print_json(report.to_json())
    else:
        show_dispatch(report)

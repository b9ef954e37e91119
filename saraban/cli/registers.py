"""``saraban receive``, ``register``, ``void``, ``ack``: the registers of an office."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from saraban.cli.output import note, ocr_progress, print_json, print_table, refuse_overwrite
from saraban.cli.state import state_of
from saraban.errors import InvalidInput

if TYPE_CHECKING:
    from saraban.parsing import ParsedLetter
    from saraban.services.context import Context


def register(app: typer.Typer) -> None:
    app.command("receive")(receive)
    app.command("register")(register_command)
    app.command("void")(void)
    app.command("ack")(ack)


def _when(value: str | None) -> datetime | None:
    """``--when`` as typed: BE or CE year, ISO or as a stamp writes it (see ``parse_when``)."""
    if value is None:
        return None
    from saraban.thai.dates import parse_when

    try:
        return parse_when(value)
    except ValueError as exc:
        raise InvalidInput(f"--when: {exc}") from exc


WHEN_HELP = "Receipt time: 2569-11-22T09:30 (BE or CE year) or '22 พ.ย. 2569 09.30 น.' (default: now)."
BACK_ENTRY_HELP = "Why this receipt is earlier than the register's last one (ลงรับย้อนหลัง); kept in its remark."


def print_receipt(receipt, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    from saraban.thai.dates import format_thai_date, stamp_time

    if as_json:
        print_json(receipt.to_json())
        return
    typer.echo(
        f"{receipt.agency}\n  เลขรับ {receipt.number}/{receipt.year}\n"
        f"  วันที่ {format_thai_date(receipt.date, digits='arabic', abbreviated=True)}\n"
        f"  เวลา {stamp_time(receipt.time)}\n"
        f"  ที่ {receipt.doc_no or '-'}"
    )


def receive(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The letter: text, DOCX, PDF (text or scanned), PNG/JPEG/TIFF.")],
    at: Annotated[str, typer.Option("--at", help="Receiving agency (code or name).")],
    when: Annotated[str | None, typer.Option("--when", help=WHEN_HELP)] = None,
    back_entry: Annotated[str | None, typer.Option("--back-entry", help=BACK_ENTRY_HELP)] = None,
    subject: Annotated[
        str | None, typer.Option("--subject", help="เรื่อง as the clerk reads it (when OCR found none or misread it).")
    ] = None,
    sender: Annotated[
        str | None, typer.Option("--sender", help="จาก as the clerk reads it (an office of the directory).")
    ] = None,
    doc_no: Annotated[
        str | None, typer.Option("--doc-no", help="ที่ (the letter's number) as the clerk reads it on the page.")
    ] = None,
    letter_date: Annotated[
        str | None, typer.Option("--date", help="ลงวันที่ as the clerk reads it (13 พ.ย. 2569 or 2026-11-13).")
    ] = None,
    index: Annotated[int, typer.Option("--index", help="Which letter of the file (0 = first).")] = 0,
    same_as: Annotated[
        str | None,
        typer.Option("--same-as", help="The same letter as this office's receipt NUMBER/YEAR (a copy: no new number)."),
    ] = None,
    another: Annotated[
        bool, typer.Option("--another", help="Another letter, though it looks like one received lately.")
    ] = False,
    new_sender: Annotated[bool, typer.Option("--new-sender", help=NEW_SENDER_HELP)] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Register a letter as received and print its receipt number, date and time.

    A number or date saraban read from the page without being sure is never registered on
    its own: it is shown as a suggestion, and the clerk confirms it with --doc-no / --date.
    """
    from saraban.parsing import parse_file
    from saraban.parsing.suggestions import suggested_values
    from saraban.services.directory import office_names
    from saraban.services.registers import receive as receive_letter

    context = state_of(ctx).context()
    with context.reading() as session:
        names = office_names(session)
    letters = parse_file(file, progress=ocr_progress(file), names=names)
    if not letters:
        raise InvalidInput(f"{file}: ไม่พบหนังสือราชการในไฟล์")
    if not 0 <= index < len(letters):
        raise InvalidInput(f"{file}: มีหนังสือ {len(letters)} ฉบับ (--index 0–{len(letters) - 1})")
    letter = letters[index]
    if subject is not None:
        letter = letter.corrected(subject=" ".join(subject.split()) or None)
    if sender is not None:
        letter = letter.corrected(sender_agency=" ".join(sender.split()) or None)
    letter = _typed_number_and_date(letter, doc_no, letter_date)
    from saraban.services.registers import without_later_date
    from saraban.thai.dates import now_bangkok

    received_at = _when(when)
    # Said here with the other notes: the service leaves such a date empty without a word.
    letter = without_later_date(letter, received_at or now_bangkok())
    for warning in letter.warnings:
        note(f"! {warning}")
    for key, offer in suggested_values(letter).items():
        if getattr(letter, key) is None:
            option = "--doc-no" if key == "doc_no" else "--date"
            note(f"! ข้อเสนอจาก{offer.origin} {'ที่' if key == 'doc_no' else 'ลงวันที่'} '{offer.text}' "
                 f"(มั่นใจ {offer.confidence:.0%}): ยังไม่บันทึก ตรวจกับต้นฉบับแล้วระบุด้วย {option}")  # fmt: skip
    settle_sender(context, letter, new_sender)
    receipt = receive_letter(context, letter, at, received_at, str(file), back_entry=back_entry,
                             same_as=same_as, another=another)  # fmt: skip
    if same_as is not None:
        note(f"ผูกกับเลขรับเดิม {receipt.number}/{receipt.year}: ไม่ออกเลขรับใหม่ เขียนเลขรับเดิมบนฉบับที่ได้รับ")
    if as_json:
        print_json({**receipt.to_json(), "suggestions": letter.suggestions, "provenance": letter.provenance,
                    "linked": same_as is not None})  # fmt: skip
        return
    print_receipt(receipt, as_json)


NEW_SENDER_HELP = "จาก is a new office (added for an administrator to review) though its name is close to one listed."


def settle_sender(context: Context, letter: ParsedLetter, new_sender: bool) -> None:
    """Ask before a sender the directory lacks becomes an office, as the Receive screen does.

    A name that is very likely a listed office's (an OCR slip, "สำนักงาน" put before a
    town's name) is refused, naming the office, until the clerk names it (``--sender``) or
    says it is new (``--new-sender``): a quiet copy would take the letters meant for it.
    Any other new name is added for review with a one-line note naming the close ones.
    """
    from saraban.services.sender_check import check_sender

    check = check_sender(context, letter.sender_agency, letter.code_prefix)
    if not check.new:
        return
    if check.likely and not new_sender:
        likely = ", ".join(f'"{name}"' for name in check.likely)
        raise InvalidInput(f"ผู้ส่ง '{check.typed}' ไม่อยู่ในทำเนียบ แต่น่าจะเป็น {likely}: ยังไม่ลงรับ "
                           f"ระบุหน่วยงานด้วย --sender หรือ --new-sender ถ้าเป็นหน่วยงานใหม่")  # fmt: skip
    close = f" (ใกล้เคียง: {', '.join(check.close)})" if check.close else ""
    note(f"! ผู้ส่ง '{check.typed}' ไม่อยู่ในทำเนียบ: เพิ่มไว้ให้ผู้ดูแลระบบตรวจ{close}; ระบุที่ถูกด้วย --sender")


def _typed_number_and_date(letter, doc_no: str | None, typed_date: str | None):  # type: ignore[no-untyped-def]
    """The letter with the number and date the clerk typed (they win over any reading)."""
    from saraban.thai.dates import parse_thai_date

    if doc_no is not None:
        letter = letter.corrected(doc_no=" ".join(doc_no.split()) or None)
    if typed_date is not None:
        try:
            day = parse_thai_date(typed_date)
        except ValueError as exc:
            raise InvalidInput(f"--date '{typed_date}': {exc}") from exc
        letter = letter.corrected(date=day)
    return letter


def ack(
    ctx: typer.Context,
    doc_no: Annotated[str, typer.Argument(help="Number of the letter received, e.g. 'นน 0023.11/ว 1'.")],
    at: Annotated[str, typer.Option("--at", help="Receiving agency.")],
    when: Annotated[str | None, typer.Option("--when", help=WHEN_HELP)] = None,
    back_entry: Annotated[str | None, typer.Option("--back-entry", help=BACK_ENTRY_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Record a recipient's receipt of a letter already in saraban (with its own receipt number)."""
    from saraban.services.registers import acknowledge

    print_receipt(acknowledge(state_of(ctx).context(), doc_no, at, _when(when), back_entry=back_entry), as_json)


def register_command(
    ctx: typer.Context,
    agency: Annotated[str, typer.Argument(help="Agency (code or name).")],
    year: Annotated[int | None, typer.Option("--year", help="Register year in Buddhist Era, e.g. 2561.")] = None,
    kind: Annotated[str, typer.Option("--kind", help="receive or send.")] = "receive",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="Write CSV (UTF-8 with BOM, for Excel).")] = None,
    docx_file: Annotated[Path | None, typer.Option("--docx", help="Write the register report (DOCX).")] = None,
    search: Annotated[str | None, typer.Option("--search", help="Number, subject or sender contains.")] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace existing output files.")] = False,
) -> None:
    """Show a receiving or sending register, as the paper book."""
    from saraban.services.register_view import register_rows, write_csv
    from saraban.thai.dates import stamp_time

    context = state_of(ctx).context()
    rows = register_rows(context, agency, year=year, book=kind, search=search)
    if csv_file:
        refuse_overwrite(csv_file, overwrite)
        write_csv(rows, csv_file, kind)
        note(f"เขียน {csv_file} ({len(rows)} รายการ)")
    if docx_file:
        from saraban.services.reports import write_register_report

        refuse_overwrite(docx_file, overwrite)
        write_register_report(context, agency, rows, docx_file, book=kind, year=year)
        note(f"เขียน {docx_file}")
    if as_json:
        print_json([r.to_json() for r in rows])
    elif not csv_file and not docx_file:
        title = ("ทะเบียนหนังสือรับ" if kind == "receive" else "ทะเบียนหนังสือส่ง") + (f" ปี {year}" if year else "")
        print_table(
            title,
            ["เลขทะเบียน", "ที่", "ลงวันที่", "จาก", "เรื่อง", "วันที่", "เวลา", "หมายเหตุ"],
            [
                (
                    r.label,
                    r.doc_no,
                    r.letter_date,
                    r.from_,
                    r.subject,
                    r.date,
                    stamp_time(r.time),
                    f"ยกเลิก: {r.void_reason}" if r.void else r.remark,
                )
                for r in rows
            ],
        )


def void(
    ctx: typer.Context,
    agency: Annotated[str, typer.Argument(help="Agency whose register it is.")],
    number: Annotated[int, typer.Argument(help="Register number to cancel.")],
    reason: Annotated[str, typer.Option("--reason", help="Why it is cancelled (kept in the register).")],
    year: Annotated[int | None, typer.Option("--year", help="Register year (BE); default this year.")] = None,
    kind: Annotated[str, typer.Option("--kind", help="receive or send.")] = "receive",
    circular: Annotated[bool, typer.Option("--circular", help="A number of the ว series.")] = False,
) -> None:
    """Cancel a register number: it stays in the register, marked void with its reason."""
    from saraban.services.registers import void as void_entry

    entry = void_entry(
        state_of(ctx).context(),
        agency,
        number,
        reason,
        year=year,
        book=kind,
        series="circular" if circular else "general",
    )
    note(f"ยกเลิกเลข {entry.number}/{entry.year} แล้ว: {entry.void_reason}")

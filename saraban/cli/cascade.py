"""``saraban import``, ``trace``, ``endorse``, ``forward``, ``stats``: the circular cascade."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from saraban.cli.output import cell, note, ocr_progress, print_json
from saraban.cli.state import state_of


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
    app.command("trace")(trace)
    app.command("endorse")(endorse)
    app.command("forward")(forward)
    app.command("stats")(stats)


def import_command(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: text, DOCX, PDF, scans.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Parse and store letters, link them, and register their receipt stamps."""
    from saraban.services.importing import import_paths

    report = import_paths(state_of(ctx).context(), paths, progress=ocr_progress("กำลังอ่าน"))
    for problem in report.problems:
        note(f"saraban: {problem}")
    if as_json:
        print_json(
            {
                "letters": [x.to_json() for x in report.letters],
                "agencies_for_review": report.agencies_for_review,
                "problems": report.problems,
            }
        )
    else:
        for item in report.letters:
            state = "ใหม่" if item.new else "มีแล้ว"
            link = f" ← {item.parent} ({item.link})" if item.parent else ""
            typer.echo(f"{item.doc_no or '(ไม่มีเลข)'} [{state}]{link}")
            for receipt in item.receipts:
                typer.echo(f"    ตรารับ {receipt['agency']} เลขรับ {receipt['number']} {receipt['date']}")
            for warning in item.warnings:
                note(f"    ! {warning}")
        for name in report.agencies_for_review:
            note(f"หน่วยงานใหม่ (รอตรวจสอบ): {name}")
    if report.problems:
        raise typer.Exit(1)


def trace(
    ctx: typer.Context,
    doc_no: Annotated[str, typer.Argument(help="Any letter of the cascade.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    tree: Annotated[bool, typer.Option("--tree", help="Draw the cascade as a tree.")] = False,
    dot: Annotated[bool, typer.Option("--dot", help="Print Graphviz DOT.")] = False,
    docx_file: Annotated[Path | None, typer.Option("--docx", help="Write the routing report (DOCX).")] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace an existing report file.")] = False,
) -> None:
    """Show the whole cascade containing a letter, from its first letter to the last recipients."""
    from saraban.services.trace import trace as build

    context = state_of(ctx).context()
    result = build(context, doc_no)
    if docx_file:
        from saraban.cli.output import refuse_overwrite
        from saraban.services.reports import write_routing_report

        refuse_overwrite(docx_file, overwrite)
        note(f"เขียน {write_routing_report(context, result, docx_file)}")
    if as_json:
        print_json(result.to_json())
    elif dot:
        typer.echo(result.to_dot())
    else:
        del tree  # the tree is also the default view
        typer.echo("\n".join(result.tree_lines(slow_hours=context.settings.slow_hop_hours)))


def endorse(
    ctx: typer.Context,
    doc_no: Annotated[str, typer.Argument(help="The letter endorsed.")],
    at: Annotated[str, typer.Option("--at", help="The office writing the endorsement.")],
    text: Annotated[str, typer.Option("--text", help="The endorsement (เกษียน).")],
) -> None:
    """Write an endorsement (เกษียน) on a letter: text, by whom, when."""
    from saraban.services.forwarding import endorse as write

    event = write(state_of(ctx).context(), doc_no, at, text)
    note(f"บันทึกเกษียนแล้ว ({event.created_by}, {cell(event.at)})")


def forward(
    ctx: typer.Context,
    doc_no: Annotated[str, typer.Argument(help="The letter to forward.")],
    sender: Annotated[str, typer.Option("--from", help="The forwarding office.")],
    to: Annotated[list[str] | None, typer.Option("--to", help="A recipient (repeat for several).")] = None,
    all_children: Annotated[
        bool, typer.Option("--all-children", help="Every office under the sender (e.g. all local bodies).")
    ] = False,
    mode: Annotated[str, typer.Option("--mode", help="circular (one ว letter) or per-recipient.")] = "circular",
    template: Annotated[
        str, typer.Option("--template", help="external or stamped (or an office template).")
    ] = "external",
    out: Annotated[Path | None, typer.Option("--out", help="Folder for the letters.")] = None,
    body: Annotated[
        Path | None, typer.Option("--body", help="Text file with the body (one paragraph per line).")
    ] = None,
    signer: Annotated[str, typer.Option("--signer", help="Signer's name.")] = "",
    position: Annotated[str | None, typer.Option("--position", help="Signer's position.")] = None,
    phone: Annotated[str, typer.Option("--phone", help="Owning unit's phone (default: office_phone).")] = "",
    email: Annotated[str, typer.Option("--email", help="The office's e-mail line (default: office_email).")] = "",
    deadline: Annotated[
        str | None,
        typer.Option(
            "--deadline", help="Report date asked of the recipients (default: the letter's, a few days earlier)."
        ),
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also write PDFs (needs LibreOffice).")] = False,
    mail: Annotated[
        bool, typer.Option("--mail", help="Send each recipient its letter as PDF to its saraban@ address.")
    ] = False,
    again: Annotated[
        bool, typer.Option("--again", help="Forward again to offices that already have a forward of this letter.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Issue forwarding letters for a letter, record them, write the DOCX files (and mail them)."""
    from rich.console import Console
    from rich.progress import Progress

    from saraban.errors import InvalidInput
    from saraban.services.forwarding import ForwardRequest
    from saraban.services.forwarding import forward as issue
    from saraban.thai.dates import parse_thai_date

    paragraphs = None
    if body is not None:
        paragraphs = [line.strip() for line in body.read_text(encoding="utf-8").splitlines() if line.strip()]
    try:
        report_by = parse_thai_date(deadline) if deadline else None
    except ValueError as exc:
        raise InvalidInput(f"--deadline: {exc}") from exc
    request = ForwardRequest(
        doc_no,
        sender,
        list(to or []),
        all_children,
        mode,
        template,
        out,
        paragraphs,
        signer,
        position,
        phone,
        email=email,
        pdf=pdf or mail,
        deadline=report_by,
        again=again,
    )
    # The bar is for the person, on stderr: stdout carries the letters only (it got a blank line).
    with Progress(transient=True, disable=as_json, console=Console(stderr=True)) as bar:
        task = bar.add_task("เขียนหนังสือ", total=None)
        result = issue(
            state_of(ctx).context(), request, lambda done, total: bar.update(task, completed=done, total=total)
        )
    dispatched = None
    if mail:
        from saraban.cli.mail import show_dispatch
        from saraban.services.dispatch import send_letters

        dispatched = send_letters(state_of(ctx).context(), [x.doc_no for x in result.letters],
                                  progress=ocr_progress("อีเมล"))  # fmt: skip
    if as_json:
        print_json(dict(result.to_json(), mail=dispatched.to_json() if dispatched else None))
        return
    for line in result.notes:
        note(line)
    for letter in result.letters:
        typer.echo(f"{letter.doc_no} → {len(letter.recipients)} แห่ง: {letter.file}")
    if dispatched:
        show_dispatch(dispatched)


def stats(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", help="Year (BE) of the receipts.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Latency per level and per agency (median, 90th percentile), slowest hops, overdue letters."""
    from saraban.services.stats import compute

    report = compute(state_of(ctx).context(), year)
    if as_json:
        print_json(report.to_json())
    else:
        typer.echo("\n".join(report.lines()))

"""``saraban import``, ``trace``, ``endorse``, ``forward``, ``stats``: the circular cascade."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from saraban.cli.output import note, print_json
from saraban.cli.state import state_of


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
    app.command("trace")(trace)


def import_command(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or directories of OCR'd letters.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Parse and store letters, link them, and register their receipt stamps."""
    from saraban.services.importing import import_paths

    report = import_paths(state_of(ctx).context(), paths)
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
) -> None:
    """Show the whole cascade containing a letter, from its first letter to the last recipients."""
    from saraban.services.trace import trace as build

    context = state_of(ctx).context()
    result = build(context, doc_no)
    if as_json:
        print_json(result.to_json())
    elif dot:
        typer.echo(result.to_dot())
    else:
        del tree  # the tree is also the default view
        typer.echo("\n".join(result.tree_lines(slow_hours=context.settings.slow_hop_hours)))

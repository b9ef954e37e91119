"""``saraban audit``: proving the log was not altered."""

from __future__ import annotations

from typing import Annotated

import typer

from saraban.cli.output import note, print_json
from saraban.cli.state import state_of

app = typer.Typer(help="Audit: verify the hash-chained log (ตรวจสอบ)", no_args_is_help=True)


@app.command("verify")
def verify(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Recompute the hash chain; exit non-zero naming the first record that was altered."""
    from saraban.services.ledger import verify as verify_chain

    with state_of(ctx).context().reading() as session:
        report = verify_chain(session)
    if as_json:
        print_json(
            {
                "ok": report.ok,
                "records": report.records,
                "entries": report.entries,
                "events": report.events,
                "problems": report.problems,
            }
        )
    elif report.ok:
        typer.echo(
            f"ok: ledger {report.records} records, {report.entries} register entries, "
            f"{report.events} routing events verified"
        )
    for problem in report.problems:
        note(f"saraban: audit failed: {problem}")
    if not report.ok:
        raise typer.Exit(1)

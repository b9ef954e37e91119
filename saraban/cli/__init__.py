"""The ``saraban`` command: a thin Typer shell over the services.

Plain ``saraban`` opens the terminal app. Errors a person can act on are printed as one
line on stderr with exit code 1; stdout carries only the command's output.
"""

from __future__ import annotations

from typing import Annotated

import typer
from typer.core import TyperGroup

from saraban import __version__
from saraban.cli.state import State
from saraban.errors import SarabanError, os_reason


def file_problem(exc: OSError) -> str:
    """An :class:`OSError` as one Thai line naming the path."""
    reason = os_reason(exc)
    return f"{exc.filename}: {reason}" if exc.filename else reason


class _SarabanGroup(TyperGroup):
    """The root group: turns :class:`SarabanError` into a clean one-line failure."""

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except SarabanError as exc:
            typer.echo(f"saraban: {exc}", err=True)
            raise typer.Exit(1) from exc
        except OSError as exc:
            # A folder that does not exist or cannot be written, a full disk: the person's to
            # fix, in one line that names the path (nothing was half-written: files land whole).
            typer.echo(f"saraban: {file_problem(exc)}", err=True)
            raise typer.Exit(1) from exc


app = typer.Typer(
    name="saraban",
    cls=_SarabanGroup,
    help="saraban — งานสารบรรณ: ทะเบียนรับ-ส่ง หนังสือเวียน และหนังสือราชการ",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"saraban {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", envvar="SARABAN_DATABASE_URL", help="Database URL (sqlite:///… or postgresql://…)."),
    ] = None,
    user: Annotated[str | None, typer.Option("--user", envvar="SARABAN_USER", help="Acting user.")] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Open the terminal app when no command is given."""
    state = State(db, user)
    ctx.obj = state
    if ctx.invoked_subcommand is None:
        from saraban.tui import run_app  # Textual is imported only when the app opens

        run_app(state.context())


def _register() -> None:
    from saraban.cli import agencies, amend, audit, cascade, db, demo, letters, mail, parse, registers, retention, users

    app.add_typer(db.app, name="db")
    app.add_typer(agencies.app, name="agencies")
    app.add_typer(users.app, name="users")
    app.add_typer(audit.app, name="audit")
    app.add_typer(letters.app, name="letter")
    app.add_typer(mail.app, name="mail")
    app.add_typer(retention.app, name="retention")
    parse.register(app)
    registers.register(app)
    amend.register(app)
    cascade.register(app)
    demo.register(app)


_register()


def main() -> None:
    """Console-script entry point."""
    app()

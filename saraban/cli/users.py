"""``saraban users``: people, roles and clearance."""

from __future__ import annotations

from typing import Annotated

import typer

from saraban.cli.output import note, print_json, print_table
from saraban.cli.state import state_of

app = typer.Typer(help="Users and roles (ผู้ใช้)", no_args_is_help=True)


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User name.")],
    role: Annotated[str, typer.Option("--role", help="admin|clerk|secretary|auditor")] = "clerk",
    agency: Annotated[str | None, typer.Option("--agency", help="The user's office.")] = None,
    clearance: Annotated[str | None, typer.Option("--clearance", help="ลับ|ลับมาก|ลับที่สุด")] = None,
    login: Annotated[
        str | None, typer.Option("--login", help="The person's operating-system login (who may act as this user).")
    ] = None,
) -> None:
    """Add a user (administrators; on a new database, its first user)."""
    from saraban.services.users import create_user

    create_user(state_of(ctx).context(), name, role, agency=agency, clearance=clearance, login=login)
    note(f"เพิ่มผู้ใช้ '{name}' ({role}) แล้ว")


@app.command("list")
def list_command(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """List users."""
    from saraban.services.users import list_users

    context = state_of(ctx).context()
    _ = context.actor  # who asks is known first (a password where the office uses them)
    with context.reading() as session:
        rows = list_users(session)
    if as_json:
        print_json([r.to_json() for r in rows])
        return
    from saraban.services.context import ROLE_NAMES

    print_table(
        "ผู้ใช้",
        ["ชื่อ", "บทบาท", "หน่วยงาน", "ชั้นความลับ"],
        [(r.name, f"{ROLE_NAMES.get(r.role, r.role)} ({r.role})", r.agency, r.clearance) for r in rows],
    )


@app.command("passwd")
def passwd(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User name.")],
) -> None:
    """Set a user's password (your own, or anyone's as administrator), for ``login = "password"``.

    The new password is read from SARABAN_NEW_PASSWORD, or asked twice at the terminal; never
    from the command line, where other users of the machine could read it.
    """
    import os

    from saraban.errors import InvalidInput
    from saraban.services.users import set_password

    new = os.environ.get("SARABAN_NEW_PASSWORD")
    if new is None:
        new = typer.prompt(f"รหัสผ่านใหม่ของ {name}", hide_input=True, confirmation_prompt="พิมพ์อีกครั้ง")
    if not new:
        raise InvalidInput("รหัสผ่านว่าง")
    set_password(state_of(ctx).context(), name, new)
    note(f"ตั้งรหัสผ่านของ '{name}' แล้ว")

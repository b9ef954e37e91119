"""``saraban db``: migrations."""

from __future__ import annotations

import typer

from saraban.cli.output import note
from saraban.cli.state import state_of

app = typer.Typer(help="Database: migrations (ฐานข้อมูล)", no_args_is_help=True)


@app.command("init")
def init(ctx: typer.Context) -> None:
    """Create the office's own database (the embedded SQLite file, or --db / database_url).

    From then on every command uses it, never the demo.
    """
    from saraban import paths
    from saraban.db.migrate import current_revision
    from saraban.services.context import open_context
    from saraban.settings import load_settings

    state = state_of(ctx)
    url = state.db or load_settings().database_url
    if not url:
        path = paths.default_db_path()
        if path.exists():
            note(f"มีฐานข้อมูลของสำนักงานอยู่แล้วที่ {path}")
        url = f"sqlite:///{path}"
    context = open_context(url, state.user)
    where = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else context.engine.url.render_as_string()
    note(f"ฐานข้อมูลของสำนักงานพร้อมใช้ที่ {where} (รุ่น {current_revision(context.engine)})")
    context.engine.dispose()


@app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Upgrade the database to the newest schema (also done on every open)."""
    from saraban.db.migrate import current_revision

    context = state_of(ctx).context()
    note(f"ฐานข้อมูลอยู่ที่รุ่น {current_revision(context.engine)} (ล่าสุด)")


@app.command("current")
def current(ctx: typer.Context) -> None:
    """Print the database's schema revision without changing it."""
    from saraban.db.engine import make_engine
    from saraban.db.migrate import current_revision, head_revision
    from saraban.settings import load_settings

    state = state_of(ctx)
    settings = load_settings()
    engine = make_engine(state.db or settings.database_url)
    revision = current_revision(engine)
    typer.echo(f"{revision or 'empty'} (head {head_revision()})")


@app.command("check")
def check(ctx: typer.Context) -> None:
    """Fail if the models and the migrations have drifted apart."""
    from saraban.db.migrate import check as alembic_check

    alembic_check(state_of(ctx).context().engine)
    note("ไม่มีความต่างระหว่างโมเดลกับ migrations")

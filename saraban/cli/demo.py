"""``saraban demo``: build the demo database and open the terminal app on it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from saraban.cli.output import note
from saraban.cli.state import state_of


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    ctx: typer.Context,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Build the demo database again from scratch.")] = False,
    open_app: Annotated[bool, typer.Option("--open/--no-open", help="Open the terminal app afterwards.")] = True,
) -> None:
    """Build a demo database (a full cascade and a few hundred letters) and open the app on it."""
    from saraban import paths
    from saraban.demo.builder import CLERK, DISTRICT, build_demo
    from saraban.services.context import open_context
    from saraban.settings import load_settings
    from saraban.thai.dates import today_bangkok

    state = state_of(ctx)
    db_path = paths.demo_db_path()
    url = state.db or f"sqlite:///{db_path}"
    if state.db is None and rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    if state.db is not None or rebuild or not db_path.exists():
        note(f"กำลังสร้างฐานข้อมูลตัวอย่างที่ {url.removeprefix('sqlite:///')} …")
        summary = build_demo(url, today=today_bangkok(), out_dir=paths.output_dir() / "demo", report=note)
        note(f"เสร็จ: ลงรับ {summary.received} ฉบับ ส่ง {summary.sent} ฉบับ")
    if open_app:
        from saraban.tui import run_app

        settings = load_settings()
        settings.office = DISTRICT
        run_app(open_context(url, user=state.user or CLERK, settings=settings))

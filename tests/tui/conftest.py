"""The terminal app runs on a copy of the demo database, at a fixed date and size."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from saraban.demo import CLERK, DISTRICT
from saraban.services.context import Context, open_context
from saraban.settings import Settings
from tests.conftest import TODAY
from tests.demo_copy import copy_demo

SIZE = (140, 36)


@pytest.fixture
def context(demo_db: Path, tmp_path: Path) -> Iterator[Context]:
    copy = tmp_path / "demo.sqlite"
    copy_demo(demo_db, copy)
    ctx = open_context(f"sqlite:///{copy}", user=CLERK, settings=Settings(office=DISTRICT))
    yield ctx
    ctx.engine.dispose()


def make_app(context: Context):  # type: ignore[no-untyped-def]
    from saraban.tui.app import SarabanApp

    return SarabanApp(context, today=TODAY)


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for every worker and the messages they posted."""
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

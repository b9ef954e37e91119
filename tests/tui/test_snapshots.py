"""Snapshots of the main screens with Thai text (pytest-textual-snapshot)."""

from __future__ import annotations

from tests.conftest import DATA
from tests.tui.conftest import SIZE, make_app, settle


async def _wait(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    pilot.app.screen.query_one("#status")  # the frame is drawn


def test_registers_snapshot(snap_compare, context) -> None:
    assert snap_compare(make_app(context), terminal_size=SIZE, run_before=_wait)


def test_receive_snapshot(snap_compare, context) -> None:
    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        pilot.app.screen.query_one("#path").value = str(DATA / "letters" / "urgent_secret_refs.txt")
        await pilot.press("ctrl+l")
        await settle(pilot)
        pilot.app.screen.query_one("#path").value = "letter.txt"  # keep the machine's paths out of the picture

    assert snap_compare(make_app(context), terminal_size=SIZE, run_before=before)


def test_trace_snapshot(snap_compare, context) -> None:
    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        pilot.app.screen.query_one("#search").focus()
        pilot.app.screen.query_one("#search").value = "ว 1104"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(make_app(context), terminal_size=SIZE, run_before=before)

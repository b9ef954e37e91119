"""A form never loses what the clerk typed (#28 item 13): a required field left empty keeps the
form open and says so; Esc on a form with typing in it asks once more before throwing it away."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Input

from saraban.tui.dialogs import FormDialog


class _Host(App[None]):
    def __init__(self, dialog: FormDialog) -> None:
        super().__init__()
        self.dialog, self.answers = dialog, []  # type: ignore[var-annotated]

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.answers.append)


async def test_an_empty_required_reason_keeps_the_form_and_says_so() -> None:
    app = _Host(FormDialog("ยกเลิกเลข 12/2569", [("reason", "เหตุผลการยกเลิก", "")], required={"reason"}))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")  # nothing typed
        await pilot.pause()
        assert app.screen is app.dialog and app.answers == []
        assert any("ต้องกรอก: เหตุผลการยกเลิก" in str(n.message) for n in app._notifications)
        app.screen.query_one("#field-reason", Input).value = "ลงผิด"
        await pilot.press("enter")
        await pilot.pause()
    assert app.answers == [{"reason": "ลงผิด"}]


async def test_escape_asks_before_dropping_typed_edits() -> None:
    app = _Host(FormDialog("แก้ไขรายการ", [("subject", "เรื่อง", "ขอเชิญประชุม")]))
    async with app.run_test() as pilot:
        await pilot.pause()
        app.screen.query_one("#field-subject", Input).value = "ขอเชิญประชุมคณะกรรมการ"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.dialog and app.answers == []  # still open: one more Esc drops it
        assert any("กด Esc อีกครั้ง" in str(n.message) for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
    assert app.answers == [None]


async def test_escape_closes_an_untouched_form_at_once() -> None:
    app = _Host(FormDialog("เกษียนหนังสือ", [("text", "ข้อความเกษียน", "")], required={"text"}))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.answers == [None]


@pytest.mark.parametrize(
    ("service", "shown"),
    [
        ("ส่งต่อหนังสือนี้ถึงหน่วยงานเหล่านี้แล้ว: ที่ 1; ถ้าตั้งใจส่งซ้ำ ให้ยืนยัน (--again)",
         "ส่งต่อหนังสือนี้ถึงหน่วยงานเหล่านี้แล้ว: ที่ 1; ถ้าตั้งใจส่งซ้ำ ให้ยืนยัน"),
        ("ถ้าเป็นฉบับเดียวกัน (--same-as 3/2569) ถ้าเป็นอีกฉบับให้ลงรับใหม่ (--another)",
         "ถ้าเป็นฉบับเดียวกัน ถ้าเป็นอีกฉบับให้ลงรับใหม่"),
        ("ระบุกุญแจที่เชื่อถือ (--key-id หรือ checkpoint_key_id ในการตั้งค่า)", "ระบุกุญแจที่เชื่อถือ"),
        ("อีเมลมีหนังสือ 2 ฉบับ (--index 0–1)", "อีเมลมีหนังสือ 2 ฉบับ"),
        ("ไม่มีวงเล็บ (ข้อความ)", "ไม่มีวงเล็บ (ข้อความ)"),
    ],
)
def test_the_app_says_no_command_line_options(service: str, shown: str) -> None:
    """#28 items 3 and 11: the app's dialogs quoted the command line's options ("(--again)",
    "(--same-as …)"), which a clerk at the screen cannot type anywhere."""
    from saraban.tui.messages import for_the_screen

    assert for_the_screen(service) == shown

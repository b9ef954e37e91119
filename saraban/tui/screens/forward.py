"""Forward: choose recipients from the agency tree, template and mode, preview, generate."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Label, ProgressBar, RadioButton, RadioSet, SelectionList, Static, TextArea

from saraban.db.tables import Agency
from saraban.services.context import Context
from saraban.services.forward_plan import AlreadyForwarded
from saraban.services.forwarding import ForwardRequest, ForwardResult, forward
from saraban.services.letter_view import letter_detail
from saraban.tui.dialogs import FormDialog
from saraban.tui.messages import WorkDone, WorkFailed, run_service
from saraban.tui.screens.base import BaseScreen


def load_choices(context: Context, office_id: int, letter_id: int) -> tuple[list[tuple[str, int, str]], str, list[str]]:
    """The offices below this one as a tree (two levels), the letter's number, the default body."""
    from sqlmodel import select

    from saraban.letters.content import forwarding_body

    detail = letter_detail(context, letter_id)
    with context.reading() as session:
        office = session.get(Agency, office_id)
        assert office is not None
        children = list(
            session.exec(select(Agency).where(Agency.parent_id == office_id).order_by(Agency.level, Agency.name))
        )
        child_ids = [c.id for c in children]
        grandchildren = (
            list(
                session.exec(select(Agency).where(Agency.parent_id.in_(child_ids)).order_by(Agency.name))  # type: ignore[union-attr]
            )
            if child_ids
            else []
        )
    below: dict[int | None, list[Agency]] = {}
    for agency in grandchildren:
        below.setdefault(agency.parent_id, []).append(agency)
    choices: list[tuple[str, int, str]] = []
    for child in children:
        assert child.id is not None
        choices.append((child.name, child.id, child.level))
        kids = below.get(child.id, [])
        for i, grandchild in enumerate(kids):
            branch = "└─" if i == len(kids) - 1 else "├─"
            choices.append((f"   {branch} {grandchild.name}", grandchild.id, grandchild.level))  # type: ignore[arg-type]
    body = forwarding_body(
        source_issuer=detail.sender or "",
        subject=detail.subject or "",
        sender_name=office.name,
        recipients_are_local=all(c.level == "local" for c in children),
        deadline=detail.deadline,
    )
    return choices, detail.doc_no or f"#{letter_id}", body


def forward_and_mail(context: Context, request: ForwardRequest, progress) -> tuple[ForwardResult, object]:  # type: ignore[no-untyped-def]
    """Issue the letters, then send each recipient its PDF by e-mail (worker thread)."""
    from saraban.services.dispatch import send_letters

    result = forward(context, request, progress)
    return result, send_letters(context, [x.doc_no for x in result.letters])


class ForwardScreen(BaseScreen):
    """Write the forwarding letters of a circular in one go."""

    SCREEN_TITLE = "ส่งต่อหนังสือ"
    BINDINGS = [
        Binding("ctrl+a", "select_local", "เลือก อปท. ทั้งหมด"),
        Binding("ctrl+g", "generate", "สร้างหนังสือ"),
        Binding("ctrl+o", "open_folder", "เปิดโฟลเดอร์"),
    ]

    def __init__(self, letter_id: int) -> None:
        super().__init__()
        self.letter_id = letter_id
        self.doc_no = f"#{letter_id}"
        self.choices: list[tuple[str, int, str]] = []
        self.result: ForwardResult | None = None
        self.request: ForwardRequest | None = None
        self.total = 1

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="forward"):
            with Vertical(id="forward-left"):
                yield Label("ผู้รับจากผังหน่วยงาน (Space เลือก, Ctrl+A อปท. ทั้งหมด)")
                yield SelectionList[int](id="recipients")
                with RadioSet(id="mode"):
                    yield RadioButton("หนังสือเวียนฉบับเดียว (ว) พร้อมบัญชีส่ง", value=True, id="mode-circular")
                    yield RadioButton("แยกฉบับละหนึ่งผู้รับ", id="mode-per-recipient")
                with RadioSet(id="template"):
                    yield RadioButton("หนังสือภายนอก", value=True, id="template-external")
                    yield RadioButton("หนังสือประทับตรา (ส่งสำเนา)", id="template-stamped")
                yield Checkbox("ส่งทางอีเมล (PDF ถึง saraban@ ของผู้รับ)", id="mail")
            with Vertical(id="forward-right"):
                yield Label("ข้อความ (แก้ไขได้ หนึ่งย่อหน้าต่อบรรทัด)")
                yield TextArea(id="body", soft_wrap=True)
                yield ProgressBar(id="progress", show_eta=False)
                yield Static("", id="forward-result")

    def on_mount(self) -> None:
        super().on_mount()
        office = self.saraban.office
        assert office is not None
        run_service(self, "choices", load_choices, self.saraban.context, office.id, self.letter_id)

    def on_work_done(self, message: WorkDone) -> None:
        if message.tag == "choices":
            self.choices, self.doc_no, body = message.result
            self.sub_title = f"ส่งต่อ {self.doc_no}"
            recipients = self.query_one("#recipients", SelectionList)
            recipients.clear_options()
            recipients.add_options([(name, agency_id) for name, agency_id, _level in self.choices])
            self.query_one("#body", TextArea).text = "\n".join(body)
            recipients.focus()
        elif message.tag == "forward":
            self.result, dispatched = message.result if isinstance(message.result, tuple) else (message.result, None)
            assert self.result is not None
            lines = [f"{x.doc_no} → {len(x.recipients)} แห่ง: {x.file}" for x in self.result.letters]
            if dispatched is not None:
                lines.append(f"ส่งอีเมลแล้ว {len(dispatched.sent)} ราย")
                lines += [f"ไม่มีที่อยู่อีเมล (ยังไม่ได้ส่ง): {name}" for name in dispatched.no_address]
            self.query_one("#forward-result", Static).update(
                "ออกหนังสือแล้ว:\n" + "\n".join(lines) + "\nCtrl+O เปิดโฟลเดอร์"
            )
            self.notify(f"ออกหนังสือ {len(lines)} ฉบับ")

    def action_select_local(self) -> None:
        recipients = self.query_one("#recipients", SelectionList)
        for _name, agency_id, level in self.choices:
            if level == "local":
                recipients.select(agency_id)

    def action_generate(self) -> None:
        selected = list(self.query_one("#recipients", SelectionList).selected)
        if not selected:
            self.notify("ยังไม่ได้เลือกผู้รับ", severity="warning")
            return
        office = self.saraban.office
        assert office is not None
        mode = "per-recipient" if self.query_one("#mode-per-recipient", RadioButton).value else "circular"
        template = "stamped" if self.query_one("#template-stamped", RadioButton).value else "external"
        body = [line.strip() for line in self.query_one("#body", TextArea).text.splitlines() if line.strip()]
        request = ForwardRequest(
            f"#{self.letter_id}",
            office.query,
            [str(i) for i in selected],
            mode=mode,
            template=template,
            body=body or None,
            pdf=self.query_one("#mail", Checkbox).value,
        )
        self._issue(request, total=len(selected) if mode == "per-recipient" else 1)

    def _issue(self, request: ForwardRequest, total: int) -> None:
        self.request, self.total = request, total
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=total, progress=0)

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=total, progress=done)

        if request.pdf:
            run_service(self, "forward", forward_and_mail, self.saraban.context, request, progress)
        else:
            run_service(self, "forward", forward, self.saraban.context, request, progress)

    def on_work_failed(self, message: WorkFailed) -> None:
        if message.tag == "forward" and isinstance(message.error, AlreadyForwarded):
            message.stop()
            # A second circular to the same offices is sometimes meant (a correction): ask, never assume.
            def answered(result: dict[str, str] | None) -> None:
                if result is not None and self.request is not None:
                    self._issue(replace(self.request, again=True), self.total)

            self.app.push_screen(FormDialog(f"{message.error}\n\nส่งซ้ำอีกครั้ง? (Enter ส่งซ้ำ, Esc ไม่ส่ง)", []), answered)
            return
        super().on_work_failed(message)

    def action_open_folder(self) -> None:
        if not self.result or not self.result.files:
            return
        folder = Path(self.result.files[0]).parent
        opener = shutil.which("xdg-open") or shutil.which("open")
        if opener:
            subprocess.Popen([opener, str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.notify(str(folder), title="โฟลเดอร์หนังสือ", timeout=10)

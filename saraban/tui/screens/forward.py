"""Forward: choose recipients from the agency tree, template and mode, preview, generate."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, ProgressBar, RadioButton, RadioSet, Static, TextArea

from saraban.db.tables import Agency
from saraban.services.context import Context
from saraban.services.forward_plan import AlreadyForwarded, forward_deadline
from saraban.services.forwarding import ForwardRequest, ForwardResult, forward
from saraban.services.letter_view import letter_detail
from saraban.services.secrecy import require_clearance
from saraban.thai.dates import format_thai_date, parse_thai_date
from saraban.tui.dialogs import ChoiceDialog
from saraban.tui.messages import WorkDone, WorkFailed, for_the_screen, run_service
from saraban.tui.screens.base import BaseScreen
from saraban.tui.widgets import Choice, Tick, TickList

FIELDS = (
    ("signer", "ผู้ลงนาม", "ชื่อในวงเล็บใต้ลายมือชื่อ"),
    ("position", "ตำแหน่ง", "ตำแหน่งผู้ลงนาม"),
    ("phone", "โทร.", "โทรศัพท์ส่วนราชการเจ้าของเรื่อง"),
    ("deadline", "กำหนดรายงาน", "เช่น 7 ธ.ค. 2569"),
)
"""The letter's signature block and deadline, filled from the settings and editable."""


def load_choices(context: Context, office_id: int, letter_id: int, today: date) -> ForwardChoices:
    """The offices below this one as a tree (two levels), the letter's number, the default body,
    and the signature block and deadline the letter gets unless the secretary changes them.

    The deadline passed down is the district's own: the received letter's, less the
    ``forward_deadline_days`` setting, so the district has time to collect the answers.
    """
    from sqlmodel import select

    from saraban.letters.content import forwarding_body, head_of

    detail = letter_detail(context, letter_id)
    # Refused when the screen opens, not at Ctrl+G after a body written around a hidden subject.
    require_clearance(context.actor, detail.secrecy, "ส่งต่อหนังสือ")
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
    settings = context.settings
    deadline = forward_deadline(detail.deadline, today, settings.forward_deadline_days)
    bodies = {
        template: forwarding_body(
            source_issuer=detail.sender or "",
            subject=detail.subject or "",
            sender_name=office.name,
            recipients_are_local=all(c.level == "local" for c in children),
            deadline=deadline,
            stamped=template == "stamped",
        )
        for template in ("external", "stamped")
    }
    defaults = {
        "signer": settings.signer_name,
        "position": settings.signer_position or head_of(office.name),
        "phone": settings.office_phone,
        "deadline": format_thai_date(deadline, digits="arabic", abbreviated=True) if deadline else "",
    }
    note = ""
    if detail.deadline and deadline is None:
        note = (f"กำหนดรายงานของหนังสือต้นเรื่อง ({format_thai_date(detail.deadline, digits='arabic', abbreviated=True)}) "
                "ผ่านมาแล้ว จึงไม่ใส่กำหนดให้: ถ้าต้องการให้รายงาน ใส่วันใหม่ในช่องกำหนดรายงาน")  # fmt: skip
    elif detail.deadline and deadline == detail.deadline and settings.forward_deadline_days > 0:
        note = (f"กำหนดรายงานของหนังสือต้นเรื่อง ({format_thai_date(detail.deadline, digits='arabic', abbreviated=True)}) "
                f"ใกล้เกินกว่าจะให้เร็วขึ้น {settings.forward_deadline_days} วัน จึงใช้วันเดียวกัน: "
                "ตรวจหรือแก้ในช่องกำหนดรายงาน")  # fmt: skip
    return ForwardChoices(choices, detail.doc_no or f"#{letter_id}", bodies["external"], defaults, deadline,
                          bodies["stamped"], note)  # fmt: skip


@dataclass
class ForwardChoices:
    """What the Forward screen starts from."""

    recipients: list[tuple[str, int, str]]
    doc_no: str
    body: list[str]
    defaults: dict[str, str]
    deadline: date | None
    stamped_body: list[str] | None = None
    """The body in a หนังสือประทับตรา's words (the office speaks; no เรียน, no closing to a person)."""
    deadline_note: str = ""
    """Said when the deadline passed down is the parent's own (no room to give it earlier), or
    when the parent's is past and none is passed down."""

    def body_for(self, template: str) -> list[str]:
        return self.stamped_body if template == "stamped" and self.stamped_body else self.body


def with_deadline(body: list[str], old: date | None, new: date | None) -> list[str]:
    """The body with the deadline the secretary typed in place of the one it was written with;
    a body written with none (the source's was past) gets the sentence that asks for it, after
    the paragraph that asks the recipients to act."""
    from saraban.letters.content import report_sentence

    if new is not None and old is None:
        asking = [i for i, line in enumerate(body) if "ถือปฏิบัติ" in line]
        at = asking[-1] if asking else max(0, len(body) - 2)
        if not body:
            return [report_sentence(new)]
        return [*body[:at], f"{body[at]} {report_sentence(new)}", *body[at + 1 :]]
    if old is None or new is None or old == new:
        return body
    before, after = (format_thai_date(d, digits="arabic") for d in (old, new))
    return [line.replace(before, after) for line in body]


def forward_and_mail(context: Context, request: ForwardRequest, progress) -> tuple[ForwardResult, object]:  # type: ignore[no-untyped-def]
    """Issue the letters, then send each recipient its PDF by e-mail (worker thread)."""
    from saraban.services.dispatch import send_letters

    result = forward(context, request, progress)
    return result, send_letters(context, [x.doc_no for x in result.letters])


def _folder_opener() -> str | None:
    """The desktop's file manager launcher, when there is a desktop to show it on.

    Over SSH or on a server ``xdg-open`` has nowhere to open a window; and on Linux ``open``
    is ``openvt`` (a virtual console), so it is used on macOS only.
    """
    if sys.platform == "darwin":
        return shutil.which("open")
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return shutil.which("xdg-open")
    return None


class ForwardScreen(BaseScreen):
    """Write the forwarding letters of a circular in one go."""

    SCREEN_TITLE = "ส่งต่อหนังสือ"
    WRITES = frozenset({"generate"})
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
        self.deadline: date | None = None
        self.loaded: ForwardChoices | None = None
        self.refused = ""
        """Why this user may not send this letter on (said when the screen opens)."""

    FORM_CHOICES = ("mode", "template", "mail")
    """Set once and seldom changed: Tab reaches them after what each forward needs typed."""

    @property
    def focus_chain(self) -> list[Widget]:
        """Tab in the secretary's order: whom to, who signs, the deadline, the body, then the
        form's choices, which stand under the recipients on screen (they came first, and the
        signer was four Tabs away from the recipients)."""
        chain = super().focus_chain
        choices = [widget for widget in chain if widget.id in self.FORM_CHOICES]
        return [widget for widget in chain if widget not in choices] + choices

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="forward"):
            with Vertical(id="forward-left"):
                yield Label("ผู้รับ (Space เลือก, Ctrl+A อปท. ทั้งหมด)")
                yield TickList(id="recipients")
                with RadioSet(id="mode"):
                    yield Choice("หนังสือเวียนฉบับเดียว (ว) พร้อมบัญชีส่ง", value=True, id="mode-circular")
                    yield Choice("แยกฉบับละหนึ่งผู้รับ", id="mode-per-recipient")
                with RadioSet(id="template"):
                    yield Choice("หนังสือภายนอก", value=True, id="template-external")
                    yield Choice("หนังสือประทับตรา (ส่งสำเนา)", id="template-stamped")
                yield Tick("ส่งทางอีเมล (PDF ถึง saraban@ ของผู้รับ)", id="mail")
            with Vertical(id="forward-right"):
                for pair in (FIELDS[:2], FIELDS[2:]):
                    with Horizontal(classes="forward-fields"):
                        for key, title, hint in pair:
                            field = Input(placeholder=hint, id=f"forward-{key}")
                            field.border_title = title
                            yield field
                yield Label("ข้อความ (แก้ไขได้ หนึ่งย่อหน้าต่อบรรทัด)")
                yield TextArea(id="body", soft_wrap=True)
                bar = ProgressBar(id="progress", show_eta=False)
                bar.display = False  # shown once letters are being made: it spun before anything ran
                yield bar
                yield Static("", id="forward-result")

    def on_mount(self) -> None:
        super().on_mount()
        office = self.saraban.office
        assert office is not None
        run_service(self, "choices", load_choices, self.saraban.context, office.id, self.letter_id, self.saraban.today)

    def on_work_done(self, message: WorkDone) -> None:
        if message.tag == "choices":
            loaded: ForwardChoices = message.result
            self.loaded = loaded
            self.choices, self.doc_no, self.deadline = loaded.recipients, loaded.doc_no, loaded.deadline
            self.sub_title = f"ส่งต่อ {self.doc_no}"
            recipients = self.query_one("#recipients", TickList)
            recipients.clear_options()
            recipients.add_options([(name, agency_id) for name, agency_id, _level in self.choices])
            for key, value in loaded.defaults.items():
                self.query_one(f"#forward-{key}", Input).value = value
            self.query_one("#body", TextArea).text = "\n".join(loaded.body)
            if loaded.deadline_note:
                deadline = self.query_one("#forward-deadline", Input)
                deadline.border_subtitle = "เท่ากับกำหนดของต้นเรื่อง" if loaded.deadline else "กำหนดเดิมผ่านมาแล้ว"
                deadline.add_class("low-confidence")
                self.notify(loaded.deadline_note, title="กำหนดรายงาน", severity="warning", timeout=10)
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

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """Another kind of letter speaks in other words: the body follows the choice, unless
        the secretary already wrote their own, which is never thrown away."""
        if event.radio_set.id != "template" or self.loaded is None:
            return
        template = "stamped" if event.pressed.id == "template-stamped" else "external"
        other = "external" if template == "stamped" else "stamped"
        area = self.query_one("#body", TextArea)
        if area.text == "\n".join(self.loaded.body_for(other)):
            area.text = "\n".join(self.loaded.body_for(template))
        else:
            kind = "หนังสือประทับตรา" if template == "stamped" else "หนังสือภายนอก"
            self.notify(f"ข้อความถูกแก้ไขแล้ว จึงไม่เปลี่ยนให้: ตรวจถ้อยคำให้เป็นแบบ{kind}", severity="warning")

    def action_select_local(self) -> None:
        recipients = self.query_one("#recipients", TickList)
        for _name, agency_id, level in self.choices:
            if level == "local":
                recipients.select(agency_id)

    def action_generate(self) -> None:
        if self.refused:
            self.notify(self.refused, severity="error")
            return
        selected = list(self.query_one("#recipients", TickList).selected)
        if not selected:
            self.notify("ยังไม่ได้เลือกผู้รับ", severity="warning")
            return
        office = self.saraban.office
        assert office is not None
        mode = "per-recipient" if self.query_one("#mode-per-recipient", RadioButton).value else "circular"
        template = "stamped" if self.query_one("#template-stamped", RadioButton).value else "external"
        typed = self.query_one("#forward-deadline", Input).value.strip()
        try:
            deadline = parse_thai_date(typed) if typed else None
        except ValueError as exc:
            self.notify(f"กำหนดรายงาน: {exc}", severity="error")
            self.query_one("#forward-deadline", Input).focus()
            return
        body = [line.strip() for line in self.query_one("#body", TextArea).text.splitlines() if line.strip()]
        signer, position, phone = (self.query_one(f"#forward-{key}", Input).value.strip()
                                   for key in ("signer", "position", "phone"))  # fmt: skip
        request = ForwardRequest(
            f"#{self.letter_id}",
            office.query,
            [str(i) for i in selected],
            mode=mode,
            template=template,
            body=with_deadline(body, self.deadline, deadline) or None,
            pdf=self.query_one("#mail", Checkbox).value,
            signer_name=signer,
            signer_position=position or None,
            phone=phone,
            deadline=deadline,
        )
        self._issue(request, total=len(selected) if mode == "per-recipient" else 1)

    def _issue(self, request: ForwardRequest, total: int) -> None:
        self.request, self.total = request, total
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=total, progress=0)
        bar.display = True

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=total, progress=done)

        if request.pdf:
            run_service(self, "forward", forward_and_mail, self.saraban.context, request, progress)
        else:
            run_service(self, "forward", forward, self.saraban.context, request, progress)

    def on_work_failed(self, message: WorkFailed) -> None:
        # Textual also runs BaseScreen's handler (it walks the class hierarchy) unless the
        # default is prevented: other errors are shown there, once.
        if message.tag == "choices":  # this letter cannot be sent on by this user: said at once
            self.refused = for_the_screen(str(message.error))
            self.query_one("#forward-result", Static).update(f"ส่งต่อไม่ได้: {self.refused}")
        if message.tag == "forward":
            self.query_one("#progress", ProgressBar).display = False
        if message.tag == "forward" and isinstance(message.error, AlreadyForwarded):
            message.stop()
            message.prevent_default()

            # A second circular to the same offices is sometimes meant (a correction): ask, never
            # assume; Enter takes the answer that sends nothing.
            def answered(result: str | None) -> None:
                if result == "again" and self.request is not None:
                    self._issue(replace(self.request, again=True), self.total)

            answers = [("no", "ไม่ส่ง (กลับไปแก้รายชื่อผู้รับ)"), ("again", "ส่งซ้ำอีกฉบับถึงหน่วยงานที่เลือกทั้งหมด")]
            question = for_the_screen(str(message.error))
            self.app.push_screen(ChoiceDialog(question, answers, hint="↑↓ เลือก · Enter ตกลง · Esc ไม่ส่ง"), answered)

    def action_open_folder(self) -> None:
        if not self.result or not self.result.files:
            self.notify("ยังไม่ได้สร้างหนังสือ (Ctrl+G)", severity="warning")
            return
        folder = Path(self.result.files[0]).parent
        opener = _folder_opener()
        if opener:
            subprocess.Popen([opener, str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.notify(str(folder), title="เปิดโฟลเดอร์หนังสือ")
            return
        # No desktop to open it in (a server, SSH): the path goes to the clipboard (OSC 52),
        # and the files are named, so the secretary can fetch them.
        self.app.copy_to_clipboard(str(folder))
        names = "\n".join(Path(f).name for f in self.result.files)
        self.notify(f"{folder}\n{names}\nคัดลอกที่อยู่โฟลเดอร์ไว้แล้ว", title="เครื่องนี้ไม่มีโปรแกรมเปิดโฟลเดอร์", timeout=20)

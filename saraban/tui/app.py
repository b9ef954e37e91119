"""The saraban terminal app: a district clerk's registers, receipts, letters and cascades."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import LoadingIndicator

from saraban.services.context import ROLE_NAMES, WRITER_ROLES, Actor, Context
from saraban.thai.dates import be_year, today_bangkok
from saraban.tui.messages import WorkDone, WorkFailed, run_service
from saraban.tui.office import Office, starting_office


def _startup(context: Context) -> tuple[Office, Actor, bool]:
    """The office, the user, and whether they may administer (worker thread)."""
    from saraban.errors import PermissionDenied

    actor = context.actor
    try:
        context.require_admin("")
        admin = True
    except PermissionDenied:
        admin = False
    with context.reading() as session:
        return starting_office(context, session), actor, admin


def _log_in(context: Context, name: str, password: str) -> tuple[Office, Actor, bool]:
    context.log_in(name, password)
    return _startup(context)


class StartingScreen(Screen[None]):
    """Shown while the database opens."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield LoadingIndicator()


class SarabanApp(App[None]):
    """The clerk's terminal app over the services of a :class:`Context`."""

    TITLE = "saraban — งานสารบรรณ"
    CSS_PATH = "styles/app.tcss"
    # The screens' keys share one compact group in the footer ("f2 f3 … หน้าจอ"), so a
    # 100-column terminal still shows each screen's own keys; F1 and Ctrl+P name them all.
    SCREENS_GROUP = Binding.Group("หน้าจอ", compact=True)
    BINDINGS = [
        Binding("f2", "registers", "ทะเบียน", group=SCREENS_GROUP),
        Binding("f3", "receive", "ลงรับ", group=SCREENS_GROUP),
        Binding("f4", "inbox", "อีเมลเข้า", group=SCREENS_GROUP),
        Binding("f5", "audit", "ตรวจสอบ", group=SCREENS_GROUP),
        Binding("f6", "agencies", "หน่วยงาน", group=SCREENS_GROUP),
        Binding("f7", "retention", "เก็บ/ทำลาย", group=SCREENS_GROUP),
        Binding("ctrl+q", "quit", "ออก", show=False),
        Binding("ctrl+p", "command_palette", "คำสั่ง", show=False, priority=True),
    ]

    def __init__(self, context: Context, *, today: date | None = None) -> None:
        super().__init__()
        self.context = context
        self.today = today or today_bangkok()
        self.year = be_year(self.today)
        self.office: Office | None = None
        self.actor: Actor | None = None
        self.may_administer = False

    def on_mount(self) -> None:
        if self.context.settings.login == "password":
            from saraban.tui.screens.login import LoginScreen

            self.push_screen(LoginScreen(self.context.settings.user or ""))
            return
        self.push_screen(StartingScreen())
        run_service(self, "startup", _startup, self.context)

    def log_in(self, name: str, password: str) -> None:
        """Check a name and password (the login screen), then open the registers."""
        run_service(self, "login", _log_in, self.context, name, password)

    def on_work_done(self, message: WorkDone) -> None:
        if message.tag in ("startup", "login"):
            self.office, self.actor, self.may_administer = message.result
            from saraban.tui.screens.registers import RegistersScreen

            self.switch_screen(RegistersScreen())

    def on_work_failed(self, message: WorkFailed) -> None:
        # Only the app's own work arrives here: a screen's failures are shown by the screen.
        if message.tag == "login":
            from saraban.tui.screens.login import LoginScreen

            if isinstance(self.screen, LoginScreen):
                self.screen.refused(str(message.error))
        elif message.tag == "startup":
            self.notify(str(message.error), title="เปิดฐานข้อมูลไม่สำเร็จ", severity="error", timeout=15)

    def status_text(self) -> str:
        office = self.office.short_name or self.office.name if self.office else "-"
        actor = self.actor
        who = f"{actor.name} ({ROLE_NAMES.get(actor.role, actor.role)})" if actor else "-"
        demo = "   [ฐานข้อมูลตัวอย่าง]" if self.context.demo else ""
        return f"สำนักงาน: {office}   ผู้ใช้: {who}   ปี พ.ศ. {self.year}{demo}"

    # -- navigation ----------------------------------------------------------------------

    def _open(self, screen: Screen[None]) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.push_screen(screen)

    def action_command_palette(self) -> None:
        """The command palette (Ctrl+P), asking in Thai; Enter runs the best match at once."""
        from saraban.tui.widgets import Palette

        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(placeholder="พิมพ์ชื่อคำสั่ง… (Enter ทำคำสั่งแรก)", id="--command-palette"))

    def action_help_quit(self) -> None:
        """Ctrl+C copies in a text box; whoever pressed it to leave is told the key, in Thai."""
        self.notify("กด Ctrl+Q เพื่อออกจาก saraban", title="ต้องการออกจากโปรแกรม?")

    def action_registers(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def action_receive(self) -> None:
        from saraban.tui.screens.receive import ReceiveScreen

        self._open(ReceiveScreen())

    def action_inbox(self) -> None:
        from saraban.tui.screens.inbox import InboxScreen

        self._open(InboxScreen())

    def action_retention(self) -> None:
        from saraban.tui.screens.retention import RetentionScreen

        self._open(RetentionScreen())

    def action_audit(self) -> None:
        from saraban.tui.screens.audit import AuditScreen

        self._open(AuditScreen())

    def action_agencies(self) -> None:
        from saraban.tui.screens.agencies import AgenciesScreen

        self._open(AgenciesScreen())

    def open_letter(self, letter_id: int) -> None:
        from saraban.tui.screens.letter import LetterScreen

        self.push_screen(LetterScreen(letter_id))

    def open_trace(self, letter_id: int) -> None:
        from saraban.tui.screens.trace import TraceScreen

        self.push_screen(TraceScreen(letter_id))

    def open_forward(self, letter_id: int) -> None:
        from saraban.tui.screens.forward import ForwardScreen

        self.push_screen(ForwardScreen(letter_id))

    @property
    def may_write(self) -> bool:
        """Whether the user may change records here: clerks and secretaries, never an auditor,
        and a clerk bound to an office only in that office's books (the services that write in
        a book refuse the rest; here its keys are not offered)."""
        actor = self.actor
        if actor is None or not actor.known or actor.role not in WRITER_ROLES:
            return False
        return actor.agency_id is None or self.office is None or self.office.id == actor.agency_id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Receiving is offered only to those who may register letters."""
        return self.may_write if action == "receive" else True

    def get_system_commands(self, screen: Screen[None]) -> Iterable[SystemCommand]:
        """The palette (Ctrl+P) in Thai: this screen's own keys first, then the screens and quitting."""
        from saraban.tui.screens.base import BaseScreen

        if isinstance(screen, BaseScreen):
            for key, description, action in screen.own_keys():
                if not action.startswith("app."):
                    yield SystemCommand(description, f"แป้น {key}", partial(screen.run_action, action))
            yield SystemCommand("แป้นพิมพ์ของหน้าจอนี้", "รายการแป้นทั้งหมด (F1)", screen.action_help)
        yield SystemCommand("ทะเบียนหนังสือรับ-ส่ง", "หน้าแรก: ทะเบียนของสำนักงาน (F2)", self.action_registers)
        if self.may_write:
            yield SystemCommand("ลงรับหนังสือ", "เปิดไฟล์หรือวางข้อความ OCR แล้วลงทะเบียนรับ (F3)", self.action_receive)
        yield SystemCommand("หนังสือเข้าทางอีเมล", "กล่องรับ saraban@: รับอีเมล ตรวจ และลงรับ (F4)", self.action_inbox)
        yield SystemCommand("การเก็บรักษาและการทำลาย", "หนังสือครบกำหนด อายัด บัญชีขอทำลาย (F7)", self.action_retention)
        yield SystemCommand("ตรวจสอบบันทึก", "ตรวจห่วงโซ่แฮชของทะเบียนและเส้นทาง (F5)", self.action_audit)
        yield SystemCommand("ทะเบียนหน่วยงาน", "ค้นหา แก้ไข และนำเข้ารายชื่อ อปท. (F6)", self.action_agencies)
        yield SystemCommand("ออกจากโปรแกรม", "ปิด saraban (Ctrl+Q)", self.action_quit)

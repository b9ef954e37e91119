"""Errors that reach a person: each carries a message a clerk can act on.

The CLI and the terminal app catch :class:`SarabanError` at their edges and show the
message; anything else is a bug and keeps its traceback.
"""


class SarabanError(Exception):
    """Base class for every error saraban reports to its user."""


class NotFound(SarabanError):
    """A letter, agency, user or register entry that the user named does not exist."""


class Ambiguous(SarabanError):
    """A name matches several records; the message lists the candidates."""

    def __init__(self, what: str, query: str, candidates: list[str]) -> None:
        self.candidates = candidates
        shown = "\n".join(f"  - {c}" for c in candidates[:20])
        more = f"\n  … และอีก {len(candidates) - 20} รายการ" if len(candidates) > 20 else ""
        super().__init__(f"{what} '{query}' ตรงกับหลายรายการ (ambiguous), โปรดระบุให้ชัด:\n{shown}{more}")


class InvalidInput(SarabanError):
    """Input that cannot be used as given: a wrong date, a malformed number, a bad file."""


class UnreadableFile(InvalidInput):
    """A file that is empty, binary or in an encoding saraban cannot read."""


class DuplicateLetter(SarabanError):
    """The same letter was already registered at this agency."""


class PermissionDenied(SarabanError):
    """The acting user's role or clearance does not allow the action."""


class TemplateProblem(SarabanError):
    """A DOCX template is missing a field, has a Jinja error, or cannot be found."""


class MissingTool(SarabanError):
    """A system program saraban needs (Tesseract, poppler, LibreOffice) is not installed.

    The message is one line that names the Debian packages to install.
    """


class Tampered(SarabanError):
    """Records were changed outside saraban in a way that stops a safe write (a deleted
    register row would make a number repeat); ``audit verify`` names what changed."""


class OutOfOrder(InvalidInput):
    """A receipt time earlier than the register's last receipt: numbers must follow time,
    so it is refused unless the clerk gives a back-entry reason (ลงรับย้อนหลัง)."""


def os_reason(exc: BaseException) -> str:
    """Why a file or a connection failed, in Thai ("No such file or directory" and
    "[Errno 111] Connection refused" are Python's words, not a clerk's)."""
    import errno
    import socket
    import ssl

    if isinstance(exc, socket.gaierror):
        return "ไม่พบชื่อเครื่องนี้ (ตรวจชื่อเซิร์ฟเวอร์และเครือข่าย)"
    if isinstance(exc, ssl.SSLError):
        # The reason stays: "certificate verify failed: self-signed certificate" is the fix.
        detail = getattr(exc, "verify_message", None) or getattr(exc, "reason", None)
        return "การเชื่อมต่อแบบเข้ารหัส (TLS) ไม่สำเร็จ" + (f" ({detail})" if detail else "")
    if isinstance(exc, TimeoutError | socket.timeout):
        return "หมดเวลารอ ปลายทางไม่ตอบ"
    number = getattr(exc, "errno", None) or 0
    thai = {
        errno.ENOENT: "ไม่มีไฟล์หรือโฟลเดอร์นี้",
        errno.EACCES: "ไม่มีสิทธิ์อ่านหรือเขียน",
        errno.EPERM: "ไม่มีสิทธิ์",
        errno.EISDIR: "เป็นโฟลเดอร์ ไม่ใช่ไฟล์",
        errno.ENOTDIR: "ส่วนหนึ่งของทางไม่ใช่โฟลเดอร์",
        errno.ENOSPC: "ดิสก์เต็ม",
        errno.EROFS: "เขียนไม่ได้ (ระบบไฟล์อ่านอย่างเดียว)",
        errno.ECONNREFUSED: "ปลายทางไม่รับการเชื่อมต่อ (เซิร์ฟเวอร์ไม่ได้เปิดหรือพอร์ตผิด)",
        errno.ECONNRESET: "ปลายทางตัดการเชื่อมต่อ",
        errno.ETIMEDOUT: "หมดเวลารอ ปลายทางไม่ตอบ",
        errno.EHOSTUNREACH: "ติดต่อเครื่องปลายทางไม่ได้",
        errno.ENETUNREACH: "ไม่มีเครือข่ายไปถึงปลายทาง",
    }.get(number)
    if thai:
        return thai
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__

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

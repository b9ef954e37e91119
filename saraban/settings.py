"""Settings: a TOML file plus ``SARABAN_*`` environment variables (the environment wins).

The file is ``settings.toml`` in the config folder (or ``SARABAN_CONFIG_FILE``)::

    database_url = "postgresql://saraban@db.office.local/saraban"
    office = "อต 0023.14"
    numbering_reset = "fiscal"
    digits = "thai"
    font_name = "TH Sarabun New"
    font_size = 16
    garuda_image = "/srv/saraban/garuda.png"
    templates_dir = "/srv/saraban/templates"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from saraban import paths
from saraban.errors import InvalidInput

_CHOICES = {
    "numbering_reset": ("calendar", "fiscal"),
    "digits": ("thai", "arabic"),
    "imap_security": ("tls", "starttls"),
    "smtp_security": ("tls", "starttls", "none"),
    "login": ("os", "password"),
}
_INTS = ("font_size", "slow_hop_hours", "imap_port", "smtp_port", "forward_deadline_days")


@dataclass
class Settings:
    """Everything an office may configure."""

    database_url: str | None = None
    """SQLAlchemy or plain ``postgresql://`` URL; ``None`` means the embedded SQLite file."""
    office: str | None = None
    """The agency this installation works for (letter code or name); the app opens on it."""
    user: str | None = None
    """The acting user; defaults to the operating-system login."""
    login: str = "os"
    """How a person is known: ``os`` (their operating-system login) or ``password`` (clerks
    sharing one computer log in with their own password)."""
    numbering_reset: str = "calendar"
    """When register numbers restart at 1: ``calendar`` (1 January) or ``fiscal`` (1 October)."""
    digits: str = "thai"
    """Digits in generated letters: ``thai`` (๑๒๓) or ``arabic`` (123)."""
    font_name: str = "TH Sarabun New"
    """Font of generated letters, applied to Latin and complex-script (Thai) runs."""
    font_size: int = 16
    """Font size in points."""
    garuda_image: str | None = None
    """Image of the Garuda emblem; when unset, the one stored by ``saraban letter garuda``, and
    without either, letters keep an empty space of the right size (for Garuda paper)."""
    signer_name: str = ""
    """Who signs the letters the office sends (its head, or who signs for them): printed in
    the brackets under the signature of a forward (``forward --signer`` wins)."""
    signer_position: str = ""
    """The signer's position line (e.g. ท้องถิ่นอำเภอท่าวังผา); by default the head of the office."""
    office_phone: str = ""
    """The owning unit's phone line on forwarded letters (``forward --phone`` wins)."""
    office_email: str = ""
    """The office's e-mail line on letters, its saraban@ mailbox (``forward --email`` wins)."""
    forward_deadline_days: int = 3
    """How many days before the received letter's deadline a forward asks for the report, so the
    level below has time to answer (``forward --deadline`` sets it by hand)."""
    templates_dir: str | None = None
    """The office's own DOCX templates; a template here wins over the shipped one."""
    slow_hop_hours: int = 48
    """A hop slower than this is shown as slow in traces."""
    imap_host: str | None = None
    """The office's saraban@ mailbox server (``mail fetch``)."""
    imap_port: int = 993
    imap_user: str | None = None
    imap_security: str = "tls"
    """``tls`` (port 993) or ``starttls`` (port 143)."""
    imap_mailbox: str = "INBOX"
    imap_password_file: str | None = None
    """A file readable only by its owner holding the password (or ``SARABAN_IMAP_PASSWORD``)."""
    smtp_host: str | None = None
    """The server that sends letters (``forward --mail``)."""
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_security: str = "starttls"
    """``starttls``, ``tls`` or ``none`` (a relay on this machine only)."""
    smtp_password_file: str | None = None
    """As for IMAP (or ``SARABAN_SMTP_PASSWORD``)."""
    mail_from: str | None = None
    """The office's own address, ``saraban@…``, the From of letters it sends."""
    mail_ca_file: str | None = None
    """Certificate authority to trust for the mail servers, besides the system's."""
    retention_default: str = "10"
    """Retention class of a new letter: ``ถาวร``, ``10``, ``5`` or ``1`` (years)."""
    checkpoint_key_id: str | None = None
    """The key id a checkpoint must be signed with (``audit verify --checkpoint``): the auditor's
    own key, pinned here, outside the database, so a checkpoint signed by anyone else fails."""
    ledger_key_file: str | None = None
    """The ledger's content key (:mod:`saraban.services.ledger_key`); by default ``ledger.key``
    beside this file. Every machine that writes, and the auditor's, holds the same key."""
    extra: dict[str, object] = field(default_factory=dict)
    """Keys of the file that saraban does not know (kept, never lost)."""

    def validate(self) -> Settings:
        """Check choices and types; raise :class:`InvalidInput` with the key at fault."""
        for key, allowed in _CHOICES.items():
            value = getattr(self, key)
            if value not in allowed:
                raise InvalidInput(f"การตั้งค่า {key} = {value!r} ไม่ถูกต้อง; ต้องเป็นหนึ่งใน {', '.join(allowed)}")
        if not isinstance(self.font_size, int) or not 8 <= self.font_size <= 72:
            raise InvalidInput(f"การตั้งค่า font_size = {self.font_size!r} ต้องเป็นจำนวนเต็ม 8–72")
        return self


def _coerce(name: str, raw: str) -> object:
    if name in _INTS:
        try:
            return int(raw)
        except ValueError as exc:
            raise InvalidInput(f"SARABAN_{name.upper()} ต้องเป็นตัวเลข: {raw!r}") from exc
    return raw


def load_settings(path: Path | None = None) -> Settings:
    """Read settings from the TOML file and the environment.

    Args:
        path: The settings file; defaults to :func:`saraban.paths.settings_file`.

    Returns:
        Validated settings.

    Raises:
        InvalidInput: The file is not valid TOML or a value is out of range.
    """
    path = path or paths.settings_file()
    values: dict[str, object] = {}
    if path.is_file():
        try:
            values = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"{path}: อ่านไฟล์การตั้งค่าไม่ได้ ({exc})") from exc
    known = {f.name for f in fields(Settings)} - {"extra"}
    settings = Settings(**{k: v for k, v in values.items() if k in known})  # type: ignore[arg-type]
    settings.extra = {k: v for k, v in values.items() if k not in known}
    for name in known:
        env = os.environ.get(f"SARABAN_{name.upper()}")
        if env:
            setattr(settings, name, _coerce(name, env))
    if not settings.database_url:
        settings.database_url = os.environ.get("SARABAN_DATABASE_URL") or None
    if values.get("login") == "password":
        # The environment may ask for passwords where the file does not, never the reverse:
        # on a shared computer anyone can set SARABAN_LOGIN=os in their shell.
        settings.login = "password"
    return settings.validate()


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings file (only the values that differ from the defaults)."""
    path = path or paths.settings_file()
    default = Settings()
    lines = []
    for f in fields(Settings):
        if f.name == "extra":
            continue
        value = getattr(settings, f.name)
        if value != getattr(default, f.name) and value is not None:
            lines.append(f"{f.name} = {_toml_value(value)}")
    for key, value in settings.extra.items():
        lines.append(f"{key} = {_toml_value(value)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'

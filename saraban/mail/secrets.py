"""Mail passwords: from the environment or a file only its owner can read; never elsewhere."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from saraban.errors import InvalidInput, os_reason


def password(kind: str, file_setting: str | None) -> str:
    """The IMAP or SMTP password (``kind`` is ``imap`` or ``smtp``).

    Raises:
        InvalidInput: No password is set, or its file can be read by others.
    """
    env = os.environ.get(f"SARABAN_{kind.upper()}_PASSWORD")
    if env:
        return env
    if not file_setting:
        raise InvalidInput(
            f"ไม่มีรหัสผ่าน {kind.upper()}: ตั้ง SARABAN_{kind.upper()}_PASSWORD หรือ {kind}_password_file"
        )
    path = Path(file_setting).expanduser()
    try:
        info = path.stat()
    except OSError as exc:
        raise InvalidInput(f"{path}: อ่านไฟล์รหัสผ่านไม่ได้ ({os_reason(exc)})") from exc
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise InvalidInput(f"{path}: ไฟล์รหัสผ่านต้องอ่านได้เฉพาะเจ้าของ (chmod 600 {path})")
    return path.read_text(encoding="utf-8").strip()

"""Who is at the keyboard: checked, never just believed.

On one office machine (SQLite) the person is the operating-system login: a saraban user is
tied to a login (``users add somsri --login somsri``), and ``--user`` may only name the user
of the login that runs saraban. The system administrator (root) owns the database file and
could rewrite it anyway, so root may act as any user; the ledger records who it claimed.
When several clerks share one login on one computer, ``login = "password"`` in the settings
asks each for their own password (scrypt, from the standard library's OpenSSL binding), and
the terminal app opens on a login screen.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass

from saraban.errors import InvalidInput, PermissionDenied

_N, _R, _P = 2**14, 8, 1  # scrypt cost: ~50 ms and 16 MB per check on an office PC
MIN_PASSWORD = 8


@dataclass(frozen=True)
class OsLogin:
    """The operating-system account running saraban."""

    name: str
    superuser: bool

    @classmethod
    def current(cls) -> OsLogin:
        """The account the kernel says runs this process (not ``$USER``, which anyone can set)."""
        try:
            import pwd

            return cls(pwd.getpwuid(os.geteuid()).pw_name, os.geteuid() == 0)
        except (ImportError, KeyError):  # Windows, or a uid without a passwd entry (containers)
            try:
                return cls(getpass.getuser(), False)
            except (KeyError, OSError):
                return cls(f"uid-{os.getuid()}" if hasattr(os, "getuid") else "clerk", False)


def hash_password(password: str) -> str:
    """A salted scrypt hash of ``password`` for the ``app_user`` table.

    Raises:
        InvalidInput: The password is shorter than :data:`MIN_PASSWORD` characters.
    """
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"รหัสผ่านต้องยาวอย่างน้อย {MIN_PASSWORD} ตัวอักษร")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "$".join(
        ["scrypt", str(_N), str(_R), str(_P), base64.b64encode(salt).decode(), base64.b64encode(digest).decode()]
    )


def password_matches(password: str, stored: str | None) -> bool:
    """Whether ``password`` is the one hashed in ``stored`` (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = (stored or "").split("$")
        if scheme != "scrypt":
            return False
        again = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                               dklen=32)  # fmt: skip
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(again, base64.b64decode(digest))


def may_act_as(user_name: str, user_login: str | None, login: OsLogin) -> bool:
    """Whether the OS account ``login`` may act as the saraban user ``user_name``."""
    return login.superuser or login.name in (user_login, user_name)


def refuse_impersonation(requested: str, login: OsLogin, owner: str | None) -> PermissionDenied:
    """The refusal of ``--user`` naming someone else's saraban user."""
    whose = f" (ผูกกับบัญชี {owner})" if owner else ""
    return PermissionDenied(
        f"--user {requested}: คุณเข้าระบบด้วยบัญชี '{login.name}' ซึ่งไม่ใช่ผู้ใช้ {requested}{whose}; saraban ทำงานในนามผู้อื่นไม่ได้"
    )

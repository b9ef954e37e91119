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
    """Whether the OS account ``login`` may act as the saraban user ``user_name``: the account
    the user is tied to, or (for a user tied to none) the account of the same name. An account
    that merely shares the name of a user tied to another account is not that user."""
    if login.superuser:
        return True
    return login.name == user_login if user_login else login.name == user_name


def refuse_impersonation(requested: str, login: OsLogin, owner: str | None) -> PermissionDenied:
    """The refusal of ``--user`` naming someone else's saraban user."""
    whose = f" (ผูกกับบัญชี {owner})" if owner else ""
    return PermissionDenied(
        f"--user {requested}: คุณเข้าระบบด้วยบัญชี '{login.name}' ซึ่งไม่ใช่ผู้ใช้ {requested}{whose}; saraban ทำงานในนามผู้อื่นไม่ได้"
    )


LOCK_AFTER = 5
"""Wrong passwords in a row before a user's password login waits."""
LOCK_SECONDS = 30.0
"""The first wait; it doubles with every further wrong password, up to :data:`LOCK_LONGEST`."""
LOCK_LONGEST = 900.0


def _clock() -> float:
    import time

    return time.time()


class Throttle:
    """Wrong passwords counted per database and user, in a file of saraban's data folder, so
    guessing from a script (about 24 tries a second before) slows to a few tries an hour.

    Attempts are counted across processes (each CLI run is one); a right password clears the
    count. The file holds only a digest of the database and user, counts and times.
    """

    def __init__(self, database: str, user: str) -> None:
        from saraban import paths

        self.path = paths.data_dir() / "login-failures.json"
        self.key = hashlib.sha256(f"{database}\0{user}".encode()).hexdigest()[:32]

    def _read(self) -> dict[str, dict[str, float]]:
        import json

        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _write(self, data: dict[str, dict[str, float]]) -> None:
        import json

        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        partial.write_text(json.dumps(data), encoding="utf-8")
        os.replace(partial, self.path)

    def wait_until(self) -> float | None:
        """When the next attempt may be made, if it must wait."""
        entry = self._read().get(self.key)
        if not entry or entry.get("failures", 0) < LOCK_AFTER:
            return None
        extra = int(entry["failures"]) - LOCK_AFTER
        until = float(entry["last"]) + min(LOCK_LONGEST, LOCK_SECONDS * 2**extra)
        return until if until > _clock() else None

    def failed(self) -> None:
        data = self._read()
        entry = data.get(self.key, {"failures": 0})
        data[self.key] = {"failures": int(entry.get("failures", 0)) + 1, "last": _clock()}
        self._write(data)

    def succeeded(self) -> None:
        data = self._read()
        if data.pop(self.key, None) is not None:
            self._write(data)

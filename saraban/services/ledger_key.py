"""The ledger's content key: a secret kept outside the database that its digests are keyed with.

The ledger proves a secret letter's subject, reasons and remarks unchanged without holding
them: it keeps a digest. A plain SHA-256 of a short text can be confirmed by guessing (hash
"ขอเชิญประชุม…" and look for it in ``audit_record``, which every login reads), so the digest
is an HMAC-SHA256 under this key. Whoever reads the database — a clerk's login in ``psql``, a
backup, the server's administrator — learns nothing from it; the chain itself stays verifiable
by anyone (record hashes cover the digests, not the key). Comparing a row with its digest needs
the key, so the auditor's machine and every machine that writes keep a copy of the same file
(``ledger_key_file`` in the settings, by default ``ledger.key`` beside ``settings.toml``).

The file is made on first use, readable by its owner only, and never overwritten: a lost key
leaves the rows it keyed unprovable, so it is backed up as the checkpoint keys are.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from saraban import paths
from saraban.errors import InvalidInput, os_reason

_SIZE = 32
"""Bytes of key: HMAC-SHA256's own block-strength."""


@dataclass(frozen=True)
class LedgerKey:
    """A content key and the short id the ledger's digests name it by."""

    secret: bytes

    @functools.cached_property
    def key_id(self) -> str:
        # The id is a hash of a hash: it names the key without helping anyone recover it.
        return hashlib.sha256(b"saraban-ledger-key\0" + self.secret).hexdigest()[:16]

    def sign(self, data: bytes) -> str:
        """HMAC-SHA256 of ``data`` under this key, hex."""
        return hmac.new(self.secret, data, hashlib.sha256).hexdigest()


def key_path() -> Path:
    """Where this machine keeps the ledger's content key (``SARABAN_LEDGER_KEY_FILE``, the
    setting ``ledger_key_file``, or ``ledger.key`` beside the settings file)."""
    names = ("SARABAN_LEDGER_KEY_FILE", "SARABAN_CONFIG_FILE", "SARABAN_HOME")
    return _resolve(tuple(os.environ.get(name) for name in names))


@functools.cache
def _resolve(environment: tuple[str | None, ...]) -> Path:
    # Cached by the variables that move it: digests are taken at every flush, and reading the
    # settings file each time would cost more than the HMAC.
    if environment[0]:
        return Path(environment[0]).expanduser()
    from saraban.settings import load_settings

    configured = load_settings().ledger_key_file
    return Path(configured).expanduser() if configured else paths.settings_file().parent / "ledger.key"


@functools.cache
def _load(path: Path) -> LedgerKey:
    if not path.exists():
        _create(path)
    try:
        secret = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"อ่านกุญแจบันทึก {path} ไม่ได้: {os_reason(exc)}") from exc
    if len(secret) != _SIZE:
        raise InvalidInput(f"กุญแจบันทึก {path} เสีย (ยาว {len(secret)} ไบต์ ต้องเป็น {_SIZE}); นำสำเนาสำรองมาวางแทน")
    return LedgerKey(secret)


def _create(path: Path) -> None:
    """Write a new key atomically: a whole file or none, never one replacing another's."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secrets.token_bytes(_SIZE))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(partial, path)  # fails if another process made the key first: theirs stands
        except FileExistsError:
            pass
    finally:
        partial.unlink(missing_ok=True)


def current() -> LedgerKey:
    """This machine's ledger key, made on first use."""
    return _load(key_path())


def known(key_id: str) -> LedgerKey | None:
    """The key a digest names, if this machine holds it."""
    key = current()
    return key if key.key_id == key_id else None

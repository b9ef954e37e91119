"""Checkpoints: the ledger's length and head, signed with a key that is not in the database.

The hash chain proves that records were not altered *relative to each other*; someone with
the database and saraban's code could still cut records off the end or rewrite a row and
re-hash everything after it. A checkpoint held outside the database (a file the auditor
keeps, or the head printed on a paper register) stops that: a later log must contain the
checkpoint's record at the same position with the same hash. The signature (Ed25519, with
the ``cryptography`` library) shows who made the checkpoint; its public half travels with it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from saraban.errors import InvalidInput
from saraban.services.ledger import GENESIS, canonical, chain
from saraban.thai.dates import now_bangkok

FORMAT = "saraban-checkpoint/1"


@dataclass
class Checkpoint:
    """A signed statement: the log had ``length`` records ending in ``head``."""

    length: int
    head: str
    at: str
    public_key: str
    """Raw Ed25519 public key, base64."""
    signature: str

    @property
    def key_id(self) -> str:
        """A short fingerprint of the signer's key (to compare with the one the auditor holds)."""
        return hashlib.sha256(base64.b64decode(self.public_key)).hexdigest()[:16]

    def signed_bytes(self) -> bytes:
        return canonical({"format": FORMAT, "length": self.length, "head": self.head, "at": self.at}).encode()

    def to_json(self) -> dict[str, object]:
        return {"format": FORMAT, "length": self.length, "head": self.head, "at": self.at,
                "public_key": self.public_key, "key_id": self.key_id, "signature": self.signature}  # fmt: skip


def generate_key(path: Path) -> str:
    """Write a new Ed25519 private key (PEM, readable by its owner only); returns its key id.

    Raises:
        InvalidInput: The file exists (a key is never overwritten).
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if path.exists():
        raise InvalidInput(f"{path} มีอยู่แล้ว; ไม่เขียนทับกุญแจ")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def _load_key(path: Path):  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise InvalidInput(f"{path}: อ่านกุญแจ Ed25519 ไม่ได้ ({exc.__class__.__name__})") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInput(f"{path}: ไม่ใช่กุญแจ Ed25519")
    return key


def make_checkpoint(session: Session, key_file: Path) -> Checkpoint:
    """Sign the ledger's current length and head.

    Raises:
        InvalidInput: The key cannot be read, or the chain is already broken (a checkpoint
            must not vouch for a log that does not verify).
    """
    from cryptography.hazmat.primitives import serialization

    key = _load_key(key_file)
    records, problems = chain(session)
    if problems:
        raise InvalidInput("บันทึกไม่ผ่านการตรวจ จึงไม่ลงนามจุดตรวจ: " + problems[0])
    head = records[-1] if records else GENESIS
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    checkpoint = Checkpoint(len(records), head, now_bangkok().isoformat(timespec="seconds"),
                            base64.b64encode(raw).decode(), "")  # fmt: skip
    checkpoint.signature = base64.b64encode(key.sign(checkpoint.signed_bytes())).decode()
    return checkpoint


def write_checkpoint(checkpoint: Checkpoint, out: Path) -> Path:
    """Write the checkpoint as JSON; refuses to overwrite an earlier one (they are evidence)."""
    if out.exists():
        raise InvalidInput(f"{out} มีอยู่แล้ว; จุดตรวจเดิมเป็นหลักฐาน ไม่เขียนทับ")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(checkpoint.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out


def read_checkpoint(path: Path, trusted_key_id: str | None = None) -> Checkpoint:
    """Read a checkpoint and check its signature and that the trusted key signed it.

    Raises:
        InvalidInput: Unreadable, malformed, wrongly signed, signed by another key, or no
            trusted key was named.
    """
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        if path.stat().st_size > 64 * 1024:
            raise InvalidInput(f"{path}: ใหญ่เกินกว่าจะเป็นจุดตรวจ")
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise InvalidInput(f"{path}: ไม่ใช่จุดตรวจของ saraban")
        checkpoint = Checkpoint(int(data["length"]), str(data["head"]), str(data["at"]), str(data["public_key"]),
                                str(data["signature"]))  # fmt: skip
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(checkpoint.public_key))
        public.verify(base64.b64decode(checkpoint.signature), checkpoint.signed_bytes())
    except InvalidSignature as exc:
        raise InvalidInput(f"{path}: ลายมือชื่อไม่ถูกต้อง (จุดตรวจถูกแก้ไข)") from exc
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InvalidInput(f"{path}: อ่านจุดตรวจไม่ได้ ({exc.__class__.__name__})") from exc
    if not trusted_key_id:
        # Anyone can sign a checkpoint of a rewritten log with a key of their own: only the key
        # the auditor holds (or pins in the settings) makes one evidence.
        raise InvalidInput(
            f"{path}: ลงนามด้วยกุญแจ {checkpoint.key_id}; ระบุกุญแจที่เชื่อถือ (--key-id หรือ checkpoint_key_id ในการตั้งค่า)"
        )
    if checkpoint.key_id != trusted_key_id:
        raise InvalidInput(f"{path}: ลงนามด้วยกุญแจ {checkpoint.key_id} ไม่ใช่ {trusted_key_id}")
    return checkpoint


def extends(records: list[str], checkpoint: Checkpoint) -> list[str]:
    """What keeps the log ``records`` from extending the checkpoint (empty when it does)."""
    return extends_head(records, checkpoint.length, checkpoint.head, f"จุดตรวจ ({checkpoint.at})")


def extends_head(records: list[str], length: int, head: str, source: str) -> list[str]:
    """What keeps the log ``records`` from holding ``head`` as its record number ``length``.

    The records are the ones :func:`saraban.services.ledger.verify` already read and
    chained (``VerifyReport.chain``), so an audit reads and hashes the log once.

    Args:
        records: The hashes of the ledger's records, in order.
        length: How many records the log had when the head was taken.
        head: The hash of that last record.
        source: Where the head comes from, for the message (a checkpoint, a printed report).
    """
    if len(records) < length:
        return [f"บันทึกถูกตัดท้าย: มี {len(records)} รายการ แต่{source}มี {length}"]
    if length and records[length - 1] != head.lower():
        return [f"บันทึกถูกเขียนใหม่: รายการที่ {length} ไม่ตรงกับ{source}; "
                "มีการแก้ไขและคำนวณแฮชใหม่ทั้งสาย"]  # fmt: skip
    return []


def parse_head(text: str) -> tuple[int, str]:
    """Read a head as printed on a report, ``LENGTH:HASH`` (Thai digits allowed).

    Raises:
        InvalidInput: It is not a count and a 64-digit hexadecimal hash.
    """
    from saraban.thai.digits import to_arabic

    length, _, digest = to_arabic(text).strip().partition(":")
    digest = digest.strip().lower()
    if not length.strip().isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise InvalidInput(f"ปลายบันทึก {text!r} ต้องเป็น จำนวนรายการ:แฮช 64 หลัก เช่น 1520:9f86d0…")
    return int(length), digest

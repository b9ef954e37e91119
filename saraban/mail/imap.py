"""The office's mailbox over IMAP (TLS or STARTTLS), read without changing what it holds
until saraban has kept each message: ``BODY.PEEK`` leaves it unread, ``\\Seen`` comes after."""

from __future__ import annotations

import imaplib
import re
import ssl
import time
from dataclasses import dataclass
from datetime import datetime

from saraban.errors import InvalidInput, SarabanError, os_reason
from saraban.mail.secrets import password
from saraban.settings import Settings
from saraban.thai.dates import BANGKOK


class MailServerError(SarabanError):
    """The mail server refused or could not be reached; the message says which."""


def tls_context(settings: Settings) -> ssl.SSLContext:
    """Certificates are always checked; ``mail_ca_file`` adds an office's own authority."""
    return ssl.create_default_context(cafile=settings.mail_ca_file) if settings.mail_ca_file else (
        ssl.create_default_context()
    )


@dataclass
class Fetched:
    uid: int
    raw: bytes
    arrived: datetime | None


class Mailbox:
    """One logged-in, selected IMAP mailbox (use as a context manager)."""

    def __init__(self, settings: Settings) -> None:
        if not settings.imap_host or not settings.imap_user:
            raise InvalidInput("ยังไม่ได้ตั้งกล่องจดหมาย: imap_host และ imap_user ในการตั้งค่า")
        self.settings = settings
        self.account = f"{settings.imap_user}@{settings.imap_host}:{settings.imap_port}/{settings.imap_mailbox}"
        try:
            if settings.imap_security == "tls":
                self.imap = imaplib.IMAP4_SSL(settings.imap_host, settings.imap_port, ssl_context=tls_context(settings),
                                              timeout=60)  # fmt: skip
            else:
                self.imap = imaplib.IMAP4(settings.imap_host, settings.imap_port, timeout=60)
                self.imap.starttls(ssl_context=tls_context(settings))
            self.imap.login(settings.imap_user, password("imap", settings.imap_password_file))
            status, data = self.imap.select(f'"{settings.imap_mailbox}"')
        except (OSError, imaplib.IMAP4.error, ssl.SSLError) as exc:
            where = f"{settings.imap_host}:{settings.imap_port}"
            raise MailServerError(f"เชื่อมต่อกล่องจดหมาย {where} ไม่ได้: {os_reason(exc)}") from exc
        if status != "OK":
            raise MailServerError(f"เปิดกล่อง {settings.imap_mailbox} ไม่ได้: {data}")
        found = self.imap.response("UIDVALIDITY")[1]
        self.uidvalidity = int(found[0]) if found and found[0] else 0

    def __enter__(self) -> Mailbox:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.imap.logout()
        except (OSError, imaplib.IMAP4.error):
            pass

    def uids_after(self, last_uid: int) -> list[int]:
        status, data = self.imap.uid("SEARCH", None, f"UID {last_uid + 1}:*")
        if status != "OK":
            raise MailServerError(f"ค้นหาอีเมลไม่ได้: {data}")
        # "n:*" always names the newest message, even when its UID is below n.
        return sorted(u for u in (int(x) for x in (data[0] or b"").split()) if u > last_uid)

    def fetch(self, uid: int) -> Fetched:
        status, data = self.imap.uid("FETCH", str(uid), "(INTERNALDATE BODY.PEEK[])")
        if status != "OK" or not data or not isinstance(data[0], tuple):
            raise MailServerError(f"อ่านอีเมล UID {uid} ไม่ได้: {data}")
        meta, raw = data[0]
        arrived = None
        match = re.search(rb'INTERNALDATE "([^"]+)"', meta)
        if match:
            stamp = imaplib.Internaldate2tuple(b'INTERNALDATE "' + match[1] + b'"')
            if stamp:
                # Internaldate2tuple gives local time; registers keep Thailand wall-clock time.
                arrived = datetime.fromtimestamp(time.mktime(stamp), BANGKOK).replace(tzinfo=None)
        return Fetched(uid, raw, arrived)

    def mark_seen(self, uid: int) -> None:
        self.imap.uid("STORE", str(uid), "+FLAGS", "(\\Seen)")

"""Sending letters over SMTP (STARTTLS, TLS, or plain to a relay on this machine)."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from saraban.errors import InvalidInput, os_reason
from saraban.mail.imap import MailServerError, tls_context
from saraban.mail.secrets import password
from saraban.settings import Settings


class Outbox:
    """One SMTP connection for a batch of letters (use as a context manager)."""

    def __init__(self, settings: Settings) -> None:
        if not settings.smtp_host or not settings.mail_from:
            raise InvalidInput("ยังไม่ได้ตั้งการส่งอีเมล: smtp_host และ mail_from ในการตั้งค่า")
        if settings.smtp_security == "none" and settings.smtp_host not in ("127.0.0.1", "localhost", "::1"):
            raise InvalidInput("smtp_security = none ใช้ได้เฉพาะเครื่องส่งต่อบนเครื่องนี้ (127.0.0.1)")
        try:
            if settings.smtp_security == "tls":
                self.smtp: smtplib.SMTP = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=60,
                                                           context=tls_context(settings))  # fmt: skip
            else:
                self.smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=60)
                if settings.smtp_security == "starttls":
                    self.smtp.starttls(context=tls_context(settings))
            if settings.smtp_user:
                self.smtp.login(settings.smtp_user, password("smtp", settings.smtp_password_file))
        except (OSError, smtplib.SMTPException, ssl.SSLError) as exc:
            where = f"{settings.smtp_host}:{settings.smtp_port}"
            raise MailServerError(f"เชื่อมต่อเครื่องส่งอีเมล {where} ไม่ได้: {os_reason(exc)}") from exc

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.smtp.quit()
        except (OSError, smtplib.SMTPException):
            pass

    def send(self, message: EmailMessage) -> None:
        try:
            refused = self.smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            raise MailServerError(f"ส่งอีเมลถึง {message['To']} ไม่สำเร็จ: {os_reason(exc)}") from exc
        if refused:
            raise MailServerError(f"เครื่องส่งอีเมลปฏิเสธผู้รับ {', '.join(refused)}")

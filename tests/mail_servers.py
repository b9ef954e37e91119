"""Real mail servers on 127.0.0.1 for the tests: Dovecot (IMAP with TLS and STARTTLS) and an
SMTP server (aiosmtpd) that keeps every message it receives."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from email import message_from_bytes
from email.policy import default
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


class Dovecot:
    """A throwaway Dovecot with one user, ``saraban`` / ``secret``, mail in a Maildir."""

    USER, PASSWORD = "saraban", "secret"

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="saraban-dovecot-"))
        self.folder.chmod(0o755)  # Dovecot's auth and mail processes run as its own users
        self.imaps_port, self.imap_port = free_port(), free_port()
        self.cert: Path | None = None

    def start(self) -> None:
        binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
        if not Path(binary).exists():
            raise RuntimeError("dovecot is not installed: apt-get install dovecot-imapd")
        owner = pwd.getpwnam("dovecot") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
        self.cert, key = self_signed(self.folder)
        mail = self.folder / "mail"
        mail.mkdir()
        (self.folder / "users").write_text(f"{self.USER}:{{PLAIN}}{self.PASSWORD}::::::\n")
        (self.folder / "users").chmod(0o644)
        config = self.folder / "dovecot.conf"
        me = pwd.getpwuid(os.geteuid()).pw_name
        config.write_text(f"""
protocols = imap
listen = 127.0.0.1
base_dir = {self.folder}/run
state_dir = {self.folder}/state
log_path = {self.folder}/dovecot.log
ssl = yes
ssl_cert = <{self.cert}
ssl_key = <{key}
auth_mechanisms = plain
disable_plaintext_auth = yes
first_valid_uid = {owner.pw_uid}
default_internal_user = {owner.pw_name if os.geteuid() == 0 else me}
default_login_user = {pwd.getpwnam("dovenull").pw_name if os.geteuid() == 0 else me}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.folder}/users
}}
userdb {{
  driver = static
  args = uid={owner.pw_uid} gid={owner.pw_gid} home={mail}/%u
}}
mail_location = maildir:{mail}/%u/Maildir
service imap-login {{
  inet_listener imap {{
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    port = {self.imaps_port}
    ssl = yes
  }}
}}
""")
        os.chown(mail, owner.pw_uid, owner.pw_gid)
        self.config = config
        with (self.folder / "start.log").open("wb") as log:
            # Dovecot daemonises; its children keep the output open, so it goes to a file.
            subprocess.run([binary, "-c", str(config)], check=True, stdout=log, stderr=log, timeout=30)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.imaps_port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)  # waiting for the server to listen, not for the code under test
        raise RuntimeError(f"dovecot did not start: {(self.folder / 'dovecot.log').read_text(errors='replace')}")

    def settings(self, *, security: str = "tls") -> dict[str, object]:
        return {
            "imap_host": "127.0.0.1",
            "imap_port": self.imaps_port if security == "tls" else self.imap_port,
            "imap_user": self.USER,
            "imap_security": security,
            "mail_ca_file": str(self.cert),
        }

    def append(self, raw: bytes) -> None:
        """Deliver a message into the mailbox, over IMAP itself."""
        import imaplib
        import ssl

        box = imaplib.IMAP4_SSL("127.0.0.1", self.imaps_port,
                                ssl_context=ssl.create_default_context(cafile=str(self.cert)))  # fmt: skip
        box.login(self.USER, self.PASSWORD)
        box.append("INBOX", None, None, raw)
        box.logout()

    def stop(self) -> None:
        if getattr(self, "config", None):
            subprocess.run([shutil.which("doveadm") or "doveadm", "-c", str(self.config), "stop"],
                           capture_output=True, timeout=30, check=False)  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


class SmtpServer:
    """aiosmtpd on 127.0.0.1 keeping every message (``messages``: parsed, with envelope)."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[tuple[list[str], object]] = []
        self.port = free_port()
        server = self

        class Keep:
            async def handle_DATA(self, _server, _session, envelope):
                server.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=default)))
                return "250 OK"

        self.controller = Controller(Keep(), hostname="127.0.0.1", port=self.port)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()

    def settings(self) -> dict[str, object]:
        return {"smtp_host": "127.0.0.1", "smtp_port": self.port, "smtp_security": "none",
                "mail_from": "saraban@thawangpha.example.go.th"}  # fmt: skip

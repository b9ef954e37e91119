"""A throwaway PostgreSQL server for the tests, started from Debian's server binaries.

``initdb`` refuses to run as root, so when the tests run as root the server runs as an
unprivileged system user (``postgres`` if it exists, else ``nobody``).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def find_binary(name: str) -> str | None:
    """A PostgreSQL server binary on PATH or in Debian's versioned folders (newest first)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TempPostgres:
    """Start with :meth:`start`, stop and remove with :meth:`stop`."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="saraban-pg-"))
        self.data = self.base / "data"
        self.port = _free_port()
        self.user: pwd.struct_passwd | None = None
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                try:
                    self.user = pwd.getpwnam(name)
                    break
                except KeyError:
                    continue
            if self.user is None:
                raise RuntimeError("running as root and no unprivileged user (postgres, nobody) to run PostgreSQL")

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        kwargs: dict[str, object] = {}
        if self.user is not None:
            kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        return subprocess.run(
            args,
            capture_output=True,
            text=True,
            check=False,
            cwd=self.base,
            timeout=120,
            **kwargs,  # type: ignore[arg-type]
        )

    @property
    def url(self) -> str:
        return f"postgresql://saraban@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found")
        self.base.chmod(0o755)
        if self.user is not None:
            os.chown(self.base, self.user.pw_uid, self.user.pw_gid)
        result = self._run(
            initdb, "-D", str(self.data), "-U", "saraban", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"
        )
        if result.returncode:
            raise RuntimeError(f"initdb failed: {result.stderr.strip()}")
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
        result = self._run(pg_ctl, "-D", str(self.data), "-o", options, "-l", str(self.base / "log"), "-w", "start")
        if result.returncode:
            log = (self.base / "log").read_text(errors="replace") if (self.base / "log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {result.stderr.strip()} {log[-800:]}")

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url.replace("postgresql://", "postgresql://", 1), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url.rsplit("/", 1)[0] + f"/{name}"

    def stop(self) -> None:
        pg_ctl = find_binary("pg_ctl")
        if pg_ctl and self.data.exists():
            self._run(pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.base, ignore_errors=True)

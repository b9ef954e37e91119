"""Shared fixtures: every test gets its own SARABAN_HOME; DB tests run on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.pg_server import TempPostgres

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"
_counter = itertools.count()
TODAY = date(2026, 11, 21)
"""The day the tests' demo database is built on (no test depends on the real date)."""


@pytest.fixture(scope="session", autouse=True)
def ledger_key_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One office, one ledger key: the session's databases (the demo built once, copied into
    every test's home) are keyed by the same file, as an office's machines share theirs."""
    path = tmp_path_factory.mktemp("keys") / "ledger.key"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SARABAN_LEDGER_KEY_FILE", str(path))
        yield path


@pytest.fixture(scope="session", autouse=True)
def libreoffice_profiles(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache for the session, so LibreOffice's profiles are made once, not in every test's
    home (a profile's first start costs seconds); a test of the cache's place unsets it."""
    path = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SARABAN_CACHE_DIR", str(path))
        yield path


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ledger_key_file: Path) -> Path:
    """Keep every test away from the developer's files and settings."""
    home = tmp_path / "home"
    monkeypatch.setenv("SARABAN_HOME", str(home))
    for name in ("SARABAN_DATABASE_URL", "SARABAN_USER", "SARABAN_OFFICE", "SARABAN_CONFIG_FILE"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, ledger_key_file: Path) -> Path:
    """The demo database, built once per session as of :data:`TODAY` (copy it before writing)."""
    from saraban.demo.builder import build_demo

    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.sqlite"
    build_demo(f"sqlite:///{path}", today=TODAY, out_dir=folder / "out")
    return path


@pytest.fixture(scope="session")
def postgres() -> Iterator[TempPostgres | None]:
    """A PostgreSQL server for the session; in CI it must start, elsewhere it may be skipped."""
    server = TempPostgres()
    try:
        server.start()
    except Exception as exc:
        server.stop()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL could not start in CI: {exc}")
        yield None
        return
    yield server
    server.stop()


@pytest.fixture(scope="session")
def ocr_tools() -> None:
    """Tesseract with Thai and poppler: in CI they must be there (make test installs them)."""
    from saraban.errors import MissingTool
    from saraban.intake.tools import require, require_tesseract

    try:
        require_tesseract()
        for tool in ("pdfinfo", "pdftotext", "pdftoppm", "pdfimages"):
            require(tool)
    except MissingTool as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"OCR tools missing in CI: {exc}")
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def office_tools(ocr_tools: None) -> str:
    """LibreOffice (to make real PDFs), with the OCR tools; required in CI."""
    from saraban.letters.render import libreoffice

    found = libreoffice()
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice missing in CI: apt-get install libreoffice-writer-nogui")
        pytest.skip("LibreOffice is not installed here")
    return found


@pytest.fixture(scope="session")
def letter_files(tmp_path_factory: pytest.TempPathFactory, office_tools: str) -> dict[str, Path]:
    """A letter rendered, printed to PDF by LibreOffice and scanned (see :mod:`tests.scans`)."""
    from tests.scans import make_letter_files

    return make_letter_files(tmp_path_factory.mktemp("letter"))


@pytest.fixture(scope="session")
def dovecot() -> Iterator[object]:
    """A Dovecot IMAP server on 127.0.0.1 (TLS and STARTTLS); required in CI."""
    from tests.mail_servers import Dovecot

    server = Dovecot()
    try:
        server.start()
    except Exception as exc:
        server.stop()
        if os.environ.get("CI") == "true":
            pytest.fail(f"Dovecot could not start in CI: {exc}")
        pytest.skip(f"Dovecot not available here: {exc}")
    yield server
    server.stop()


@pytest.fixture
def smtp_server() -> Iterator[object]:
    """An SMTP server on 127.0.0.1 that keeps what it receives."""
    from tests.mail_servers import SmtpServer

    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'saraban.sqlite'}"
    server: TempPostgres | None = request.getfixturevalue("postgres")
    if server is None:
        pytest.skip("PostgreSQL server binaries not available here")
    return server.create_database(f"t{os.getpid()}_{next(_counter)}")


@pytest.fixture
def ctx(db_url: str):
    """An opened context (migrated, directory seeded) acting as the first clerk."""
    from saraban.services.context import open_context

    context = open_context(db_url, user="somchai")
    _ = context.actor  # the first user becomes a clerk
    yield context
    context.engine.dispose()


@pytest.fixture
def pg_office(postgres):  # type: ignore[no-untyped-def]
    """An office on a fresh PostgreSQL database: owner boss, admin boss2, clerk1 (no clearance),
    aud1 (auditor, no clearance), aud2 (auditor cleared to ลับมาก) and sec1 (secretary cleared
    to ลับมาก), each with the login ``<name>_db``."""
    if postgres is None:
        pytest.fail("PostgreSQL server binaries are needed for this test")
    url = postgres.create_database(f"ident{os.getpid()}_{next(_counter)}")
    from typer.testing import CliRunner

    from saraban.cli import app
    from saraban.services.context import open_context

    owner = open_context(url, user="boss")  # the DBA's login opens it first: boss, tied to it, names the rest
    _ = owner.actor
    run = CliRunner()
    people = (("boss", "boss2", "admin", "boss2_db", ()), ("boss2", "clerk1", "clerk", "clerk1_db", ()),
              ("boss2", "aud1", "auditor", "aud1_db", ()),
              ("boss2", "aud2", "auditor", "aud2_db", ("--clearance", "ลับมาก")),
              ("boss2", "sec1", "secretary", "sec1_db", ("--clearance", "ลับมาก")))  # fmt: skip
    for by, name, role, login, more in people:  # the first admin named, only admins add people
        args = ["users", "add", name, "--role", role, "--agency", "นน 0023", "--login", login, *more]
        result = run.invoke(app, ["--db", url, "--user", by, *args])
        assert result.exit_code == 0, result.output
    owner.engine.dispose()
    return url

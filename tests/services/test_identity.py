"""Identity that is checked (#10 finding 1).

An auditor ran ``SARABAN_USER=aud1 saraban --user clerk1 void …`` and the ledger recorded
clerk1. Now the person is the operating-system login the kernel reports (``$USER`` is not
believed), ``--user`` may only name that login's saraban user, and on a shared computer
(``login = "password"``) each clerk proves who they are with a scrypt-hashed password.

The end-to-end test really drops root: a forked child becomes ``nobody`` and runs the CLI.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from saraban.cli import app
from saraban.db.tables import AuditRecord, User
from saraban.errors import PermissionDenied
from saraban.services import ledger_key
from saraban.services.context import open_context
from saraban.services.identity import OsLogin, hash_password, password_matches
from saraban.services.registers import receive
from saraban.services.users import add_user, set_password
from saraban.settings import Settings
from tests.services.helpers import parsed

NAN = "นน 0023"


def _unprivileged() -> pwd.struct_passwd:
    return pwd.getpwnam("nobody") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())


def _run_as(user: pwd.struct_passwd, job: Callable[[], list[list[object]]]) -> list[list[object]]:
    """``job`` in a child process that runs as ``user`` (the kernel's identity, not $USER).

    The child is ``user`` to the kernel (its effective ids, which saraban asks), but reads
    and writes files as root (Linux's file-system ids, and the real ids, which access(2)
    answers for: Alembic checks its folder that way): the clone, its ``.venv`` and the
    modules saraban imports on demand may lie in a folder only root can read (root's home,
    a ``mktemp -d``), and the test is about who saraban believes acts, not about file modes.
    """
    if os.geteuid() != 0:
        return job()
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: become the user, keep root's file access, then run the CLI
        status = 1
        try:
            os.close(read)
            os.setgroups([])
            os.setresgid(0, user.pw_gid, 0)
            os.setresuid(0, user.pw_uid, 0)
            libc.setfsuid(0)
            libc.setfsgid(0)
            os.write(write, json.dumps(job()).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    assert status == 0 and data, "the unprivileged child failed"
    return json.loads(data)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder the unprivileged user can write (pytest's own tmp folders are root-only)."""
    folder = Path(tempfile.mkdtemp(prefix="saraban-identity-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_the_unprivileged_child_reads_a_clone_only_root_can_read(tmp_path: Path) -> None:
    # `make test` as root from a clone in a folder other users cannot read failed here: the
    # child could not import the modules saraban loads on demand.
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    (private / "module.py").write_text("VALUE = 1\n", encoding="utf-8")
    person = _unprivileged()

    def job() -> list[list[object]]:
        # Alembic asks access(2) whether the migrations folder exists, which answers for the
        # real ids: with those dropped too, every migration "did not exist" (#28 item 19).
        return [[OsLogin.current().name, (private / "module.py").read_text(encoding="utf-8"),
                 os.access(private / "module.py", os.F_OK)]]  # fmt: skip

    [[login, text, seen]] = _run_as(person, job)
    assert login == person.pw_name and text == "VALUE = 1\n" and seen


def test_the_os_login_decides_who_acts_and_user_cannot_make_anyone_someone_else(shared_dir: Path) -> None:
    person = _unprivileged()
    db = f"sqlite:///{shared_dir / 'office.sqlite'}"
    setup = open_context(db, user="boss")
    _ = setup.actor  # first user: names the others
    with setup.administering("เพิ่มผู้ใช้") as s:
        add_user(s, "clerk1", "clerk", NAN, login="clerk1-login")
        add_user(s, "aud1", "auditor", login=person.pw_name)
    clerk = open_context(db, user="clerk1")
    receive(clerk, parsed("นน 0023.5/ว 1"), NAN, datetime(2024, 1, 3, 9, 30))
    setup.engine.dispose()
    clerk.engine.dispose()
    shutil.copy(ledger_key.key_path(), shared_dir / "ledger.key")  # the office's key goes with its book
    for path in [shared_dir, *shared_dir.iterdir()]:
        os.chown(path, person.pw_uid, person.pw_gid)

    def job() -> list[list[object]]:
        env = {"SARABAN_HOME": str(shared_dir), "SARABAN_USER": "aud1", "USER": "clerk1", "LOGNAME": "clerk1",
               "SARABAN_LEDGER_KEY_FILE": str(shared_dir / "ledger.key")}  # fmt: skip
        runner = CliRunner(env=env)
        out = []
        for args in (
            ["--user", "clerk1", "void", NAN, "1", "--reason", "ลองทำแทน", "--year", "2567"],
            ["void", NAN, "1", "--reason", "ลองทำเอง", "--year", "2567"],
            ["audit", "verify", "--json"],
        ):
            result = runner.invoke(app, ["--db", db, *args])
            out.append([result.exit_code, result.output])
        return out

    impersonate, as_self, verify = _run_as(person, job)
    assert impersonate[0] != 0 and f"'{person.pw_name}'" in str(impersonate[1]) and "clerk1" in str(impersonate[1])
    assert as_self[0] != 0 and "อ่านได้อย่างเดียว" in str(as_self[1])  # aud1 is an auditor
    assert verify[0] == 0, verify[1]
    check = open_context(db, user="boss")
    with check.reading() as s:
        assert not s.exec(select(AuditRecord).where(AuditRecord.action == "void")).all()
    check.engine.dispose()


def test_users_names_and_logins(tmp_path: Path) -> None:
    """One office machine (SQLite): the OS login decides; on PostgreSQL the database login
    does (tests/services/test_pg_identity.py)."""
    ctx = open_context(f"sqlite:///{tmp_path / 'office.sqlite'}", user="somchai")
    _ = ctx.actor
    stranger = OsLogin("malee", superuser=False)
    with ctx.administering("เพิ่มผู้ใช้") as s:
        add_user(s, "มาลี", "clerk", NAN, login="malee")
    malee = open_context(ctx.settings.database_url, user="มาลี")
    malee.os_login = stranger
    assert malee.actor.name == "มาลี"
    bare = open_context(ctx.settings.database_url, user="malee")  # the bare login finds her user
    bare.os_login = stranger
    assert bare.actor.name == "มาลี"
    other = open_context(ctx.settings.database_url, user="somchai")
    other.os_login = stranger
    with pytest.raises(PermissionDenied, match="ทำงานในนามผู้อื่นไม่ได้"):
        _ = other.actor


def test_password_login_for_a_shared_computer(ctx) -> None:
    assert password_matches("รหัสลับยาวพอ", hash_password("รหัสลับยาวพอ"))
    assert not password_matches("wrong-password", hash_password("รหัสลับยาวพอ"))
    assert not password_matches("x", None) and not password_matches("x", "md5$abc")
    set_password(ctx, "somchai", "correct horse")  # one's own
    with ctx.reading() as s:
        stored = s.exec(select(User.password_hash).where(User.name == "somchai")).one()
    assert stored and stored.startswith("scrypt$") and "correct" not in stored
    shared = Settings(database_url=ctx.settings.database_url, login="password")
    for password in (None, "wrong password"):
        with pytest.raises(PermissionDenied):
            _ = open_context(user="somchai", settings=shared, password=password).actor
    assert open_context(user="somchai", settings=shared, password="correct horse").actor.name == "somchai"
    result = CliRunner(env={"SARABAN_LOGIN": "password", "SARABAN_PASSWORD": "nope-nope"}).invoke(
        app, ["--db", ctx.settings.database_url, "--user", "somchai", "register", NAN]
    )
    assert result.exit_code != 0 and "รหัสผ่านไม่ถูกต้อง" in result.output and "Traceback" not in result.output


def test_an_account_named_like_a_user_tied_to_another_login_is_not_that_user(tmp_path: Path) -> None:
    # Before: an OS account "boss" acted as the saraban user boss, whose login is boss_os.
    # (One machine's SQLite: on PostgreSQL the database login is the person.)
    url = f"sqlite:///{tmp_path / 'office.sqlite'}"
    first = open_context(url, user="somchai")
    first.os_login = OsLogin("somchai", superuser=False)
    _ = first.actor
    with first.administering("เพิ่มผู้ใช้") as s:
        add_user(s, "boss", "admin", NAN, login="boss_os")
    impostor = open_context(url, user="boss")
    impostor.os_login = OsLogin("boss", superuser=False)
    with pytest.raises(PermissionDenied, match="ทำงานในนามผู้อื่นไม่ได้"):
        _ = impostor.actor
    real = open_context(url, user="boss")
    real.os_login = OsLogin("boss_os", superuser=False)
    assert real.actor.name == "boss"


def test_the_environment_cannot_switch_password_login_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from saraban.settings import load_settings

    # Before: SARABAN_LOGIN=os in anyone's shell turned the office's password mode off.
    path = tmp_path / "settings.toml"
    path.write_text('login = "password"\n', encoding="utf-8")
    monkeypatch.setenv("SARABAN_LOGIN", "os")
    assert load_settings(path).login == "password"
    path.write_text("", encoding="utf-8")
    monkeypatch.setenv("SARABAN_LOGIN", "password")  # asking for passwords is always allowed
    assert load_settings(path).login == "password"


def test_wrong_passwords_make_the_next_attempt_wait(ctx, monkeypatch: pytest.MonkeyPatch) -> None:
    from saraban.services import identity

    # Before: no delay, no lockout (about 24 guesses a second from a script).
    now = [1_800_000_000.0]
    monkeypatch.setattr(identity, "_clock", lambda: now[0])
    set_password(ctx, "somchai", "correct horse")
    shared = Settings(database_url=ctx.settings.database_url, login="password")
    for _ in range(identity.LOCK_AFTER):
        with pytest.raises(PermissionDenied, match="ไม่ถูกต้อง"):
            _ = open_context(user="somchai", settings=shared, password="guess-guess").actor
        now[0] += 1
    with pytest.raises(PermissionDenied, match="ลองใหม่ได้หลังเวลา"):  # even the right one waits
        _ = open_context(user="somchai", settings=shared, password="correct horse").actor
    now[0] += identity.LOCK_SECONDS
    assert open_context(user="somchai", settings=shared, password="correct horse").actor.name == "somchai"
    with pytest.raises(PermissionDenied, match="ไม่ถูกต้อง"):  # a right password cleared the count
        _ = open_context(user="somchai", settings=shared, password="guess-guess").actor


def test_users_list_asks_for_the_password_in_password_mode(ctx) -> None:
    set_password(ctx, "somchai", "correct horse")
    runner = CliRunner(env={"SARABAN_LOGIN": "password", "SARABAN_PASSWORD": ""})
    result = runner.invoke(app, ["--db", ctx.settings.database_url, "--user", "somchai", "users", "list"])
    assert result.exit_code != 0 and "รหัสผ่าน" in result.output and "somchai" not in result.output.split("\n", 1)[-1]

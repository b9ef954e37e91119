"""Letters that leave by e-mail: forward --mail to a real SMTP server, killed and resumed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlmodel import select

from saraban.db.tables import Dispatch
from saraban.services.context import open_context
from saraban.services.directory import add_agency, edit_agency, import_dla_file
from saraban.services.dispatch import send_letters
from saraban.services.forwarding import ForwardRequest, forward
from saraban.services.importing import import_paths
from saraban.settings import Settings
from tests.conftest import DATA

DISTRICT = "อำเภอท่าวังผา"
EXTRA = ("องค์การบริหารส่วนตำบลศรีภูมิ", "องค์การบริหารส่วนตำบลจอมพระ", "องค์การบริหารส่วนตำบลยม",
         "องค์การบริหารส่วนตำบลตาลชุม", "องค์การบริหารส่วนตำบลผาตอ", "องค์การบริหารส่วนตำบลแสนทอง")  # fmt: skip


def _office(db_url: str, tmp_path: Path, smtp_server) -> tuple[object, list[str]]:  # type: ignore[no-untyped-def]
    ctx = open_context(db_url, user="somchai", settings=Settings(**smtp_server.settings()))  # type: ignore[arg-type]
    _ = ctx.actor
    with ctx.writing() as s:
        import_dla_file(s, DATA / "dla_local_bodies_sample.csv")
        district = edit_agency(s, DISTRICT, code="นน 0023.11")
        for name in EXTRA:
            add_agency(s, name, level="local", parent=district.name)
        from saraban.db.tables import Agency

        bodies = list(s.exec(select(Agency).where(Agency.parent_id == district.id).order_by(Agency.id)))
        # Eight bodies have a saraban@ mailbox; the ninth has none yet.
        for n, body in enumerate(bodies[:8]):
            body.email = f"saraban{n}@body{n}.example.go.th"
            s.add(body)
    import_paths(ctx, [DATA / "letters" / "bundle_nan.txt"])
    return ctx, [b.name for b in bodies]


def test_forward_by_mail_sends_each_recipient_its_letter_once(db_url: str, tmp_path: Path, smtp_server,
                                                             office_tools: str) -> None:  # fmt: skip
    ctx, bodies = _office(db_url, tmp_path, smtp_server)
    assert len(bodies) == 9
    result = forward(ctx, ForwardRequest("ว 812", DISTRICT, all_children=True, mode="per-recipient",
                                         out_dir=tmp_path / "out", pdf=True))  # fmt: skip
    report = send_letters(ctx, [x.doc_no for x in result.letters])
    assert len(report.sent) == 8 and len(smtp_server.messages) == 8
    assert report.no_address == [bodies[8]]
    rcpts = sorted(r[0][0] for r in smtp_server.messages)
    assert rcpts == sorted(f"saraban{n}@body{n}.example.go.th" for n in range(8))
    _rcpt, first = smtp_server.messages[0]
    assert first["Subject"].startswith("ที่ นน ๐๐๒๓.๑๑/")
    assert next(p.get_filename() for p in first.iter_attachments()).endswith(".pdf")
    with ctx.reading() as s:
        rows = list(s.exec(select(Dispatch)))
    assert sorted(r.status for r in rows) == ["no-address"] + ["sent"] * 8
    assert all(r.message_id and r.sent_at for r in rows if r.status == "sent")
    again = send_letters(ctx, [x.doc_no for x in result.letters])
    assert again.sent == [] and again.already == 8 and len(smtp_server.messages) == 8
    from saraban.services.ledger import verify

    with ctx.reading() as s:
        assert verify(s).problems == []


def test_a_send_killed_half_way_sends_only_the_rest_when_run_again(tmp_path: Path, smtp_server,
                                                                   office_tools: str) -> None:  # fmt: skip
    db_url = f"sqlite:///{tmp_path / 'send.sqlite'}"
    ctx, _bodies = _office(db_url, tmp_path, smtp_server)
    result = forward(ctx, ForwardRequest("ว 812", DISTRICT, all_children=True, mode="per-recipient",
                                         out_dir=tmp_path / "out", pdf=True))  # fmt: skip
    numbers = [x.doc_no for x in result.letters]
    env = dict(os.environ, SARABAN_HOME=str(tmp_path / "home"), SARABAN_DATABASE_URL=db_url, SARABAN_USER="somchai",
               **{f"SARABAN_{k.upper()}": str(v) for k, v in smtp_server.settings().items()})  # fmt: skip
    worker = subprocess.Popen([sys.executable, "-m", "saraban", "mail", "send", *numbers], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert worker.stderr is not None
    for line in worker.stderr:
        if "ส่ง 4/8" in line:  # its own progress line: four are sent and marked
            worker.send_signal(signal.SIGKILL)
            break
    worker.wait(timeout=120)
    sent_before = len(smtp_server.messages)
    assert 4 <= sent_before < 8
    done = subprocess.run([sys.executable, "-m", "saraban", "mail", "send", *numbers], env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    ids = [m["Message-ID"] for _r, m in smtp_server.messages]
    # Every recipient got its letter; the one possibly sent at the kill carries the same Message-ID.
    assert len(set(ids)) == 8 and len(ids) <= 9
    with ctx.reading() as s:
        assert sorted(r.status for r in s.exec(select(Dispatch))) == ["no-address"] + ["sent"] * 8


def test_forward_mail_on_the_command_line(tmp_path: Path, smtp_server, office_tools: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import json

    from typer.testing import CliRunner

    from saraban.cli import app

    db_url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    _office(db_url, tmp_path, smtp_server)
    for key, value in smtp_server.settings().items():
        monkeypatch.setenv(f"SARABAN_{key.upper()}", str(value))
    args = ["--db", db_url, "--user", "somchai", "forward", "ว 812", "--from", DISTRICT, "--all-children", "--mail",
            "--out", str(tmp_path / "cli"), "--json"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["mail"]["sent"]) == 8 and len(data["mail"]["no_address"]) == 1
    assert len(smtp_server.messages) == 8 and data["letters"][0]["pdf"].endswith(".pdf")

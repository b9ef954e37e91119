"""An e-mailed secret letter is shown to an uncleared clerk only as having come (#10).

The inbox (screen, ``mail inbox``, ``--json``) shows when it came, from which address, and its
mark; accepting it needs the clearance. On PostgreSQL the server hides the message from the
clerk's own plain SQL, and a second fetch still does not keep it twice.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from saraban.cli import app
from saraban.errors import PermissionDenied
from saraban.services.context import open_context
from saraban.services.inbox import accept, import_mail, inbox_letters, list_inbox
from saraban.services.users import add_user
from saraban.settings import Settings
from tests.mail.test_mail_in import context_for, mail_with
from tests.services.helpers import as_login, letter_text

NAN = "นน 0023"
SECRET = "แผนรักษาความปลอดภัยบุคคลสำคัญ"


def _secret_mail(tmp_path: Path) -> Path:
    letter = letter_text("นน 0023.1/ว 11", subject=SECRET, secrecy="ลับมาก").encode()
    path = tmp_path / "secret.eml"
    path.write_bytes(mail_with([("secret.txt", letter)], subject=f"ที่ นน 0023.1/ว 11 เรื่อง {SECRET}"))
    return path


def test_an_uncleared_clerk_sees_that_a_secret_mail_came_and_nothing_of_it(tmp_path: Path, db_url: str) -> None:
    clerk = context_for(db_url)  # somchai, a clerk with no clearance
    (kept,) = import_mail(clerk, [_secret_mail(tmp_path)]).added
    (shown,) = list_inbox(clerk)
    assert SECRET not in (shown.subject or "") and "ลับมาก" in (shown.subject or "") and inbox_letters(shown) == []
    listing = CliRunner().invoke(app, ["--db", db_url, "--user", "somchai", "mail", "inbox", "--json"])
    assert listing.exit_code == 0 and SECRET not in listing.output and json.loads(listing.output)[0]["id"] == kept
    with pytest.raises(PermissionDenied, match="ลับมาก"):
        accept(clerk, kept)
    with clerk.writing() as session:
        add_user(session, "cleared", "clerk", agency=NAN, clearance="ลับมาก")
    cleared = open_context(db_url, user="cleared", settings=Settings(office=NAN))
    (seen,) = list_inbox(cleared)
    assert inbox_letters(seen)[0].subject == SECRET
    assert accept(cleared, kept).number == 1


def test_postgresql_hides_a_secret_mail_from_the_clerks_own_sql(tmp_path: Path, pg_office: str) -> None:
    clerk_url, cleared_url = as_login(pg_office, "clerk1_db"), as_login(pg_office, "aud2_db")
    clerk = open_context(clerk_url, settings=Settings(office=NAN))
    mail = _secret_mail(tmp_path)
    assert len(import_mail(clerk, [mail]).added) == 1  # kept, though the clerk may not read it
    again = import_mail(clerk, [mail])  # a second fetch finds it through inbox_index
    assert again.added == [] and again.duplicates == 1
    assert list_inbox(clerk) == []
    clerk.engine.dispose()

    def everything(url: str) -> str:
        engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.connect() as conn:
            dump = "\n".join(str(r) for r in conn.execute(text("SELECT subject, attachments::text FROM inbox_message")))
            count = conn.execute(text("SELECT count(*) FROM inbox_index")).scalar_one()
        engine.dispose()
        return f"{dump}\n{count}"

    assert SECRET not in everything(clerk_url) and everything(clerk_url).endswith("\n1")
    assert SECRET in everything(cleared_url)

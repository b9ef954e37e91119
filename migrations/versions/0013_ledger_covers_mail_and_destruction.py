"""the ledger covers destruction lists, e-mails in and out and the mailbox cursor: what was
there before this revision is remembered as it stood

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 09:00:00

From this revision every change to ``destruction_list``, ``inbox_message``, ``dispatch`` and
``mail_cursor`` goes into the ledger as a snapshot (:mod:`saraban.services.ledger_watch`), so
``audit verify`` finds an approval forged, an e-mail rewritten or the mailbox cursor moved
outside saraban. Rows that already exist get one ``baseline`` record each, so an office that
upgrades is not told that its own rows were added behind its back. (The baseline vouches for
the rows as they stand when the office upgrades, and says so.)
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from sqlmodel import Session

    from saraban.db.tables import DestructionList, Dispatch, InboxMessage, MailCursor
    from saraban.services.ledger_watch import record_baseline

    session = Session(bind=op.get_bind())
    for model in (DestructionList, InboxMessage, Dispatch, MailCursor):
        record_baseline(session, model)


def downgrade() -> None:
    """The baseline records stay: the ledger is append-only."""

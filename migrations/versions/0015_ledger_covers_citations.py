"""the ledger covers citations: which letters a letter cites or encloses, as they stood

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 16:00:00

A citation (อ้างถึง, or a copy enclosed) is what links one hop of a circular to the next;
changed or deleted in SQL, a trace would walk another way. From this revision each change to
``citation`` is a ledger snapshot (:mod:`saraban.services.ledger_watch`) that ``audit verify``
compares. Rows that already exist get one ``baseline`` record each, as 0013 did for mail.
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from sqlmodel import Session

    from saraban.db.tables import Citation
    from saraban.services.ledger_watch import record_baseline

    session = Session(bind=op.get_bind())
    for model in (Citation,):
        record_baseline(session, model)


def downgrade() -> None:
    """The baseline records stay: the ledger is append-only."""

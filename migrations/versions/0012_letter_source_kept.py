"""a letter remembers that saraban keeps its own copy of the file it was read from

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 08:00:00

``source_kept`` is set when the file is copied into saraban's store
(:mod:`saraban.services.filestore`); ``audit verify`` then checks that copy against the
letter's ``source_sha256``. Letters stored before this revision have ``NULL``: no copy was
kept, so none is missed.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_kept', sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.drop_column('source_kept')

"""a letter remembers where each of its values came from

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 12:40:00

``provenance`` maps a field to ``typed``, ``text-layer``, ``ocr``, ``ocr+digit-reader`` or
``clerk``, as ``parse --json`` showed it when the letter was received, and a correction
marks the field ``clerk``. Letters stored before this revision have ``NULL``: where their
values came from was not recorded, and nothing is guessed for them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('provenance', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.drop_column('provenance')

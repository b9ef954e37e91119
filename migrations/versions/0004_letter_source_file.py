"""letter source file: sha256, kind of input, field confidence

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 11:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_sha256', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('source_kind', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('confidence', sa.JSON(), nullable=True))
        batch_op.create_index('ix_letter_source_sha256', ['source_sha256'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.drop_index('ix_letter_source_sha256')
        batch_op.drop_column('confidence')
        batch_op.drop_column('source_kind')
        batch_op.drop_column('source_sha256')

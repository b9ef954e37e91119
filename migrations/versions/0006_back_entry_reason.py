"""register entries keep the reason a receipt was entered out of time order

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('register_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('back_entry_reason', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('register_entry', schema=None) as batch_op:
        batch_op.drop_column('back_entry_reason')

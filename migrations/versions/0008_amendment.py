"""amendments: corrections of registered entries, with the old value, the new one and why

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'amendment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('letter_id', sa.Integer(), nullable=False),
        sa.Column('entry_id', sa.Integer(), nullable=True),
        sa.Column('field_name', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column('old_value', sa.Text(), nullable=True),
        sa.Column('new_value', sa.Text(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('created_role', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.ForeignKeyConstraint(['entry_id'], ['register_entry.id']),
        sa.ForeignKeyConstraint(['letter_id'], ['letter.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_amendment_entry_id', 'amendment', ['entry_id'], unique=False)
    op.create_index('ix_amendment_letter_id', 'amendment', ['letter_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_amendment_letter_id', table_name='amendment')
    op.drop_index('ix_amendment_entry_id', table_name='amendment')
    op.drop_table('amendment')

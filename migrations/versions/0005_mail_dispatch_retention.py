"""mail inbox, dispatches, retention and destruction lists

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('agency', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=200), nullable=True))
        batch_op.create_index('ix_agency_email', ['email'], unique=False)
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retention', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('file_code', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('retention_hold', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('destroyed_at', sa.DateTime(), nullable=True))
    op.create_table(
        'inbox_message',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('message_id', sa.String(length=500), nullable=True),
        sa.Column('raw_sha256', sa.String(length=64), nullable=False),
        sa.Column('raw', sa.LargeBinary(), nullable=False),
        sa.Column('sender_address', sa.String(length=300), nullable=True),
        sa.Column('sender_agency_id', sa.Integer(), nullable=True),
        sa.Column('subject', sa.Text(), nullable=True),
        sa.Column('mail_date', sa.DateTime(), nullable=True),
        sa.Column('arrived_at', sa.DateTime(), nullable=False),
        sa.Column('origin', sa.String(length=20), nullable=False),
        sa.Column('attachments', sa.JSON(), nullable=True),
        sa.Column('problems', sa.JSON(), nullable=True),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('letter_id', sa.Integer(), nullable=True),
        sa.Column('register_entry_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['letter_id'], ['letter.id']),
        sa.ForeignKeyConstraint(['register_entry_id'], ['register_entry.id']),
        sa.ForeignKeyConstraint(['sender_agency_id'], ['agency.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('message_id'),
        sa.UniqueConstraint('raw_sha256'),
    )
    op.create_index('ix_inbox_message_status', 'inbox_message', ['status'], unique=False)
    op.create_table(
        'mail_cursor',
        sa.Column('account', sa.String(length=300), nullable=False),
        sa.Column('uidvalidity', sa.Integer(), nullable=False),
        sa.Column('last_uid', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('account'),
    )
    op.create_table(
        'dispatch',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('letter_id', sa.Integer(), nullable=False),
        sa.Column('agency_id', sa.Integer(), nullable=False),
        sa.Column('method', sa.String(length=20), nullable=False),
        sa.Column('address', sa.String(length=300), nullable=True),
        sa.Column('file', sa.String(length=500), nullable=True),
        sa.Column('message_id', sa.String(length=500), nullable=True),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['agency_id'], ['agency.id']),
        sa.ForeignKeyConstraint(['letter_id'], ['letter.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('letter_id', 'agency_id', 'method', name='uq_dispatch'),
    )
    op.create_index('ix_dispatch_letter_id', 'dispatch', ['letter_id'], unique=False)
    op.create_table(
        'destruction_list',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('agency_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('letter_ids', sa.JSON(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by', sa.String(length=120), nullable=False),
        sa.Column('approval', sa.Text(), nullable=True),
        sa.Column('approved_by', sa.String(length=120), nullable=True),
        sa.Column('destroyed_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['agency_id'], ['agency.id']),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_table('destruction_list')
    op.drop_index('ix_dispatch_letter_id', table_name='dispatch')
    op.drop_table('dispatch')
    op.drop_table('mail_cursor')
    op.drop_index('ix_inbox_message_status', table_name='inbox_message')
    op.drop_table('inbox_message')
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.drop_column('destroyed_at')
        batch_op.drop_column('retention_hold')
        batch_op.drop_column('file_code')
        batch_op.drop_column('retention')
    with op.batch_alter_table('agency', schema=None) as batch_op:
        batch_op.drop_index('ix_agency_email')
        batch_op.drop_column('email')

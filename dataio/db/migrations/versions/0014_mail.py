"""mail: the outbox of reminders and briefs, and each partnership's brief schedule

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 14:30:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'mail_outbox',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('dedupe_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column('municipality_code', sa.Integer(), nullable=True),
        sa.Column('fingerprint', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('body', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_mail_outbox_dedupe_key', 'mail_outbox', ['dedupe_key'], unique=True)
    op.create_index('ix_mail_outbox_username', 'mail_outbox', ['username'], unique=False)
    op.create_index('ix_mail_outbox_created_at', 'mail_outbox', ['created_at'], unique=False)
    op.create_table(
        'brief_schedule',
        sa.Column('municipality_code', sa.Integer(), nullable=False),
        sa.Column('day_of_month', sa.Integer(), nullable=True),
        sa.Column('last_quarter', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column('last_month', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column('last_brief_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['municipality_code'], ['municipality.code']),
        sa.PrimaryKeyConstraint('municipality_code'),
    )


def downgrade() -> None:
    op.drop_table('brief_schedule')
    op.drop_index('ix_mail_outbox_created_at', table_name='mail_outbox')
    op.drop_index('ix_mail_outbox_username', table_name='mail_outbox')
    op.drop_index('ix_mail_outbox_dedupe_key', table_name='mail_outbox')
    op.drop_table('mail_outbox')

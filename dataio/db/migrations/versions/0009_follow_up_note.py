"""follow-ups: a note on closing and reopening

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 18:40:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN with a server default: existing follow-ups get an empty note
    op.add_column(
        'walk_observation',
        sa.Column('status_note', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''),
    )


def downgrade() -> None:
    with op.batch_alter_table('walk_observation', schema=None) as batch_op:
        batch_op.drop_column('status_note')

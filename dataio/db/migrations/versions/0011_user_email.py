"""user e-mail: where reminders and the monthly brief go, and whether the user takes the brief

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 14:40:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('app_user') as batch:
        batch.add_column(sa.Column('email', sa.String(length=254), nullable=True))
        batch.add_column(
            sa.Column('brief_subscribed', sa.Boolean(), nullable=False, server_default=sa.true())
        )


def downgrade() -> None:
    with op.batch_alter_table('app_user') as batch:
        batch.drop_column('brief_subscribed')
        batch.drop_column('email')

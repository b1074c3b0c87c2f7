"""user language: each user's choice of interface language, 'da' (default) or 'en' (Min konto)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 17:30:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('app_user', schema=None) as batch:
        batch.add_column(
            sa.Column(
                'language',
                sqlmodel.sql.sqltypes.AutoString(length=2),
                nullable=False,
                server_default='da',
            )
        )


def downgrade() -> None:
    with op.batch_alter_table('app_user', schema=None) as batch:
        batch.drop_column('language')

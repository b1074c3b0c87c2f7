"""public view: a partnership may publish its public statistics and a summary (dataio.public)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 16:00:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('partnership', schema=None) as batch:
        batch.add_column(
            sa.Column('published', sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column(
                'published_summary',
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default='',
            )
        )
        batch.add_column(
            sa.Column('published_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch.add_column(
            sa.Column('published_by', sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('partnership', schema=None) as batch:
        batch.drop_column('published_by')
        batch.drop_column('published_at')
        batch.drop_column('published_summary')
        batch.drop_column('published')

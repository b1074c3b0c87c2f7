"""offences: other STRAF11 offence codes (business burglary 1310 and any chosen) per quarter

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 17:10:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'offence_quarter',
        sa.Column('municipality_code', sa.Integer(), nullable=False),
        sa.Column('offence', sa.Integer(), nullable=False),
        sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
        sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('quarter', sa.Integer(), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('provisional', sa.Boolean(), nullable=False),
        sa.Column('is_demo', sa.Boolean(), nullable=False),
        sa.Column('source_id', sa.Integer(), nullable=False),
        sa.Column('imported_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['municipality_code'], ['municipality.code']),
        sa.ForeignKeyConstraint(['source_id'], ['data_source.id']),
        sa.PrimaryKeyConstraint('municipality_code', 'offence', 'period'),
    )
    with op.batch_alter_table('offence_quarter', schema=None) as batch:
        batch.create_index('ix_offence_quarter_source_id', ['source_id'], unique=False)
        batch.create_index('ix_offence_quarter_year', ['year'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('offence_quarter', schema=None) as batch:
        batch.drop_index('ix_offence_quarter_year')
        batch.drop_index('ix_offence_quarter_source_id')
    op.drop_table('offence_quarter')

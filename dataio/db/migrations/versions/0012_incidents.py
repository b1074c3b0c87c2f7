"""incidents: the police's own extract of reported residential burglaries (positions in UTM32)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 14:30:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('incident',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_code', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('x', sa.Float(), nullable=False),
    sa.Column('y', sa.Float(), nullable=False),
    sa.Column('time_of_day', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True),
    sa.Column('offence', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipality.code'], ),
    sa.ForeignKeyConstraint(['import_id'], ['data_source.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.create_index('ix_incident_municipality_day', ['municipality_code', 'day'], unique=False)
        batch_op.create_index(batch_op.f('ix_incident_import_id'), ['import_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_import_id'))
        batch_op.drop_index('ix_incident_municipality_day')
    op.drop_table('incident')

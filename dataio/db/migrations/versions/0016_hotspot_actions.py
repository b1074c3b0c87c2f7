"""hotspot actions: the proposals taken from the Hotspots page, linked to what they wrote

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 15:00:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hotspot_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_code', sa.Integer(), nullable=False),
    sa.Column('cell', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('proposal', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('action_day', sa.Date(), nullable=False),
    sa.Column('action_item_id', sa.Integer(), nullable=True),
    sa.Column('activity_id', sa.Integer(), nullable=True),
    sa.Column('walk_id', sa.Integer(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['action_item_id'], ['action_item.id'], ),
    sa.ForeignKeyConstraint(['activity_id'], ['recruitment_activity.id'], ),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipality.code'], ),
    sa.ForeignKeyConstraint(['walk_id'], ['safety_walk.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('hotspot_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hotspot_action_municipality_code'), ['municipality_code'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('hotspot_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hotspot_action_municipality_code'))
    op.drop_table('hotspot_action')

"""age structure: population and age groups per municipality and year (expected burglaries)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 11:30:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('age_structure_year',
    sa.Column('municipality_code', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('population', sa.Integer(), nullable=False),
    sa.Column('aged_15_24', sa.Integer(), nullable=False),
    sa.Column('aged_65_plus', sa.Integer(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipality.code'], ),
    sa.ForeignKeyConstraint(['source_id'], ['data_source.id'], ),
    sa.PrimaryKeyConstraint('municipality_code', 'year')
    )


def downgrade() -> None:
    op.drop_table('age_structure_year')

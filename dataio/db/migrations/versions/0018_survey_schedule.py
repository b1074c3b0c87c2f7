"""survey schedule: survey rounds as a process (dates, invitations, responses, reminders) and local
extra questions with their categories and counts per round (dataio.survey_rounds)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 17:10:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'survey_schedule',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('municipality_code', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('invitation_date', sa.Date(), nullable=False),
        sa.Column('reminder_dates', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('close_date', sa.Date(), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('invitations', sa.Integer(), nullable=True),
        sa.Column('responses', sa.Integer(), nullable=True),
        sa.Column('reminders_sent_on', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('changed_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('changed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('row_version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['municipality_code'], ['municipality.code']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('municipality_code', 'year'),
    )
    with op.batch_alter_table('survey_schedule', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_survey_schedule_municipality_code'), ['municipality_code'], unique=False
        )
    op.create_table(
        'local_survey_measure',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('municipality_code', sa.Integer(), nullable=False),
        sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('question', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['municipality_code'], ['municipality.code']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('municipality_code', 'code'),
    )
    with op.batch_alter_table('local_survey_measure', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_local_survey_measure_municipality_code'),
            ['municipality_code'],
            unique=False,
        )
    op.create_table(
        'local_survey_category',
        sa.Column('measure_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('label', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('in_share', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['measure_id'], ['local_survey_measure.id']),
        sa.PrimaryKeyConstraint('measure_id', 'position'),
    )
    op.create_table(
        'local_survey_answer',
        sa.Column('measure_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('changed_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('changed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['measure_id'], ['local_survey_measure.id']),
        sa.PrimaryKeyConstraint('measure_id', 'year', 'position'),
    )


def downgrade() -> None:
    op.drop_table('local_survey_answer')
    op.drop_table('local_survey_category')
    with op.batch_alter_table('local_survey_measure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_local_survey_measure_municipality_code'))
    op.drop_table('local_survey_measure')
    with op.batch_alter_table('survey_schedule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_schedule_municipality_code'))
    op.drop_table('survey_schedule')

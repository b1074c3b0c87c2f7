"""check-ins: item status updates, goal comments and status overrides, calendar-feed tokens

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 15:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "item_check_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("municipality_code", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("comment", sa.String(), nullable=False),
        sa.Column("new_due_date", sa.Date(), nullable=True),
        sa.Column("due_reason", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["action_item.id"]),
        sa.ForeignKeyConstraint(["municipality_code"], ["municipality.code"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_item_check_in_item_id", "item_check_in", ["item_id"])
    op.create_index("ix_item_check_in_municipality_code", "item_check_in", ["municipality_code"])
    op.create_table(
        "goal_check_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(), nullable=False),
        sa.Column("comment", sa.String(), nullable=False),
        sa.Column("override_status", sa.String(), nullable=True),
        sa.Column("override_reason", sa.String(), nullable=False),
        sa.Column("username", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["goal_id"], ["goal.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_goal_check_in_goal_id", "goal_check_in", ["goal_id"])
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(sa.Column("calendar_token_hash", sa.String(length=64), nullable=True))
        batch.create_index("ix_app_user_calendar_token_hash", ["calendar_token_hash"])


def downgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.drop_index("ix_app_user_calendar_token_hash")
        batch.drop_column("calendar_token_hash")
    op.drop_index("ix_goal_check_in_goal_id", table_name="goal_check_in")
    op.drop_table("goal_check_in")
    op.drop_index("ix_item_check_in_municipality_code", table_name="item_check_in")
    op.drop_index("ix_item_check_in_item_id", table_name="item_check_in")
    op.drop_table("item_check_in")

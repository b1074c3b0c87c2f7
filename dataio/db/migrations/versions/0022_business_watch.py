"""business watch: business neighbour-watch groups, their events and their safety walks

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07 17:30:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "business_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_code", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("area", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.Column("businesses_checked", sa.Integer(), nullable=False),
        sa.Column("contact", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("changed_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("changed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("members >= 0", name="ck_business_group_members"),
        sa.CheckConstraint(
            "businesses_checked >= 0 AND businesses_checked <= members",
            name="ck_business_group_checked",
        ),
        sa.ForeignKeyConstraint(["municipality_code"], ["municipality.code"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("business_group", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_business_group_municipality_code"), ["municipality_code"], unique=False
        )

    op.create_table(
        "business_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("changed_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("changed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["business_group.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("business_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_business_event_group_id"), ["group_id"], unique=False)

    op.create_table(
        "business_group_walk",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("walk_id", sa.Integer(), nullable=False),
        sa.Column("changed_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("changed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["business_group.id"]),
        sa.ForeignKeyConstraint(["walk_id"], ["safety_walk.id"]),
        sa.PrimaryKeyConstraint("group_id", "walk_id"),
    )
    with op.batch_alter_table("business_group_walk", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_business_group_walk_walk_id"), ["walk_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("business_group_walk", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_business_group_walk_walk_id"))
    op.drop_table("business_group_walk")
    with op.batch_alter_table("business_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_business_event_group_id"))
    op.drop_table("business_event")
    with op.batch_alter_table("business_group", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_business_group_municipality_code"))
    op.drop_table("business_group")

"""pin a configured @username to the Telegram account it named when first seen in the group

A username can be given up and taken by someone else. A secretary configured as "@name" is
the account that held the name when the bot first saw it in the team's group (or linking the
group); a later holder of the name is nobody.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "secretary_pins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("pinned_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_secretary_pins_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_secretary_pins")),
        sa.UniqueConstraint("team_id", "username", name=op.f("uq_secretary_pins_team_id")),
    )


def downgrade() -> None:
    op.drop_table("secretary_pins")

"""remember the Telegram messages whose command changed something

A command Telegram delivers twice (the bot stopped after saving it, before Telegram heard
it was handled) must not change anything the second time: /agenderen would add the item
again, /corrigeer another version, and an /ot command could undo a later one.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handled_messages",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_handled_messages")),
    )


def downgrade() -> None:
    op.drop_table("handled_messages")

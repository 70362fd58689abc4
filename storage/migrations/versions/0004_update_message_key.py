"""updates remember the Telegram message they came from

A message Telegram delivers twice (the bot stopped after saving it, before Telegram heard
it was handled) must not add the same update twice.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("action_updates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_key", sa.String(length=40), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_action_updates_message_key"), ["message_key"], unique=True
        )


def downgrade() -> None:
    with op.batch_alter_table("action_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_updates_message_key"))
        batch_op.drop_column("message_key")

"""per-owner progress, recurring actions, guided adds and proposals

- action_owners.done_at / done_by_id: each owner of a joint action has their own state
  (open, claimed_at, done_at); the action is done when every owner is, or when the
  secretary closes it. A group owner ("OT") is one owner with one state.
- action_series + actions.series_id: a recurring action ("elke maand", "elk OT"). Each
  occurrence is an action row of its own (own number, due day, reminders, done state);
  closing one creates the next; `stopped_at` ends the series.
- conversations: the step a person is at in a guided flow (`/nieuw`), one per Telegram
  account, so that it survives a restart and times out at `expires_at`.
- proposals: an action a member (not a secretary) proposed through `/nieuw`; the secretary
  accepts (an action is created) or rejects it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("action_owners") as batch:
        batch.add_column(sa.Column("done_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("done_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_action_owners_done_by_id_members"), "members", ["done_by_id"], ["id"]
        )

    op.create_table(
        "action_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=60), nullable=False),
        sa.Column("text", sa.String(length=255), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("stopped_at", sa.DateTime(), nullable=True),
        sa.Column("stopped_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_action_series_team_id_teams")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["members.id"], name=op.f("fk_action_series_created_by_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["stopped_by_id"], ["members.id"], name=op.f("fk_action_series_stopped_by_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_series")),
    )
    op.create_index(op.f("ix_action_series_team_id"), "action_series", ["team_id"])
    with op.batch_alter_table("actions") as batch:
        batch.add_column(sa.Column("series_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_actions_series_id_action_series"), "action_series", ["series_id"], ["id"]
        )
        batch.create_index(op.f("ix_actions_series_id"), ["series_id"])

    op.create_table(
        "conversations",
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("step", sa.String(length=20), nullable=False),
        sa.Column("data", sa.Text(), nullable=False, server_default="{}"),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_conversations_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("telegram_id", name=op.f("pk_conversations")),
    )

    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.Text(), nullable=False, server_default=""),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owners_text", sa.Text(), nullable=False, server_default=""),
        sa.Column("deadline_text", sa.String(length=255), nullable=False, server_default=""),
        # pending -> accepted | rejected | withdrawn
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_proposals_team_id_teams")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["members.id"], name=op.f("fk_proposals_author_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["members.id"], name=op.f("fk_proposals_decided_by_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["action_id"], ["actions.id"], name=op.f("fk_proposals_action_id_actions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposals")),
    )
    op.create_index(op.f("ix_proposals_team_id"), "proposals", ["team_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_proposals_team_id"), table_name="proposals")
    op.drop_table("proposals")
    op.drop_table("conversations")
    with op.batch_alter_table("actions") as batch:
        batch.drop_index(op.f("ix_actions_series_id"))
        batch.drop_constraint(op.f("fk_actions_series_id_action_series"), type_="foreignkey")
        batch.drop_column("series_id")
    op.drop_index(op.f("ix_action_series_team_id"), table_name="action_series")
    op.drop_table("action_series")
    with op.batch_alter_table("action_owners") as batch:
        batch.drop_constraint(op.f("fk_action_owners_done_by_id_members"), type_="foreignkey")
        batch.drop_column("done_by_id")
        batch.drop_column("done_at")

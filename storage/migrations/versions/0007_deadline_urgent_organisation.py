"""remember what a "Wanneer" and a "Wie" say beyond a date and a name

- actions.deadline_urgent: "ASAP, voor 15 juni" is a date written with urgency; the date
  decides the reminders, the card says both.
- members.organisation: "Moustapha (SAAAM)" is Moustapha of SAAAM; the organisation is kept
  with the person, not as part of the name.
- meetings.day_estimated: a tentative OT created for "OT mei" has no day of its own yet; it
  takes the day the secretary plans in that month.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("actions") as batch:
        batch.add_column(
            sa.Column("deadline_urgent", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("members") as batch:
        batch.add_column(
            sa.Column("organisation", sa.String(length=255), nullable=False, server_default="")
        )
    with op.batch_alter_table("meetings") as batch:
        batch.add_column(
            sa.Column("day_estimated", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("meetings") as batch:
        batch.drop_column("day_estimated")
    with op.batch_alter_table("members") as batch:
        batch.drop_column("organisation")
    with op.batch_alter_table("actions") as batch:
        batch.drop_column("deadline_urgent")

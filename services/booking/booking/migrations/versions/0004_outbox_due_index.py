"""outbox: unsent rows in sequence order, so a relay's batch walks only them (sent rows stay for a week)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 14:30:00
"""
from alembic import op

from rapport_shared.outbox import add_due_index, drop_due_index

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    add_due_index(op)


def downgrade() -> None:
    drop_due_index(op)

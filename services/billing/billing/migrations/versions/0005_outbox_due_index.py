"""outbox: unsent rows in sequence order, so a relay's batch walks only them (sent rows stay for a week)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 14:30:00
"""
from alembic import op

from rapport_shared.outbox import add_due_index, drop_due_index

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    add_due_index(op)


def downgrade() -> None:
    drop_due_index(op)

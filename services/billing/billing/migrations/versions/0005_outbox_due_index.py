"""outbox: unsent rows in sequence order, so a relay's batch walks only them (sent rows stay for a week)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 14:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_outbox_due', 'outbox', ['seq'], unique=False,
                    postgresql_where=sa.text('sent_at IS NULL'), sqlite_where=sa.text('sent_at IS NULL'))


def downgrade() -> None:
    op.drop_index('ix_outbox_due', table_name='outbox')

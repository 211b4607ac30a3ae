"""therapists: an index in `sort=fee` order, so a broad fee-sorted page reads from it instead of sorting all

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 14:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_therapists_fee', 'therapists', ['status', sa.text('coalesce(self_pay_fee_cents, 1000000000)')])


def downgrade() -> None:
    op.drop_index('ix_therapists_fee', table_name='therapists')

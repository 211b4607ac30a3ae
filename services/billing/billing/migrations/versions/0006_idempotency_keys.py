"""idempotency keys: the first answer to a payment posted with an Idempotency-Key, per practice, kept a day

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 12:00:00
"""
import sqlalchemy as sa
from alembic import op

from rapport_shared.db import UTCDateTime

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'idempotency_keys',
        sa.Column('practice_id', sa.String(length=36), nullable=False),
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('request_hash', sa.String(length=64), nullable=False),
        sa.Column('status_code', sa.Integer(), nullable=False),
        sa.Column('response', sa.JSON(), nullable=False),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('practice_id', 'key'),
    )


def downgrade() -> None:
    op.drop_table('idempotency_keys')

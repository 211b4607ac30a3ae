"""summary_slots: each held availability summary's free slot starts as rows, for soonest and accepting

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 14:50:00
"""
import json

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    slots = op.create_table(
        'summary_slots',
        sa.Column('therapist_id', sa.String(length=36), nullable=False),
        sa.Column('starts_at', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('therapist_id', 'starts_at'),
    )
    op.create_index('ix_summary_slots_starts_at', 'summary_slots', ['starts_at', 'therapist_id'])
    held = op.get_bind().execute(sa.text("SELECT therapist_id, next_slots FROM availability_summaries")).all()
    rows = [{"therapist_id": therapist_id, "starts_at": start}
            for therapist_id, starts in held
            for start in sorted(set(json.loads(starts) if isinstance(starts, str) else starts or []))]
    if rows:
        op.bulk_insert(slots, rows)


def downgrade() -> None:
    op.drop_index('ix_summary_slots_starts_at', table_name='summary_slots')
    op.drop_table('summary_slots')

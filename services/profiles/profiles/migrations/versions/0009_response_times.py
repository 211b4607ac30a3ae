"""response_times: each therapist's typical time to answer, kept as answers arrive, filled from those held

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 15:00:00
"""
import datetime as dt
import statistics

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

WINDOW, MIN_ANSWERS = 50, 3  # as profiles.domain.response_times had them when this was written


def upgrade() -> None:
    op.create_index('ix_screening_answers_latest', 'screening_answers', ['therapist_id', 'answered_at'])
    times = op.create_table(
        'response_times',
        sa.Column('therapist_id', sa.String(length=36), nullable=False),
        sa.Column('typical_hours', sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint('therapist_id'),
    )
    answers = op.get_bind().execute(sa.text(
        "SELECT therapist_id, requested_at, answered_at FROM screening_answers "
        "WHERE requested_at IS NOT NULL AND answered_at IS NOT NULL "
        "ORDER BY therapist_id, answered_at DESC, consultation_id DESC")).all()
    latest: dict[str, list[float]] = {}
    for therapist_id, requested_at, answered_at in answers:
        hours = latest.setdefault(therapist_id, [])
        if len(hours) < WINDOW:
            hours.append(max(0.0, (_moment(answered_at) - _moment(requested_at)).total_seconds() / 3600))
    rows = [{"therapist_id": therapist_id,
             "typical_hours": round(statistics.median(hours), 1) if len(hours) >= MIN_ANSWERS else None}
            for therapist_id, hours in latest.items()]
    if rows:
        op.bulk_insert(times, rows)


def _moment(value):
    """A stored time as read back: a datetime on PostgreSQL, ISO text on SQLite."""
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def downgrade() -> None:
    op.drop_table('response_times')
    op.drop_index('ix_screening_answers_latest', table_name='screening_answers')

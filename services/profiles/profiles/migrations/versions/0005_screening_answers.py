"""screening answers: each screening request's asking and answering times, for the typical time to answer

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 09:20:00
"""
import sqlalchemy as sa
from alembic import op

import rapport_shared.db

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('screening_answers',
    sa.Column('consultation_id', sa.String(length=36), nullable=False),
    sa.Column('therapist_id', sa.String(length=36), nullable=False),
    sa.Column('requested_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('answered_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('expired', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('consultation_id')
    )
    op.create_index(op.f('ix_screening_answers_therapist_id'), 'screening_answers', ['therapist_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_screening_answers_therapist_id'), table_name='screening_answers')
    op.drop_table('screening_answers')

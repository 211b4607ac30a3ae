"""practices: the practices profiles announced, so clients are registered only in a practice that exists

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 08:40:00
"""
import sqlalchemy as sa
from alembic import op

import rapport_shared.db

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('practices',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('announced_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('practices')

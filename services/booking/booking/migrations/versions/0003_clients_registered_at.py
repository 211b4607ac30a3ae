"""clients.registered_at: screening-call prospects are not announced to billing

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 08:10:00
"""
import sqlalchemy as sa
from alembic import op

import rapport_shared.db

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registered_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=True))
    # Every client so far was announced to billing when created: they count as registered then.
    op.execute("UPDATE clients SET registered_at = created_at")


def downgrade() -> None:
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_column('registered_at')

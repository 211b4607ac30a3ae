"""what was sent stays as sent: claims' 837P interchanges, 835 files and insurers' message bodies as received

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 09:00:00
"""
import sqlalchemy as sa
from alembic import op

from rapport_shared.db import UTCDateTime

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'claim_interchanges',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('claim_id', sa.String(length=36), nullable=False),
        sa.Column('purpose', sa.String(length=10), nullable=False),
        sa.Column('x12', sa.Text(), nullable=False),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_claim_interchanges_claim_id', 'claim_interchanges', ['claim_id'])
    op.create_table(
        'remittances',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('sender', sa.String(length=200), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('received_at', UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('insurer_answers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('received', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('remittance_id', sa.String(length=36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('insurer_answers', schema=None) as batch_op:
        batch_op.drop_column('remittance_id')
        batch_op.drop_column('received')
    op.drop_table('remittances')
    op.drop_index('ix_claim_interchanges_claim_id', table_name='claim_interchanges')
    op.drop_table('claim_interchanges')

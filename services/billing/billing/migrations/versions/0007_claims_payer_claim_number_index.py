"""claims: an index on the payer's claim number, by which an 835 names a claim its control number does not find

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 12:00:00
"""
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_claims_payer_claim_number', 'claims', ['payer_claim_number'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_claims_payer_claim_number', table_name='claims')

"""coverage and charge versions: saved only if unchanged since loaded

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 08:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ('coverages', 'charges'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))


def downgrade() -> None:
    for table in ('charges', 'coverages'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')

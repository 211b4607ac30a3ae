"""directory: an `insurer:<slug>` term for each insurer a published therapist takes

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 02:00:00

The insurer filter and its facet counts now find an insurer by its own term rather than by one payer id,
because one insurer may be billed under several (Medicare: each state's contractor) and a therapist who holds
two of them must count once. Kept from now on by every publish and edit. The payer ids are read from the
vocabulary: it only grows, and a renamed insurer keeps its old slug as an alias.
"""
from alembic import op

from profiles.domain.taxonomy import INSURER_BY_PAYER_ID
from profiles.migrations.directory_terms import add_terms, drop_terms

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

PREFIX = "insurer:"


def upgrade() -> None:
    add_terms(op.get_bind(), "payer_ids", lambda payer_ids: [
        f"{PREFIX}{INSURER_BY_PAYER_ID[p].slug}" for p in payer_ids or [] if p in INSURER_BY_PAYER_ID])


def downgrade() -> None:
    drop_terms(op.get_bind(), PREFIX)

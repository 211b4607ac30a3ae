"""directory: a `statement:<specialty>` term for each specialty a published therapist wrote about

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 09:00:00

Specialty pages feature therapists who wrote a statement for the specialty; the directory finds
them by this term (kept from now on by every publish and edit). Written out here and in
`profiles.migrations.directory_terms`, not imported from the search code, so the migration means the same thing
whatever that code becomes.
"""
from alembic import op

from profiles.migrations.directory_terms import add_terms, drop_terms

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

PREFIX = "statement:"


def upgrade() -> None:
    add_terms(op.get_bind(), "specialty_statements", lambda statements: [
        f"{PREFIX}{slug}" for slug, text in (statements or {}).items() if text and text.strip()])


def downgrade() -> None:
    drop_terms(op.get_bind(), PREFIX)

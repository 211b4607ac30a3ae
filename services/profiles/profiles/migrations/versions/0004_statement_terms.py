"""directory: a `statement:<specialty>` term for each specialty a published therapist wrote about

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 09:00:00

Specialty pages feature therapists who wrote a statement for the specialty; the directory finds
them by this term (kept from now on by every publish and edit). Written out here, not imported, so
the migration means the same thing whatever the search code becomes.
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

PREFIX = "statement:"


def _tables(bind):
    terms_type = postgresql.ARRAY(sa.String(80)) if bind.dialect.name == "postgresql" else sa.JSON()
    therapists = sa.table("therapists", sa.column("id", sa.String), sa.column("status", sa.String),
                          sa.column("specialty_statements", sa.JSON), sa.column("terms", terms_type))
    directory_terms = sa.table("directory_terms", sa.column("term", sa.String), sa.column("therapist_id", sa.String))
    return therapists, directory_terms


def upgrade() -> None:
    bind = op.get_bind()
    therapists, directory_terms = _tables(bind)
    listed = bind.execute(sa.select(therapists).where(therapists.c.status == "published")).mappings().all()
    for row in listed:
        wrote = sorted(f"{PREFIX}{slug}" for slug, text in (row["specialty_statements"] or {}).items()
                       if text and text.strip())
        held = list(row["terms"] or [])
        new = [term for term in wrote if term not in held]
        if not new:
            continue
        bind.execute(sa.update(therapists).where(therapists.c.id == row["id"]).values(terms=sorted(held + new)))
        bind.execute(sa.insert(directory_terms), [{"term": term, "therapist_id": row["id"]} for term in new])


def downgrade() -> None:
    bind = op.get_bind()
    therapists, directory_terms = _tables(bind)
    bind.execute(sa.delete(directory_terms).where(directory_terms.c.term.like(f"{PREFIX}%")))
    for row in bind.execute(sa.select(therapists.c.id, therapists.c.terms)).mappings().all():
        kept = [term for term in row["terms"] or [] if not term.startswith(PREFIX)]
        if kept != list(row["terms"] or []):
            bind.execute(sa.update(therapists).where(therapists.c.id == row["id"]).values(terms=kept))

"""directory: an `insurer:<slug>` term for each insurer a published therapist takes

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 02:00:00

The insurer filter and its facet counts now find an insurer by its own term rather than by one payer id,
because one insurer may be billed under several (Medicare: each state's contractor) and a therapist who holds
two of them must count once. Kept from now on by every publish and edit. The payer ids are read from the
vocabulary: it only grows, and a renamed insurer keeps its old slug as an alias.
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from profiles.domain.taxonomy import INSURER_BY_PAYER_ID

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

PREFIX = "insurer:"


def _tables(bind):
    terms_type = postgresql.ARRAY(sa.String(80)) if bind.dialect.name == "postgresql" else sa.JSON()
    therapists = sa.table("therapists", sa.column("id", sa.String), sa.column("status", sa.String),
                          sa.column("payer_ids", sa.JSON), sa.column("terms", terms_type))
    directory_terms = sa.table("directory_terms", sa.column("term", sa.String), sa.column("therapist_id", sa.String))
    return therapists, directory_terms


def upgrade() -> None:
    bind = op.get_bind()
    therapists, directory_terms = _tables(bind)
    listed = bind.execute(sa.select(therapists).where(therapists.c.status == "published")).mappings().all()
    for row in listed:
        takes = sorted({f"{PREFIX}{INSURER_BY_PAYER_ID[p].slug}" for p in row["payer_ids"] or []
                        if p in INSURER_BY_PAYER_ID})
        held = list(row["terms"] or [])
        new = [term for term in takes if term not in held]
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

"""vocabulary 2026-11.2: renamed terms rewritten to their successors on stored profiles

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 08:20:00

The vocabulary resolves old slugs on every write and filter; this brings stored profiles and the
directory's search terms up to date so reads and filters agree. The renames are written out here,
not imported, so the migration means the same thing whatever the vocabulary becomes.
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# profile column, directory term prefix, {old slug: successor}
RENAMED = [
    ("issues", "issue", {"chronic-pain-or-illness": "chronic-illness"}),
    ("identities", "identity", {"latinx": "hispanic-latino"}),
    ("languages", "language", {"zh": "cmn"}),
]


def _rewrite(renames: list[tuple[str, str, dict[str, str]]]) -> None:
    bind = op.get_bind()
    terms_type = postgresql.ARRAY(sa.String(80)) if bind.dialect.name == "postgresql" else sa.JSON()
    therapists = sa.table("therapists", sa.column("id", sa.String), sa.column("issues", sa.JSON),
                          sa.column("identities", sa.JSON), sa.column("languages", sa.JSON),
                          sa.column("terms", terms_type))
    directory_terms = sa.table("directory_terms", sa.column("term", sa.String), sa.column("therapist_id", sa.String))
    term_renames = {f"{prefix}:{old}": f"{prefix}:{new}" for _, prefix, pairs in renames for old, new in pairs.items()}
    for row in bind.execute(sa.select(therapists)).mappings().all():
        changes = {}
        for column, _prefix, pairs in renames:
            values = row[column] or []
            renamed = list(dict.fromkeys(pairs.get(v, v) for v in values))
            if renamed != values:
                changes[column] = renamed
        terms = list(row["terms"] or [])
        renamed_terms = sorted(set(term_renames.get(t, t) for t in terms))
        if renamed_terms != sorted(terms):
            changes["terms"] = renamed_terms
        if changes:
            bind.execute(sa.update(therapists).where(therapists.c.id == row["id"]).values(**changes))
    for old, new in term_renames.items():
        holders = sa.select(directory_terms.c.therapist_id).where(directory_terms.c.term == new).scalar_subquery()
        # A profile that had both the old and the new term keeps one row.
        bind.execute(sa.delete(directory_terms).where(directory_terms.c.term == old,
                                                      directory_terms.c.therapist_id.in_(holders)))
        bind.execute(sa.update(directory_terms).where(directory_terms.c.term == old).values(term=new))


def upgrade() -> None:
    _rewrite(RENAMED)


def downgrade() -> None:
    _rewrite([(column, prefix, {new: old for old, new in pairs.items()}) for column, prefix, pairs in RENAMED])

"""What the data migrations that add a kind of directory term share: derive the terms from each published therapist's
row and store them beside those held, or drop them again. Kept as it is once a migration uses it, so each migration
means the same thing whatever the search code becomes."""
from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


def _tables(bind, source: str, source_type) -> tuple[sa.TableClause, sa.TableClause]:
    terms_type = postgresql.ARRAY(sa.String(80)) if bind.dialect.name == "postgresql" else sa.JSON()
    therapists = sa.table("therapists", sa.column("id", sa.String), sa.column("status", sa.String),
                          sa.column(source, source_type), sa.column("terms", terms_type))
    directory_terms = sa.table("directory_terms", sa.column("term", sa.String), sa.column("therapist_id", sa.String))
    return therapists, directory_terms


def add_terms(bind, source: str, derive: Callable[[object], list[str]]) -> None:
    """Give every published therapist the terms `derive` finds in their `source` column (a JSON column)."""
    therapists, directory_terms = _tables(bind, source, sa.JSON)
    listed = bind.execute(sa.select(therapists).where(therapists.c.status == "published")).mappings().all()
    for row in listed:
        held = list(row["terms"] or [])
        new = [term for term in sorted(set(derive(row[source]))) if term not in held]
        if not new:
            continue
        bind.execute(sa.update(therapists).where(therapists.c.id == row["id"]).values(terms=sorted(held + new)))
        bind.execute(sa.insert(directory_terms), [{"term": term, "therapist_id": row["id"]} for term in new])


def drop_terms(bind, prefix: str) -> None:
    """Take every term starting with `prefix` off every therapist."""
    therapists, directory_terms = _tables(bind, "id", sa.String)
    bind.execute(sa.delete(directory_terms).where(directory_terms.c.term.like(f"{prefix}%")))
    for row in bind.execute(sa.select(therapists.c.id, therapists.c.terms)).mappings().all():
        kept = [term for term in row["terms"] or [] if not term.startswith(prefix)]
        if kept != list(row["terms"] or []):
            bind.execute(sa.update(therapists).where(therapists.c.id == row["id"]).values(terms=kept))

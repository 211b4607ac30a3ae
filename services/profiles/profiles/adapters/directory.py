"""The published directory's search tables: kept in step with profiles, queried by search and matching."""
from __future__ import annotations

from typing import Any

from sqlalchemy import String, cast, func, insert, literal, select, tuple_, update
from sqlalchemy.dialects.postgresql import ARRAY, array
from sqlalchemy.orm import Session

from ..domain.geo import bounding_box, max_chord_squared, unit_vector
from ..domain.search import Position, SearchQuery, profile_terms
from ..domain.therapists import PUBLISHED, Therapist
from . import orm
from .repositories import TherapistRepository, clear_directory

t, terms, locations = orm.therapists, orm.directory_terms, orm.directory_locations
# The tsvector and terms are for matching only, never read back.
PROFILE_COLUMNS = [c for c in t.c if c.name not in ("search_document", "terms")]


def _term_array(values: list[str]):
    return cast(array(values, type_=String(80)), ARRAY(String(80)))


class Directory:
    def __init__(self, session: Session, therapists: TherapistRepository):
        self.session = session
        self.therapists = therapists

    @property
    def is_postgres(self) -> bool:
        return self.session.get_bind().dialect.name == "postgresql"

    def sync(self, therapist: Therapist, licensed_states: list[str]) -> None:
        """Rewrite the therapist's search rows: present while published, gone otherwise."""
        clear_directory(self.session, therapist.id)
        listed = therapist.status == PUBLISHED
        found = sorted(profile_terms(therapist) | {f"state:{s}" for s in licensed_states}) if listed else []
        self.session.execute(update(t).where(t.c.id == therapist.id).values(terms=found))
        if not listed:
            return
        if found:
            self.session.execute(insert(terms), [{"term": term, "therapist_id": therapist.id} for term in found])
        places = [loc for loc in therapist.locations if loc.get("lat") is not None]
        if places:
            self.session.execute(insert(locations), [
                {"therapist_id": therapist.id, "lat": p["lat"], "lon": p["lon"],
                 **dict(zip("xyz", unit_vector(p["lat"], p["lon"]), strict=True))} for p in places
            ])

    # -- search -------------------------------------------------------------------------------------
    def _conditions(self, query: SearchQuery) -> list:
        conditions = [t.c.status == PUBLISHED]
        if query.terms and self.is_postgres:
            # One GIN lookup intersects every filter's posting list.
            conditions.append(t.c.terms.op("@>")(_term_array(list(query.terms))))
        elif query.terms:
            for term in query.terms:
                conditions.append(select(terms.c.term).where(terms.c.term == term,
                                                             terms.c.therapist_id == t.c.id).exists())
        if query.accepting is not None:
            conditions.append(t.c.accepting_new_clients == query.accepting)
        if query.words:
            if self.is_postgres:
                tsquery = " & ".join(f"{w}:*" for w in query.words)  # words are [a-z0-9]+ only
                conditions.append(t.c.search_document.op("@@")(func.to_tsquery("simple", tsquery)))
            else:
                for word in query.words:
                    conditions.append((literal(" ") + t.c.search_document).like(f"% {word}%"))
        if query.near is not None:
            near = query.near
            box = bounding_box(near.lat, near.lon, near.radius_km)
            x0, y0, z0 = unit_vector(near.lat, near.lon)
            chord2 = ((locations.c.x - x0) * (locations.c.x - x0) + (locations.c.y - y0) * (locations.c.y - y0)
                      + (locations.c.z - z0) * (locations.c.z - z0))
            conditions.append(select(locations.c.id).where(
                locations.c.therapist_id == t.c.id,
                locations.c.lat.between(box.min_lat, box.max_lat),
                locations.c.lon.between(box.min_lon, box.max_lon),
                chord2 <= max_chord_squared(near.radius_km),
            ).exists())
        return conditions

    def search(self, query: SearchQuery, position: Position, limit: int,
               extra: tuple = ()) -> list[tuple[Therapist, int]]:
        """Up to `limit` published therapists after `position`, round the wheel from its salt.

        Two index-ordered range scans (from the salt to the top, then from zero to the salt), so a
        broad query stops after `limit` rows instead of sorting every match.
        """
        found: list[tuple[Therapist, int]] = []
        conditions = self._conditions(query) + list(extra)
        segment, after = position.segment, (position.shuffle, position.id)
        while segment < 2 and len(found) < limit:
            in_segment = t.c.shuffle >= position.salt if segment == 0 else t.c.shuffle < position.salt
            stmt = select(*PROFILE_COLUMNS).where(*conditions, in_segment)
            if after[0] >= 0:
                stmt = stmt.where(tuple_(t.c.shuffle, t.c.id) > after)
            rows = self.session.execute(stmt.order_by(t.c.shuffle, t.c.id).limit(limit - len(found))).all()
            found += [(self.therapists._from_row(r), segment) for r in rows]
            segment, after = segment + 1, (-1, "")
        return found

    def candidates(self, any_terms: list[str], query: SearchQuery, salt: int, limit: int) -> list[Therapist]:
        """Published therapists matching `query` and, if given, at least one of `any_terms`."""
        extra: list[Any] = []
        if any_terms and self.is_postgres:
            extra.append(t.c.terms.op("&&")(_term_array(any_terms)))
        elif any_terms:
            extra.append(select(terms.c.term).where(terms.c.term.in_(any_terms),
                                                    terms.c.therapist_id == t.c.id).exists())
        # Start anywhere on the wheel so a big pool is sampled fairly, not always its first rows.
        return [tp for tp, _ in self.search(query, Position(salt), limit, tuple(extra))]

    def with_specialty(self, slug: str, salt: int, limit: int) -> list[Therapist]:
        return [tp for tp, _ in self.search(SearchQuery(terms=(f"specialty:{slug}",)), Position(salt), limit)]

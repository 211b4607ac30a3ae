"""The published directory's search tables: kept in step with profiles, queried by search and matching."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    Integer,
    String,
    and_,
    any_,
    case,
    cast,
    func,
    insert,
    literal,
    not_,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, array
from sqlalchemy.orm import Session

from rapport_shared.db import utcnow
from rapport_shared.keyset import keyset_query

from ..domain.geo import bounding_box, max_chord_squared, unit_vector
from ..domain.search import (
    NO_SLOT,
    OPENINGS_HORIZON,
    WHEEL,
    Near,
    Position,
    SearchQuery,
    profile_terms,
    row_order,
    wheel_place,
)
from ..domain.therapists import PUBLISHED, Therapist
from . import orm
from .repositories import TherapistRepository, clear_directory

t, terms, locations = orm.therapists, orm.directory_terms, orm.directory_locations
# The tsvector and terms are for matching only, never read back.
PROFILE_COLUMNS = [c for c in t.c if c.name not in ("search_document", "terms")]
# A match candidate carries what ranking and the answer read: its statements, licence details and
# history stay behind (a match reads hundreds of candidates, and every JSON column is parsed).
CANDIDATE_COLUMNS = [c for c in PROFILE_COLUMNS if c.name not in (
    "approach_statement", "specialty_statements", "teletherapy_states", "status_reason", "npi", "taxonomy_code",
    "supervisor_id", "sliding_scale_min_cents", "published_at")]
# Offices only give a distance, asked of an in-person match: otherwise the largest JSON a candidate would carry.
CANDIDATE_COLUMNS_NOT_NEAR = [c for c in CANDIDATE_COLUMNS if c.name != "locations"]


# Up to this many matches, `sort=soonest` looks up each one's next slot and sorts them (at 100k therapists
# 5 ms for ~1,000); beyond, it walks the slots in time order (a broad page 680 -> 6 ms), which for a
# narrow query would pass thousands of other therapists' slots first (46 ms).
SORTED_WHOLE = 2000


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
    def _has_any(self, wanted: list[str]):
        if self.is_postgres:
            return t.c.terms.op("&&")(_term_array(wanted))
        return select(terms.c.term).where(terms.c.term.in_(wanted), terms.c.therapist_id == t.c.id).exists()

    def _has_all(self, wanted: list[str]) -> list:
        if self.is_postgres:  # one GIN lookup intersects every term's posting list
            return [t.c.terms.op("@>")(_term_array(wanted))] if wanted else []
        return [select(terms.c.term).where(terms.c.term == term, terms.c.therapist_id == t.c.id).exists()
                for term in wanted]

    @staticmethod
    def _free_slots(now: dt.datetime):
        """The therapist's free slot starts after `now` (correlated to the therapist), and the start column.
        Starts are UTC ISO-8601 text: text order is time order."""
        s = orm.summary_slots.alias("free")  # apart from the slots `_soonest` walks, which it must not correlate to
        return s.c.starts_at, select(s.c.starts_at).where(s.c.therapist_id == t.c.id, s.c.starts_at > _iso(now))

    def _conditions(self, query: SearchQuery, openings: bool = True) -> list:
        """The query as SQL conditions; without `openings`, all but the free-slot lookup (a cheap superset)."""
        conditions = [t.c.status == PUBLISHED]
        single = [group[0] for _, group in query.filters if len(group) == 1]
        conditions += self._has_all(sorted({*query.terms, *single}))
        conditions += [self._has_any(list(group)) for _, group in query.filters if len(group) > 1]
        if query.accepting is not None:
            conditions.append(t.c.accepting_new_clients == query.accepting)
        if query.openings is not None and openings:
            now = query.now or utcnow()
            start, slots = self._free_slots(now)
            opening = slots.where(start < _iso(now + OPENINGS_HORIZON)).exists()
            open_now = and_(t.c.accepting_new_clients.is_(True), opening)
            conditions.append(open_now if query.openings else not_(open_now))
        if query.max_fee_cents is not None:
            conditions.append(t.c.self_pay_fee_cents <= query.max_fee_cents)
        if query.sliding_scale is not None:
            conditions.append(t.c.sliding_scale == query.sliding_scale)
        if query.words:
            if self.is_postgres:
                conditions.append(t.c.search_document.op("@@")(_tsquery(query.words)))
            else:
                for word in query.words:
                    conditions.append((literal(" ") + t.c.search_document).like(f"% {word}%"))
        if query.near is not None:
            if self.is_postgres:
                # The offices in range as one array of ids, looked up in one index scan: at 100k therapists
                # 4 ms, where a correlated EXISTS planned a nested loop over every office in range (23 ms).
                offices = select(locations.c.therapist_id).where(*_in_range(query.near))
                conditions.append(t.c.id == any_(func.array(offices.scalar_subquery())))
            else:
                conditions.append(select(locations.c.id).where(*self._within(query.near)).exists())
        return conditions

    def _within(self, near: Near) -> list:
        return [locations.c.therapist_id == t.c.id, *_in_range(near)]

    def _sort_columns(self, query: SearchQuery, sort: str, salt: int) -> dict[str, Any]:
        """The SQL expression of each key of `sort`'s row order."""
        columns: dict[str, Any] = {
            # Round the wheel from the salt, in 64 bits: WHEEL itself does not fit a 32-bit integer.
            "wheel": case((t.c.shuffle >= salt, t.c.shuffle - salt),
                          else_=cast(t.c.shuffle, BigInteger) + literal(WHEEL - salt, BigInteger)),
            "id": t.c.id,
        }
        if sort == "relevance":
            columns["rank"] = self._rank(query.words)
        elif sort == "distance" and query.near is not None:
            columns["distance"] = select(func.min(_chord2(query.near))).where(*self._within(query.near)) \
                .scalar_subquery()
        elif sort == "soonest":
            start, slots = self._free_slots(query.now or utcnow())
            columns["next_slot"] = func.coalesce(slots.with_only_columns(func.min(start)).scalar_subquery(), NO_SLOT)
        elif sort == "fee":
            columns["fee"] = orm.FEE_ORDER
        return columns

    def _rank(self, words: tuple[str, ...]):
        """Relevance as a whole number, higher first: PostgreSQL's ts_rank; on SQLite, words found whole
        count twice, words found only as a prefix once."""
        if self.is_postgres:
            return cast(func.floor(func.ts_rank(t.c.search_document, _tsquery(words)) * 1_000_000), Integer)
        padded = literal(" ") + t.c.search_document + literal(" ")
        return sum((case((padded.like(f"% {w} %"), 2), else_=1) for w in words), literal(0))

    def search(self, query: SearchQuery, sort: str, salt: int, after: tuple | None,
               limit: int) -> list[tuple[Therapist, dict]]:
        """Up to `limit + 1` published therapists after `after` in `sort`'s row order, each with its sort
        keys; ties, and the default sort, run round the wheel from `salt`."""
        conditions = self._conditions(query)
        # Round the wheel by its index, unless a radius bounds the matches to the offices in range (a few
        # hundred at most): then one statement sorts them, where each of the wheel's two segments would
        # look every one of them up again (7 -> 4 ms at 100k).
        if sort == "rotation" and query.near is None:
            start = Position.after(salt, *after) if after else Position(salt)
            return self._round_the_wheel(conditions, start, limit + 1)
        columns = self._sort_columns(query, sort, salt)
        if sort == "soonest" and query.near is None and self._more_than(self._conditions(query, False), SORTED_WHOLE):
            return self._soonest(conditions, query.now or utcnow(), columns["wheel"], salt, after, limit + 1)
        order = row_order(sort)
        keys = [columns[k.name].label(f"sort_{k.name}") for k in order.keys]
        stmt = keyset_query(select(*PROFILE_COLUMNS, *keys).where(*conditions), order, columns, after, limit)
        return [(self.therapists._from_row(row), {k.name: row._mapping[f"sort_{k.name}"] for k in order.keys})
                for row in self.session.execute(stmt).all()]

    def _more_than(self, conditions: list, count: int) -> bool:
        """Whether more than `count` therapists match: counted no further than that."""
        some = select(t.c.id).where(*conditions).limit(count + 1).subquery()
        return self.session.execute(select(func.count()).select_from(some)).scalar_one() > count

    def _soonest(self, conditions: list, now: dt.datetime, wheel, salt: int, after: tuple | None,
                 limit: int) -> list[tuple[Therapist, dict]]:
        """Up to `limit` therapists by next free slot after `now`, then those with none round the wheel.

        Those with a slot: the slots walked in time order, each therapist at its first one, stopping after a
        page (a broad query reads a page of slots, not every summary). Those without: the wheel's walk.
        """
        found: list[tuple[Therapist, dict]] = []
        if after is None or after[0] != NO_SLOT:
            s, earlier = orm.summary_slots, orm.summary_slots.alias("earlier")
            at = _iso(now)
            first = ~select(earlier.c.starts_at).where(
                earlier.c.therapist_id == s.c.therapist_id, earlier.c.starts_at > at,
                earlier.c.starts_at < s.c.starts_at).exists()
            columns = {"next_slot": s.c.starts_at, "wheel": wheel, "id": t.c.id}
            stmt = select(*PROFILE_COLUMNS, s.c.starts_at.label("sort_next_slot"), wheel.label("sort_wheel")) \
                .select_from(s.join(t, t.c.id == s.c.therapist_id)).where(s.c.starts_at > at, first, *conditions)
            stmt = keyset_query(stmt, row_order("soonest"), columns, after, limit - 1)
            found = [(self.therapists._from_row(row),
                      {"next_slot": row.sort_next_slot, "wheel": row.sort_wheel, "id": row.id})
                     for row in self.session.execute(stmt).all()]
        if len(found) < limit:
            _, slots = self._free_slots(now)
            position = Position.after(salt, after[1], after[2]) if after and after[0] == NO_SLOT else Position(salt)
            found += [(tp, {"next_slot": NO_SLOT, **keys})
                      for tp, keys in self._round_the_wheel([*conditions, ~slots.exists()], position,
                                                            limit - len(found))]
        return found

    def _round_the_wheel(self, conditions: list, position: Position, limit: int,
                         columns: list = PROFILE_COLUMNS) -> list[tuple[Therapist, dict]]:
        """Up to `limit` therapists after `position`, round the wheel from its salt.

        Two index-ordered range scans (from the salt to the top, then from zero to the salt), so a
        broad query stops after `limit` rows instead of sorting every match.
        """
        found: list[tuple[Therapist, dict]] = []
        segment, after = position.segment, (position.shuffle, position.id)
        while segment < 2 and len(found) < limit:
            in_segment = t.c.shuffle >= position.salt if segment == 0 else t.c.shuffle < position.salt
            stmt = select(*columns).where(*conditions, in_segment)
            if after[0] >= 0:
                stmt = stmt.where(tuple_(t.c.shuffle, t.c.id) > after)
            rows = self.session.execute(stmt.order_by(t.c.shuffle, t.c.id).limit(limit - len(found))).all()
            found += [(tp, {"wheel": wheel_place(r.shuffle, position.salt), "id": r.id})
                      for r, tp in zip(rows, self.therapists._from_rows(rows), strict=True)]
            segment, after = segment + 1, (-1, "")
        return found

    def facet_counts(self, query: SearchQuery, wanted: list[str]) -> dict[str, int]:
        """How many therapists matching `query` hold each of the `wanted` terms (terms none hold are left out)."""
        matching = select(t.c.id).where(*self._conditions(query))
        rows = self.session.execute(
            select(terms.c.term, func.count()).where(terms.c.term.in_(wanted), terms.c.therapist_id.in_(matching))
            .group_by(terms.c.term)).all()
        return {term: count for term, count in rows}

    def candidates(self, any_terms: list[str], query: SearchQuery, salt: int, limit: int) -> list[Therapist]:
        """Published therapists matching `query` and, if given, at least one of `any_terms`, with the fields
        matching reads (CANDIDATE_COLUMNS, less the offices unless `query` is near a place; the others hold
        their defaults)."""
        conditions = self._conditions(query) + ([self._has_any(any_terms)] if any_terms else [])
        columns = CANDIDATE_COLUMNS if query.near is not None else CANDIDATE_COLUMNS_NOT_NEAR
        # Start anywhere on the wheel so a big pool is sampled fairly, not always its first rows.
        return [tp for tp, _ in self._round_the_wheel(conditions, Position(salt), limit, columns)]

    def with_specialty(self, slug: str, salt: int, limit: int) -> list[Therapist]:
        """Published therapists of the specialty who wrote a statement on it."""
        query = SearchQuery(terms=(f"specialty:{slug}", f"statement:{slug}"))
        return [tp for tp, _ in self._round_the_wheel(self._conditions(query), Position(salt), limit)]


def _in_range(near: Near) -> list:
    """Offices within `near`'s radius: a bounding box the lat/lon index serves, then the exact chord."""
    box = bounding_box(near.lat, near.lon, near.radius_km)
    return [locations.c.lat.between(box.min_lat, box.max_lat), locations.c.lon.between(box.min_lon, box.max_lon),
            _chord2(near) <= max_chord_squared(near.radius_km)]


def _chord2(near: Near):
    """Squared chord between an office and `near` on the unit sphere (monotonic in distance)."""
    x0, y0, z0 = unit_vector(near.lat, near.lon)
    return ((locations.c.x - x0) * (locations.c.x - x0) + (locations.c.y - y0) * (locations.c.y - y0)
            + (locations.c.z - z0) * (locations.c.z - z0))


def _tsquery(words: tuple[str, ...]):
    return func.to_tsquery("simple", " & ".join(f"{w}:*" for w in words))  # words are [a-z0-9]+ only


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="seconds")

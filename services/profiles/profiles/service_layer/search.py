"""The public directory: search (filters, sorts, facet counts), specialty pages."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rapport_shared.db import utcnow
from rapport_shared.errors import Invalid, NotFound
from rapport_shared.pagination import InvalidCursor

from ..adapters import zips
from ..domain import taxonomy
from ..domain.geo import haversine_km
from ..domain.matching import next_slot
from ..domain.search import (
    FILTERS,
    OPENINGS_HORIZON,
    SORTS,
    WHEEL,
    Near,
    SearchQuery,
    facet_terms,
    query_words,
    rotation_salt,
)
from ..domain.therapists import Therapist
from .response_times import typical_response_hours
from .unit_of_work import UnitOfWork

DEFAULT_RADIUS_KM = 25.0


@dataclass
class Hit:
    therapist: Therapist
    distance_km: float | None = None
    next_screening_slot: dt.datetime | None = None
    accepting_new_clients: bool = False  # the flag, and a free screening slot within the horizon
    typical_response_hours: float | None = None  # median time to answer a screening request


@dataclass
class Results:
    hits: list[Hit]
    next_cursor: str | None
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


def _query_error(name: str, message: str, detail: str, slug: str = "validation-failed") -> Invalid:
    return Invalid(detail, slug=slug, errors=[{"in": "query", "field": name, "message": message}])


def _filter_terms(name: str, values: list[str]) -> tuple[str, ...]:
    """A filter's values as directory terms (renamed terms as their successors); unknown ones are 422."""
    chosen = FILTERS[name]
    known = chosen.values()
    if not known:  # payer ids: any well-formed one (the schema checks the form)
        return tuple(dict.fromkeys(chosen.term(v) for v in values))
    unknown = [v for v in values if v not in known]
    if unknown:
        raise Invalid(f"unknown {name} term(s): {', '.join(unknown)}; see GET /v1/taxonomy", slug="unknown-term",
                      errors=[{"in": "query", "field": name, "message": f"unknown term {v!r}"} for v in unknown])
    return tuple(dict.fromkeys(chosen.term(known[v]) for v in values))


def build_query(args: dict, now: dt.datetime) -> SearchQuery:
    """Public filter arguments -> a SearchQuery; unknown terms, states and ZIPs are 422."""
    filters = tuple((name, _filter_terms(name, args[name])) for name in FILTERS if args.get(name))
    near = None
    if args.get("near"):
        place = zips.lookup(args["near"])
        if place is None:
            raise _query_error("near", "unknown ZIP", f"unknown ZIP code {args['near']!r}", "unknown-zip")
        near = Near(place.lat, place.lon, args.get("radius_km") or DEFAULT_RADIUS_KM)
    elif args.get("radius_km") is not None:
        raise _query_error("radius_km", "needs near", "radius_km needs near (a ZIP code)")
    return SearchQuery(filters=filters, words=query_words(args.get("q")), near=near, openings=args.get("accepting"),
                       now=now, max_fee_cents=args.get("max_fee_cents"), sliding_scale=args.get("sliding_scale"))


def choose_sort(args: dict, query: SearchQuery) -> str:
    """The sort asked for, or relevance when `q` is given and fair rotation otherwise."""
    sort = args.get("sort") or ("relevance" if query.words else "rotation")
    if sort == "relevance" and not query.words:
        raise _query_error("sort", "relevance needs q", "sort=relevance needs q (words to rank by)")
    if sort == "distance" and query.near is None:
        raise _query_error("sort", "distance needs near", "sort=distance needs near (a ZIP code)")
    return sort


def search_directory(uow: UnitOfWork, args: dict, limit: int) -> Results:
    """One page of published therapists matching every filter (any value of each), in the chosen sort,
    with each therapist's next free screening slot and, if asked, facet counts over the whole query."""
    now = utcnow()
    query = build_query(args, now)
    sort = choose_sort(args, query)
    order = SORTS[sort]
    after = order.position(args.get("cursor"))
    salt = after[0] if after else rotation_salt(now)
    if not 0 <= salt < WHEEL:
        raise InvalidCursor()
    found = uow.directory.search(query, sort, salt, after[1:] if after else None, limit)
    page = order.page([{"salt": salt, **keys} for _, keys in found], limit)
    hits = _hits(uow, [therapist for therapist, _ in found[:limit]], query.near, now)
    facets = {name: facet_counts(uow, query, name) for name in args.get("facets") or []}
    return Results(hits, page.next_cursor, facets)


def facet_counts(uow: UnitOfWork, query: SearchQuery, name: str) -> dict[str, int]:
    """How many therapists each value of facet `name` would give: the query with every other filter,
    and this one's values as alternatives (so choosing one value leaves the others' counts in view)."""
    terms = facet_terms(name)
    counts = uow.directory.facet_counts(query.without(name), sorted(terms))
    return {value: count for term, count in sorted(counts.items()) for value in terms[term]}


def _hits(uow: UnitOfWork, therapists: list[Therapist], near: Near | None, now: dt.datetime) -> list[Hit]:
    """The therapists with their distance, next free screening slot, truthful accepting and
    typical time to answer (a query each)."""
    summaries = uow.availability.get_many([t.id for t in therapists])
    typical = typical_response_hours(uow, [t.id for t in therapists])
    hits = []
    for therapist in therapists:
        slot = next_slot(summaries.get(therapist.id), now)
        opening = slot is not None and slot < now + OPENINGS_HORIZON
        hits.append(Hit(therapist, distance_km(therapist, near), slot, therapist.accepting_new_clients and opening,
                        typical[therapist.id]))
    return hits


def distance_km(therapist: Therapist, near: Near | None) -> float | None:
    if near is None:
        return None
    distances = [haversine_km(near.lat, near.lon, loc["lat"], loc["lon"]) for loc in therapist.locations
                 if loc.get("lat") is not None]
    return round(min(distances), 1) if distances else None


def specialty_page(uow: UnitOfWork, slug: str, limit: int) -> dict:
    """A specialty's description and the published therapists who wrote about their work on it."""
    term = taxonomy.SPECIALTIES.get(slug)
    if term is None:
        raise NotFound("no such specialty")
    now = utcnow()
    therapists = uow.directory.with_specialty(slug, rotation_salt(now), limit)
    hits = _hits(uow, therapists, None, now)
    specialists = [{"therapist_id": h.therapist.id, "display_name": h.therapist.display_name,
                    "pronouns": h.therapist.pronouns, "photo_url": h.therapist.photo_url,
                    "formats": h.therapist.formats, "accepting_new_clients": h.accepting_new_clients,
                    "statement": h.therapist.specialty_statements.get(slug, "")}
                   for h in hits]
    return {"slug": term.slug, "label": term.label, "description": term.description, "specialists": specialists}

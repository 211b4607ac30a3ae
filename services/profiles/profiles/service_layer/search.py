"""The public directory: search, specialty pages."""
from __future__ import annotations

from dataclasses import dataclass

from rapport_shared.db import utcnow
from rapport_shared.errors import Invalid, NotFound
from rapport_shared.pagination import InvalidCursor, decode_cursor, encode_cursor

from ..adapters import zips
from ..domain import taxonomy
from ..domain.geo import haversine_km
from ..domain.search import WHEEL, Near, Position, SearchQuery, filter_terms, query_words, rotation_salt
from ..domain.therapists import Therapist
from .unit_of_work import UnitOfWork

DEFAULT_RADIUS_KM = 25.0
FACET_OF_FILTER = {"specialty": "specialties", "issue": "issues", "modality": "modalities",
                   "population": "populations", "format": "formats", "language": "languages"}


@dataclass
class Hit:
    therapist: Therapist
    distance_km: float | None = None


def _query_error(field: str, message: str, detail: str, slug: str = "validation-failed") -> Invalid:
    return Invalid(detail, slug=slug, errors=[{"in": "query", "field": field, "message": message}])


def build_query(args: dict) -> SearchQuery:
    """Public filter arguments -> a SearchQuery; unknown terms, states and ZIPs are 422."""
    for name, facet in FACET_OF_FILTER.items():
        taxonomy.check_term(name, facet, args.get(name), location="query")
    if args.get("state") and args["state"] not in taxonomy.US_STATES:
        raise _query_error("state", "unknown state", f"unknown state {args['state']!r}", "unknown-term")
    near = None
    if args.get("near"):
        place = zips.lookup(args["near"])
        if place is None:
            raise _query_error("near", "unknown ZIP", f"unknown ZIP code {args['near']!r}", "unknown-zip")
        near = Near(place.lat, place.lon, args.get("radius_km") or DEFAULT_RADIUS_KM)
    elif args.get("radius_km") is not None:
        raise _query_error("radius_km", "needs near", "radius_km needs near (a ZIP code)")
    return SearchQuery(terms=filter_terms(args), words=query_words(args.get("q")), near=near,
                       accepting=args.get("accepting"))


def parse_cursor(cursor: str | None) -> Position:
    if not cursor:
        return Position(rotation_salt(utcnow()))
    try:
        raw = decode_cursor(cursor)
        position = Position(int(raw["s"]), int(raw["g"]), int(raw["k"]), str(raw["i"]))
    except (InvalidCursor, KeyError, TypeError, ValueError) as exc:
        raise Invalid("cursor is not one this API issued", slug="invalid-cursor") from exc
    if not (0 <= position.salt < WHEEL and position.segment in (0, 1)):
        raise Invalid("cursor is not one this API issued", slug="invalid-cursor")
    return position


def search_directory(uow: UnitOfWork, args: dict, limit: int) -> tuple[list[Hit], str | None]:
    """One page of published therapists matching every filter, in fair rotation order."""
    query = build_query(args)
    position = parse_cursor(args.get("cursor"))
    found = uow.directory.search(query, position, limit + 1)
    page = found[:limit]
    next_cursor = None
    if len(found) > limit:
        last, segment = page[-1]
        next_cursor = encode_cursor({"s": position.salt, "g": segment, "k": last.shuffle, "i": last.id})
    hits = [Hit(t, distance_km(t, query.near)) for t, _ in page]
    return hits, next_cursor


def distance_km(therapist: Therapist, near: Near | None) -> float | None:
    if near is None:
        return None
    distances = [haversine_km(near.lat, near.lon, loc["lat"], loc["lon"]) for loc in therapist.locations
                 if loc.get("lat") is not None]
    return round(min(distances), 1) if distances else None


def specialty_page(uow: UnitOfWork, slug: str, limit: int) -> dict:
    """A specialty's description and what published therapists say about their work on it."""
    term = taxonomy.SPECIALTIES.get(slug)
    if term is None:
        raise NotFound("no such specialty")
    therapists = uow.directory.with_specialty(slug, rotation_salt(utcnow()), limit)
    specialists = [{"therapist_id": t.id, "display_name": t.display_name, "pronouns": t.pronouns,
                    "photo_url": t.photo_url, "formats": t.formats, "accepting_new_clients": t.accepting_new_clients,
                    "statement": t.specialty_statements.get(slug) or t.approach_statement[:270]}
                   for t in therapists]
    return {"slug": term.slug, "label": term.label, "description": term.description, "specialists": specialists}

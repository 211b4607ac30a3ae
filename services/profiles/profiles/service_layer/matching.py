"""`POST /v1/matches`: a client's concerns and preferences -> a short ranked list with reasons.

The client's free text is used for this answer only: never stored, logged or sent anywhere.
"""
from __future__ import annotations

import dataclasses

from rapport_shared.db import utcnow
from rapport_shared.errors import Invalid

from ..adapters import zips
from ..domain import crisis, taxonomy
from ..domain.matching import Candidate, MatchRequest, drawing_terms, rank
from ..domain.practices import check_time_zone
from ..domain.search import Near, SearchQuery, rotation_salt
from ..domain.therapists import Therapist
from ..domain.understanding import understand
from .response_times import typical_response_hours
from .search import distance_km
from .unit_of_work import UnitOfWork

# Candidates ranked in memory, sampled round the rotation wheel: 150 is 30 times the answer, and reading
# each costs (300 took two thirds of a match at 100k therapists).
POOL = 150
IN_PERSON_RADIUS_KM = 40.0
# Terms heard in the client's words that ask for a kind of therapist rather than name a concern.
PREFERENCES = ("language:", "identity:", "insurer:")


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(message, errors=[{"in": "json", "field": field, "message": message}])


def _pool(uow: UnitOfWork, wanted: list[str], query: SearchQuery, salt: int,
          language: str | None) -> list[Therapist]:
    """Candidates who list the concerns, those who speak the client's language first (ranking puts them first,
    so they must be in the pool whatever its size); everyone who fits the hard constraints when nobody lists
    them."""
    speaking = [dataclasses.replace(query, terms=(*query.terms, f"language:{language}"))] if language else []
    for concerns in ([wanted] if wanted else []) + [[]]:
        pool: dict[str, Therapist] = {}
        for fitting in (*speaking, query):
            # A whole pool from each query: the speakers already taken may come again, and must not leave it short.
            for therapist in uow.directory.candidates(concerns, fitting, salt, POOL):
                if len(pool) >= POOL:
                    break
                pool.setdefault(therapist.id, therapist)
            if len(pool) >= POOL:
                break  # full from the speakers: the general query would add no one
        if pool:
            return list(pool.values())
    return []


def find_matches(uow: UnitOfWork, body: dict) -> dict:
    """The crisis notice first when the words call for it, then what was understood and the matches."""
    concern_terms = []
    for field_name, prefix, facet in (("issues", "issue", "issues"), ("specialties", "specialty", "specialties"),
                                      ("modalities", "modality", "modalities"),
                                      ("populations", "population", "populations")):
        for slug in taxonomy.check_terms(field_name, facet, body.get(field_name)):
            concern_terms.append(f"{prefix}:{slug}")
    understood = understand(body.get("concerns"))
    heard = {prefix[:-1]: [t.split(":", 1)[1] for t in understood.terms if t.startswith(prefix)]
             for prefix in PREFERENCES}
    concern_terms += [t for t in understood.terms if t not in concern_terms and not t.startswith(PREFERENCES)]
    taxonomy.check_term("format", "formats", body.get("format"))
    language = taxonomy.check_term("language", "languages", body.get("language")) or \
        next((code for code in heard["language"] if code != "en"), None)
    identities = taxonomy.check_terms("identities", "identities", body.get("identities"))
    identities += [i for i in heard["identity"] if i not in identities]
    if body.get("time_zone"):
        check_time_zone(body["time_zone"])

    place, state = None, body.get("state")
    if body.get("zip"):
        place = zips.lookup(body["zip"])
        if place is None:
            raise _invalid("zip", f"unknown ZIP code {body['zip']!r}")
        state = state or place.state
    if state and state not in taxonomy.US_STATES:
        raise _invalid("state", f"unknown state {state!r}")
    if body.get("format") == "in_person" and place is None:
        raise _invalid("zip", "an in-person match needs the client's ZIP code")

    hard_terms = []
    if body.get("format"):
        hard_terms.append(f"format:{body['format']}")
    if state and body.get("format") != "in_person":
        hard_terms.append(f"state:{state}")  # teletherapy only where the therapist may practise
    near = Near(place.lat, place.lon, IN_PERSON_RADIUS_KM) if place and body.get("format") == "in_person" else None
    query = SearchQuery(terms=tuple(hard_terms), near=near, accepting=True)

    salt = rotation_salt(utcnow())
    pool = _pool(uow, drawing_terms(concern_terms), query, salt, language)
    summaries = uow.availability.get_many([t.id for t in pool])
    typical = typical_response_hours(uow, [t.id for t in pool])
    candidates = [Candidate(t, summaries.get(t.id), distance_km(t, near), typical[t.id]) for t in pool]
    # An insurer named in the client's words ("I have Aetna") stands in for the payer the form did not give.
    named_insurer = next((taxonomy.INSURERS[slug] for slug in heard["insurer"]), None)
    # Any of the insurer's ids stands for it: in network means holding any of them (MatchRequest.in_network_ids).
    payer_id = body.get("payer_id") or (named_insurer.payer_ids[0] if named_insurer else None)
    payer_name = body.get("payer_name") if body.get("payer_id") else (named_insurer.label if named_insurer else None)
    request = MatchRequest(concern_terms=tuple(concern_terms), format=body.get("format"),
                           payer_id=payer_id, payer_name=payer_name,
                           language=language, identities=tuple(identities),
                           time_zone=body.get("time_zone"))
    matches = rank(candidates, request, utcnow(), body.get("limit") or 5)
    return {
        "crisis": crisis.NOTICE if understood.crisis else None,
        "interpreted_terms": concern_terms + [t for t in understood.terms if t.startswith(PREFERENCES)],
        "matches": [{
            "therapist_id": m.therapist.id, "display_name": m.therapist.display_name,
            "pronouns": m.therapist.pronouns, "photo_url": m.therapist.photo_url,
            "formats": m.therapist.formats, "score": m.score, "reasons": m.reasons,
            "next_screening_slot": m.next_slot, "typical_response_hours": m.typical_response_hours,
        } for m in matches],
    }

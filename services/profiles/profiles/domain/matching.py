"""Matching a client to therapists: a short ranked list with a score and reasons in plain words.

Pure: the candidates (already published, accepting, and within the client's hard constraints)
and booking's availability summaries come in; nothing is read or written here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from . import taxonomy
from .search import search_words
from .therapists import Therapist

# Free text -> taxonomy terms. Word prefixes, so "traumatic" finds "trauma"; phrases as written;
# a trailing "=" means the whole word only ("child=" must not match "childhood").
SYNONYMS: dict[str, tuple[str, ...]] = {
    "couple": ("specialty:couples-therapy", "population:couples"),
    "partner": ("specialty:couples-therapy", "issue:relationship-distress"),
    "marriage": ("specialty:couples-therapy", "issue:relationship-distress"),
    "husband": ("issue:relationship-distress",), "wife": ("issue:relationship-distress",),
    "relationship": ("issue:relationship-distress", "specialty:relational-therapy"),
    "trauma": ("specialty:trauma", "issue:relational-trauma"),
    "ptsd": ("issue:ptsd", "specialty:trauma"), "cptsd": ("issue:complex-ptsd", "specialty:trauma"),
    "complex ptsd": ("issue:complex-ptsd",),
    "abuse": ("issue:abuse",), "abused": ("issue:abuse",), "neglect": ("issue:neglect",),
    "abandon": ("issue:abandonment", "specialty:attachment"), "enmesh": ("issue:enmeshment",),
    "attachment": ("issue:attachment", "specialty:attachment"),
    "depress": ("issue:depression", "specialty:mood-disorders"), "anxi": ("issue:anxiety",),
    "panic": ("issue:anxiety",), "mood": ("issue:mood-disorders", "specialty:mood-disorders"),
    "eating": ("issue:eating-disorders", "specialty:eating-disorders"),
    "anorexi": ("issue:eating-disorders",), "bulimi": ("issue:eating-disorders",),
    "binge": ("issue:eating-disorders",), "body image": ("issue:body-image",),
    "addict": ("issue:addictions", "specialty:addictions"), "alcohol": ("issue:addictions",),
    "drinking": ("issue:addictions",), "gambling": ("issue:addictions",),
    "grief": ("issue:grief",), "griev": ("issue:grief",), "loss": ("issue:grief",),
    "affair": ("issue:infidelity",), "cheat": ("issue:infidelity",), "infidel": ("issue:infidelity",),
    "communicat": ("issue:communication",), "argu": ("issue:communication",), "fight": ("issue:communication",),
    "family": ("specialty:family-therapy", "population:families"), "parent": ("specialty:family-therapy",),
    "self esteem": ("issue:low-self-esteem",), "worthless": ("issue:low-self-esteem",),
    "chronic pain": ("issue:chronic-pain-or-illness",), "illness": ("issue:chronic-pain-or-illness",),
    "teen": ("population:adolescents", "specialty:child-and-adolescent"),
    "adolescen": ("population:adolescents", "specialty:child-and-adolescent"),
    "child=": ("population:children", "specialty:child-and-adolescent"),
    "children=": ("population:children", "specialty:child-and-adolescent"),
    "kids=": ("population:children", "specialty:child-and-adolescent"),
    "personality": ("issue:personality-disorders",),
}

W_CONCERN, MAX_CONCERNS_SCORED = 20, 3
W_FORMAT, W_IN_NETWORK, W_LANGUAGE, W_IDENTITY, W_SOON, W_SLOT = 10, 15, 10, 5, 10, 5
SOON = dt.timedelta(days=7)


@dataclass(frozen=True)
class MatchRequest:
    concern_terms: tuple[str, ...] = ()  # "issue:relational-trauma", ...
    format: str | None = None
    payer_id: str | None = None
    payer_name: str | None = None
    language: str | None = None
    identities: tuple[str, ...] = ()
    time_zone: str | None = None


@dataclass(frozen=True)
class Candidate:
    therapist: Therapist
    availability: dict | None = None  # booking's summary: next_slots (RFC 3339 UTC), timezone, formats
    distance_km: float | None = None


@dataclass
class Match:
    therapist: Therapist
    score: int
    reasons: list[str] = field(default_factory=list)
    next_slot: dt.datetime | None = None


def terms_from_text(text: str | None) -> list[str]:
    """Taxonomy terms a client's own words point at (a small synonym table, no guessing beyond it)."""
    words = search_words(text or "")
    joined = " " + " ".join(words) + " "
    found: list[str] = []
    for key, terms in SYNONYMS.items():
        if key.endswith("="):
            hit = key[:-1] in words
        elif " " in key:
            hit = f" {key}" in joined
        else:
            hit = any(w.startswith(key) for w in words)
        if hit:
            found.extend(t for t in terms if t not in found)
    return found


def _label(term: str) -> str:
    prefix, slug = term.split(":", 1)
    facet = {"issue": "issues", "specialty": "specialties", "modality": "modalities", "population": "populations"}
    return taxonomy.FACETS[facet[prefix]][slug].label


def _therapist_terms(therapist) -> set[str]:
    return ({f"issue:{s}" for s in therapist.issues} | {f"specialty:{s}" for s in therapist.specialties}
            | {f"modality:{s}" for s in therapist.modalities} | {f"population:{s}" for s in therapist.populations})


def next_slot(availability: dict | None, now: dt.datetime) -> dt.datetime | None:
    for raw in (availability or {}).get("next_slots") or []:
        start = dt.datetime.fromisoformat(raw.replace("Z", "+00:00")) if isinstance(raw, str) else raw
        if start.tzinfo is None:
            start = start.replace(tzinfo=dt.timezone.utc)
        if start > now:
            return start
    return None


def render_slot(start: dt.datetime, client_zone: str | None, therapist_zone: str | None) -> str:
    """"Tue 10:00" in the client's zone; in the therapist's zone, named, when the client gave none."""
    if client_zone:
        return start.astimezone(ZoneInfo(client_zone)).strftime("%a %H:%M")
    local = start.astimezone(ZoneInfo(therapist_zone or "UTC"))
    return local.strftime("%a %H:%M %Z")


def score(candidate: Candidate, request: MatchRequest, now: dt.datetime) -> Match:
    """One candidate's score and reasons."""
    therapist = candidate.therapist
    points, reasons = 0, []
    overlap = [t for t in request.concern_terms if t in _therapist_terms(therapist)]
    for term in overlap[:MAX_CONCERNS_SCORED]:
        points += W_CONCERN
        prefix = term.split(":", 1)[0]
        verb = "works with" if prefix == "population" else ("uses" if prefix == "modality" else "treats")
        reasons.append(f"{verb} {_label(term).lower()}")
    if request.format and request.format in therapist.formats:
        points += W_FORMAT
        reasons.append({"in_person": "sees clients in person", "video": "offers video",
                        "phone": "offers phone sessions"}[request.format])
    if candidate.distance_km is not None:
        reasons.append(f"office {candidate.distance_km:.0f} km away")
    if request.payer_id:
        if request.payer_id in therapist.payer_ids:
            points += W_IN_NETWORK
            reasons.append(f"in network with {request.payer_name or request.payer_id}")
        elif therapist.self_pay_fee_cents is not None:
            fee = f"${therapist.self_pay_fee_cents / 100:,.0f}"
            reasons.append(f"self-pay {fee} per session" + (" (sliding scale)" if therapist.sliding_scale else ""))
    if request.language and request.language in therapist.languages:
        points += W_LANGUAGE
        reasons.append(f"speaks {taxonomy.LANGUAGES[request.language].label}")
    for identity in request.identities:
        if identity in therapist.identities:
            points += W_IDENTITY
            reasons.append(taxonomy.IDENTITIES[identity].label)
    slot = next_slot(candidate.availability, now)
    if slot is not None:
        points += W_SLOT + (W_SOON if slot - now <= SOON else 0)
        zone = (candidate.availability or {}).get("timezone")
        reasons.append(f"next screening call {render_slot(slot, request.time_zone, zone)}")
    return Match(therapist, points, reasons, slot)


def max_points(request: MatchRequest) -> int:
    total = W_CONCERN * min(MAX_CONCERNS_SCORED, len(request.concern_terms)) + W_SLOT + W_SOON
    total += W_FORMAT if request.format else 0
    total += W_IN_NETWORK if request.payer_id else 0
    total += W_LANGUAGE if request.language else 0
    return total + W_IDENTITY * len(request.identities)


def rank(candidates: list[Candidate], request: MatchRequest, now: dt.datetime, limit: int) -> list[Match]:
    """The best `limit` candidates, best first; scores as a percentage of what the request could earn.

    Ties keep the candidates' incoming (fairly rotated) order; a sooner screening slot wins a tie first.
    """
    scored = [score(c, request, now) for c in candidates]
    far = dt.datetime.max.replace(tzinfo=dt.timezone.utc)
    order = sorted(range(len(scored)), key=lambda i: (-scored[i].score, scored[i].next_slot or far, i))
    best = [scored[i] for i in order[:limit]]
    ceiling = max(1, max_points(request))
    for match in best:
        match.score = min(100, round(100 * match.score / ceiling))
    return best

"""Matching a client to therapists: a short ranked list with a score and reasons in plain words.

Pure: the candidates (already published, accepting, and within the client's hard constraints)
and booking's availability summaries and typical answer times come in; nothing is read or written here.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from . import taxonomy
from .therapists import Therapist

W_CONCERN, MAX_CONCERNS_SCORED = 20, 3
W_FORMAT, W_IN_NETWORK, W_LANGUAGE, W_IDENTITY, W_SOON, W_SLOT = 10, 15, 10, 5, 10, 5
SOON = dt.timedelta(days=7)
W_QUICK, QUICK_HOURS = 5, 24  # a small boost: a client waiting days for an answer often gives up


@dataclass(frozen=True)
class MatchRequest:
    concern_terms: tuple[str, ...] = ()  # "issue:relational-trauma", ...
    format: str | None = None
    payer_id: str | None = None
    payer_name: str | None = None
    language: str | None = None
    identities: tuple[str, ...] = ()
    time_zone: str | None = None

    @functools.cached_property
    def in_network_ids(self) -> frozenset[str]:
        """The payer ids that put a therapist in network: every id of the payer's insurer (any state's Medicare
        contractor pays for a Medicare client), or the payer id alone when no insurer of the vocabulary has it."""
        if not self.payer_id:
            return frozenset()
        insurer = taxonomy.INSURER_BY_PAYER_ID.get(self.payer_id)
        return frozenset(insurer.payer_ids if insurer else (self.payer_id,))


@dataclass(frozen=True)
class Candidate:
    therapist: Therapist
    availability: dict | None = None  # booking's summary: next_slots (RFC 3339 UTC), timezone, formats
    distance_km: float | None = None
    typical_response_hours: float | None = None  # median time to answer a screening request


@dataclass
class Match:
    therapist: Therapist
    score: int
    reasons: list[str] = field(default_factory=list)
    next_slot: dt.datetime | None = None
    typical_response_hours: float | None = None


FACET_OF_PREFIX = {"issue": "issues", "specialty": "specialties", "modality": "modalities",
                   "population": "populations", "language": "languages", "identity": "identities"}
# A specialty covers issues: a therapist listing "trauma" works with PTSD even if PTSD is not listed.
SPECIALTIES_COVERING: dict[str, tuple[str, ...]] = {}
for _specialty in taxonomy.SPECIALTIES.values():
    for _issue in _specialty.covers:
        SPECIALTIES_COVERING[_issue] = (*SPECIALTIES_COVERING.get(_issue, ()), _specialty.slug)


def label(term: str) -> str:
    """"issue:grief" -> "Grief and loss"."""
    prefix, slug = term.split(":", 1)
    return taxonomy.FACETS[FACET_OF_PREFIX[prefix]][slug].label


def related_terms(terms: list[str] | tuple[str, ...]) -> list[str]:
    """The specialties covering these issues: who else a candidate pool should include."""
    related: list[str] = []
    for term in terms:
        prefix, slug = term.split(":", 1)
        if prefix == "issue":
            related += [f"specialty:{s}" for s in SPECIALTIES_COVERING.get(slug, ()) if f"specialty:{s}" not in related]
    return related


# Terms nearly every therapist lists: they count in the ranking, but candidates drawn by them would be a sample of
# everyone, crowding out those who list the client's concerns ("I'm 34 and I hoard" must draw hoarding).
EVERYONES = frozenset({"population:adults", "population:individuals"})


def drawing_terms(concern_terms: list[str]) -> list[str]:
    """The terms candidates are drawn by: the concerns that narrow, and the specialties covering them."""
    narrowing = [t for t in concern_terms if t not in EVERYONES] or concern_terms
    return narrowing + related_terms(narrowing)


def plain(text: str) -> str:
    """A label inside a sentence: "Trauma and PTSD" -> "trauma and PTSD"; "ADHD" stays."""
    first = text.split(" ", 1)[0]
    return text if first.isupper() else text[0].lower() + text[1:]


# Where a profile lists each kind of concern term.
FIELD_OF_PREFIX = {"issue": "issues", "specialty": "specialties", "modality": "modalities",
                   "population": "populations"}


@functools.cache
def _ways_to_fit(term: str) -> tuple[tuple[str, str, str], ...]:
    """How a profile fits `term`, in the order tried: (field, slug listed, the term its reason names): listing
    it, or for an issue, listing a specialty covering it."""
    prefix, slug = term.split(":", 1)
    field_name = FIELD_OF_PREFIX.get(prefix)
    ways = [(field_name, slug, term)] if field_name else []
    if prefix == "issue":
        ways += [("specialties", s, f"specialty:{s}") for s in SPECIALTIES_COVERING.get(slug, ())]
    return tuple(ways)


@functools.cache
def _listed_reason(term: str) -> str:
    """Why a therapist listing `term` fits, in plain words: the same for every candidate, so worded once."""
    prefix = term.split(":", 1)[0]
    if prefix == "modality":
        return f"uses {label(term)}"
    if prefix == "specialty":
        return f"specialises in {plain(label(term))}"
    return f"works with {plain(label(term))}"


def concern_reason(term: str, therapist: Therapist) -> str | None:
    """Why the therapist fits one concern, in plain words; None when they do not."""
    for field_name, slug, named in _ways_to_fit(term):
        if slug in getattr(therapist, field_name):
            return _listed_reason(named)
    return None


def next_slot(availability: dict | None, now: dt.datetime) -> dt.datetime | None:
    for raw in (availability or {}).get("next_slots") or []:
        start = dt.datetime.fromisoformat(raw.replace("Z", "+00:00")) if isinstance(raw, str) else raw
        if start.tzinfo is None:
            start = start.replace(tzinfo=dt.timezone.utc)
        if start > now:
            return start
    return None


def render_slot(start: dt.datetime, now: dt.datetime, client_zone: str | None, therapist_zone: str | None) -> str:
    """"today at 10:00", "tomorrow at 10:00", "Tue at 10:00", "Tue 8 Dec at 10:00", in the client's zone;
    in the therapist's zone, named, when the client gave none."""
    zone = ZoneInfo(client_zone or therapist_zone or "UTC")
    local, today = start.astimezone(zone), now.astimezone(zone).date()
    days = (local.date() - today).days
    day = ("today" if days == 0 else "tomorrow" if days == 1 else local.strftime("%a") if days < 7
           else f"{local.strftime('%a')} {local.day} {local.strftime('%b')}")
    return f"{day} at {local.strftime('%H:%M')}" + ("" if client_zone else f" {local.strftime('%Z')}")


def answer_reason(hours: float | None) -> str | None:
    """"usually answers within a day" for quick answerers; None otherwise (or when not yet known)."""
    if hours is None or hours > QUICK_HOURS:
        return None
    return "usually answers within an hour" if hours <= 1 else "usually answers within a day"


def payer_label(payer_id: str, payer_name: str | None) -> str:
    insurer = taxonomy.INSURER_BY_PAYER_ID.get(payer_id)
    return payer_name or (insurer.label if insurer else payer_id)


FORMAT_REASONS = {"in_person": "sees clients in person", "video": "offers video", "phone": "offers phone sessions"}


@dataclass(frozen=True)
class _Fit:
    """What earns a candidate its points. Every candidate in the pool is weighed, and only those returned are
    put into words: with all 150 worded (slots in time zones, labels), ranking a pool took 4.9 ms, now 1.0."""

    points: int
    concerns: tuple[str, ...]  # the reasons for the concerns scored (two concerns one reason names count once)
    format: str | None  # the client's format, when offered
    payer_id: str | None  # the client's payer, when in network
    language: str | None  # the client's language, when spoken
    identities: tuple[str, ...]
    slot: dt.datetime | None
    quick: str | None


def _fit(candidate: Candidate, request: MatchRequest, now: dt.datetime) -> _Fit:
    therapist = candidate.therapist
    fits = [r for r in (concern_reason(t, therapist) for t in request.concern_terms) if r is not None]
    concerns = tuple(dict.fromkeys(fits))[:MAX_CONCERNS_SCORED]
    format_ = request.format if request.format and request.format in therapist.formats else None
    payer_id = request.payer_id if request.in_network_ids.intersection(therapist.payer_ids) else None
    language = request.language if request.language and request.language in therapist.languages else None
    identities = tuple(i for i in request.identities if i in therapist.identities)
    slot = next_slot(candidate.availability, now)
    quick = answer_reason(candidate.typical_response_hours)
    points = (W_CONCERN * len(concerns) + (W_FORMAT if format_ else 0) + (W_IN_NETWORK if payer_id else 0)
              + (W_LANGUAGE if language else 0) + W_IDENTITY * len(identities)
              + (0 if slot is None else W_SLOT + (W_SOON if slot - now <= SOON else 0))
              + (W_QUICK if quick is not None else 0))
    return _Fit(points, concerns, format_, payer_id, language, identities, slot, quick)


def _worded(candidate: Candidate, fit: _Fit, request: MatchRequest, now: dt.datetime) -> Match:
    """The candidate's points, and their reasons in plain words."""
    therapist = candidate.therapist
    reasons = list(fit.concerns)
    if fit.format:
        reasons.append(FORMAT_REASONS[fit.format])
    if candidate.distance_km is not None:
        reasons.append(f"office {candidate.distance_km:.0f} km away")
    if fit.payer_id:
        reasons.append(f"in network with {payer_label(fit.payer_id, request.payer_name)}")
    elif request.payer_id and therapist.self_pay_fee_cents is not None:
        fee = f"${therapist.self_pay_fee_cents / 100:,.0f}"
        reasons.append(f"self-pay {fee} per session" + (" (sliding scale)" if therapist.sliding_scale else ""))
    if fit.language:
        reasons.append(f"speaks {taxonomy.LANGUAGES[fit.language].label}")
    reasons += [taxonomy.IDENTITIES[identity].label for identity in fit.identities]
    if fit.slot is not None:
        zone = (candidate.availability or {}).get("timezone")
        reasons.append(f"free screening call {render_slot(fit.slot, now, request.time_zone, zone)}")
    if fit.quick is not None:
        reasons.append(fit.quick)
    return Match(therapist, fit.points, reasons, fit.slot, candidate.typical_response_hours)


def max_points(request: MatchRequest) -> int:
    total = W_CONCERN * min(MAX_CONCERNS_SCORED, len(request.concern_terms)) + W_SLOT + W_SOON + W_QUICK
    total += W_FORMAT if request.format else 0
    total += W_IN_NETWORK if request.payer_id else 0
    total += W_LANGUAGE if request.language else 0
    return total + W_IDENTITY * len(request.identities)


def rank(candidates: list[Candidate], request: MatchRequest, now: dt.datetime, limit: int) -> list[Match]:
    """The best `limit` candidates, best first; scores as a percentage of what the request could earn.

    A therapist who speaks the client's language comes before any who does not, whatever else fits: the others
    cannot help, and follow only where too few speak it. Ties keep the candidates' incoming (fairly rotated)
    order; a sooner screening slot wins a tie first.
    """
    fits = [_fit(c, request, now) for c in candidates]
    far = dt.datetime.max.replace(tzinfo=dt.timezone.utc)
    speaks = [not request.language or request.language in c.therapist.languages for c in candidates]
    order = sorted(range(len(fits)), key=lambda i: (not speaks[i], -fits[i].points, fits[i].slot or far, i))
    best = [_worded(candidates[i], fits[i], request, now) for i in order[:limit]]
    ceiling = max(1, max_points(request))
    for match in best:
        match.score = min(100, round(100 * match.score / ceiling))
    return best

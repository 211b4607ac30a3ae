"""The public directory search: filters and the values they take, the words full-text search
matches, the sorts (each a keyset order), and fair ordering.

Fair ordering: every therapist has a fixed random place on a wheel (`shuffle`); results run round
the wheel from a starting point (`salt`) that moves every hour. Nobody is permanently first, and a
cursor carries its salt, so one walk through the pages is stable even when the hour turns.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace

from rapport_shared.pagination import Order, SortKey

from . import taxonomy

WHEEL = 2**31
ROTATION_SECONDS = 3600
MAX_QUERY_WORDS = 8
# Booking publishes free screening slots up to its horizon (28 days by default) from the day it starts.
OPENINGS_HORIZON = dt.timedelta(days=29)
NO_FEE = 10**9  # sorts therapists who state no self-pay fee after every stated one
NO_SLOT = "9999-12-31"  # sorts therapists without a free slot after every dated one


@dataclass(frozen=True)
class Near:
    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True)
class SearchQuery:
    terms: tuple[str, ...] = ()  # all of these: "specialty:couples-therapy", "insurance:60054", ...
    # Named filters, each any of its terms: (("issue", ("issue:anxiety", "issue:grief")), ...)
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    words: tuple[str, ...] = ()  # full text: every word must prefix-match a word of the profile
    near: Near | None = None
    accepting: bool | None = None  # the profile's own flag
    # Truly accepting new clients: the flag and a free screening slot from `now` within OPENINGS_HORIZON.
    openings: bool | None = None
    now: dt.datetime | None = None  # what "free" and "soonest" count from
    max_fee_cents: int | None = None
    sliding_scale: bool | None = None

    def without(self, name: str) -> SearchQuery:
        """This query less the filter `name`: what a facet's counts are taken over."""
        return replace(self, filters=tuple(f for f in self.filters if f[0] != name))


@dataclass(frozen=True)
class Position:
    """Where a walk round the wheel has got to: segment 0 is [salt, WHEEL), segment 1 is [0, salt)."""

    salt: int
    segment: int = 0
    shuffle: int = -1
    id: str = ""

    @classmethod
    def after(cls, salt: int, wheel: int, id_: str) -> Position:
        """The position just after the therapist at `wheel` places past the salt."""
        return cls(salt, 0 if salt + wheel < WHEEL else 1, (salt + wheel) % WHEEL, id_)


def wheel_place(shuffle: int, salt: int) -> int:
    """How far round the wheel from the salt a therapist stands (0 is first)."""
    return (shuffle - salt) % WHEEL


# Every sort pages by keyset; the salt rides in each cursor, and the wheel place breaks ties fairly.
# A cursor names its sort's keys, so one sort's cursor is refused by another.
SALT, WHEEL_PLACE, ID = SortKey("salt", parse=int), SortKey("wheel", parse=int), SortKey("id")
SORTS: dict[str, Order] = {
    "rotation": Order(SALT, WHEEL_PLACE, ID),
    "relevance": Order(SALT, SortKey("rank", True, int), WHEEL_PLACE, ID),
    "distance": Order(SALT, SortKey("distance", parse=float), WHEEL_PLACE, ID),
    "soonest": Order(SALT, SortKey("next_slot", parse=str), WHEEL_PLACE, ID),
    "fee": Order(SALT, SortKey("fee", parse=int), WHEEL_PLACE, ID),
}


def row_order(sort: str) -> Order:
    """The order rows are fetched in: the sort's keys less the salt, which is the same for every row."""
    return Order(*SORTS[sort].keys[1:])


def rotation_salt(now: dt.datetime) -> int:
    """The wheel's starting point for the hour containing `now` (the same in every process)."""
    hour = int(now.timestamp()) // ROTATION_SECONDS
    return int.from_bytes(hashlib.sha256(f"rapport-rotation-{hour}".encode()).digest()[:4], "big") % WHEEL


def search_words(text: str) -> list[str]:
    """Lower-cased, accent-folded words of letters and digits (what both indexing and queries use)."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", folded)


def query_words(q: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(search_words(q or "")))[:MAX_QUERY_WORDS]


@dataclass(frozen=True)
class Filter:
    """A public filter: the directory term prefix it matches and the vocabulary its values come from."""

    prefix: str
    facet: str = ""  # taxonomy facet; "" for payer ids and states
    group: str = ""  # only this group of the facet (age, faith, ethnicity)

    def values(self) -> dict[str, str]:
        """Every value the filter accepts (aliases of renamed terms included) -> its current slug."""
        if not self.facet:
            return {s: s for s in sorted(taxonomy.US_STATES)} if self.prefix == "state" else {}
        known = {slug: slug for slug, term in taxonomy.FACETS[self.facet].items()
                 if not self.group or term.group == self.group}
        aliases = {old: new for old, new in taxonomy.ALIASES.get(self.facet, {}).items() if new in known}
        return dict(sorted({**known, **aliases}.items()))

    def term(self, slug: str) -> str:
        return f"{self.prefix}:{slug}"


FILTERS: dict[str, Filter] = {
    "specialty": Filter("specialty", "specialties"),
    "issue": Filter("issue", "issues"),
    "modality": Filter("modality", "modalities"),
    "population": Filter("population", "populations"),
    "age_group": Filter("population", "populations", "age"),
    "identity": Filter("identity", "identities"),
    "faith": Filter("identity", "identities", "faith"),
    "ethnicity": Filter("identity", "identities", "ethnicity"),
    "language": Filter("language", "languages"),
    "format": Filter("format", "formats"),
    "insurer": Filter("insurer", "insurers"),
    "insurance": Filter("insurance"),
    "state": Filter("state"),
}


def facet_terms(name: str) -> dict[str, list[str]]:
    """The directory terms a facet counts -> the values each stands for (payer ids and states as themselves)."""
    chosen = FILTERS[name]
    if chosen.prefix == "insurance" and not chosen.facet:
        slugs = sorted(taxonomy.INSURER_BY_PAYER_ID)
    else:
        slugs = sorted(set(chosen.values().values()))
    found: dict[str, list[str]] = {}
    for slug in slugs:
        found.setdefault(chosen.term(slug), []).append(slug)
    return found


def profile_terms(therapist) -> set[str]:
    """The filter terms a published profile answers to."""
    terms = {f"specialty:{s}" for s in therapist.specialties}
    terms |= {f"issue:{s}" for s in therapist.issues}
    terms |= {f"modality:{s}" for s in therapist.modalities}
    terms |= {f"population:{s}" for s in therapist.populations}
    terms |= {f"format:{s}" for s in therapist.formats}
    terms |= {f"insurance:{s}" for s in therapist.payer_ids}
    # An insurer billed under several payer ids (Medicare, a contractor per state) is taken by holding any of them.
    terms |= {f"insurer:{taxonomy.INSURER_BY_PAYER_ID[s].slug}" for s in therapist.payer_ids
              if s in taxonomy.INSURER_BY_PAYER_ID}
    terms |= {f"state:{s}" for s in therapist.serves_states}
    terms |= {f"language:{s}" for s in therapist.languages}
    terms |= {f"identity:{s}" for s in therapist.identities}
    # Specialty pages feature those who wrote about their work on the specialty.
    terms |= {f"statement:{s}" for s, text in therapist.specialty_statements.items() if text and text.strip()}
    return terms


def profile_document(therapist) -> str:
    """Names and statements as one space-separated run of normalised words."""
    parts = [therapist.first_name, therapist.last_name, therapist.credentials, therapist.approach_statement,
             *therapist.specialty_statements.values()]
    return " ".join(search_words(" ".join(p for p in parts if p)))

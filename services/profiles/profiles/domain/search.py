"""The public directory search: filters, the words full-text search matches, and fair ordering.

Fair ordering: every therapist has a fixed random place on a wheel (`shuffle`); results run round
the wheel from a starting point (`salt`) that moves every hour. Nobody is permanently first, and a
cursor carries its salt, so one walk through the pages is stable even when the hour turns.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass

WHEEL = 2**31
ROTATION_SECONDS = 3600
MAX_QUERY_WORDS = 8


@dataclass(frozen=True)
class Near:
    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True)
class SearchQuery:
    terms: tuple[str, ...] = ()  # "specialty:couples-therapy", "insurance:60054", ...
    words: tuple[str, ...] = ()  # full text: every word must prefix-match a word of the profile
    near: Near | None = None
    accepting: bool | None = None


@dataclass(frozen=True)
class Position:
    """Where a walk round the wheel has got to: segment 0 is [salt, WHEEL), segment 1 is [0, salt)."""

    salt: int
    segment: int = 0
    shuffle: int = -1
    id: str = ""


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


def filter_terms(args: dict) -> tuple[str, ...]:
    """The term rows a query needs, from the public filter names."""
    names = {"specialty": "specialty", "issue": "issue", "modality": "modality", "population": "population",
             "format": "format", "insurance": "insurance", "state": "state", "language": "language"}
    return tuple(f"{prefix}:{args[name]}" for name, prefix in names.items() if args.get(name))


def profile_terms(therapist) -> set[str]:
    """The filter terms a published profile answers to."""
    terms = {f"specialty:{s}" for s in therapist.specialties}
    terms |= {f"issue:{s}" for s in therapist.issues}
    terms |= {f"modality:{s}" for s in therapist.modalities}
    terms |= {f"population:{s}" for s in therapist.populations}
    terms |= {f"format:{s}" for s in therapist.formats}
    terms |= {f"insurance:{s}" for s in therapist.payer_ids}
    terms |= {f"state:{s}" for s in therapist.serves_states}
    terms |= {f"language:{s}" for s in therapist.languages}
    terms |= {f"identity:{s}" for s in therapist.identities}
    return terms


def profile_document(therapist) -> str:
    """Names and statements as one space-separated run of normalised words."""
    parts = [therapist.first_name, therapist.last_name, therapist.credentials, therapist.approach_statement,
             *therapist.specialty_statements.values()]
    return " ".join(search_words(" ".join(p for p in parts if p)))

"""The curated vocabulary of the directory: slugs and labels clients filter and match on.

Versioned (VERSION changes whenever a term is added, relabelled, renamed or merged). A renamed or
merged term keeps its old slug as an alias of its successor: aliases are resolved on every write
and filter, and a data migration rewrites stored profiles, so existing profiles keep working.
Unknown terms are refused (422), never stored, so every filter finds what was written.
The terms themselves are package data (profiles/data/*.json).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from rapport_shared.errors import Invalid

VERSION = "2026-12.1"


@dataclass(frozen=True)
class Payer:
    """One electronic payer id an insurer is billed under, and the states it is billed from."""

    payer_id: str
    name: str
    states: tuple[str, ...]


@dataclass(frozen=True)
class Term:
    slug: str
    label: str
    description: str = ""
    synonyms: tuple[str, ...] = ()  # lay words a client might use, in English
    synonyms_es: tuple[str, ...] = ()  # ... and in Spanish
    icd10: str = ""  # the ICD-10-CM category, where one fits
    group: str = ""  # a facet's sub-list: age, community, gender, ethnicity, faith, ...
    payer_id: str = ""  # insurers only: the usual electronic (clearinghouse) payer id
    covers: tuple[str, ...] = ()  # specialties only: the issues a therapist of that specialty works with
    # Insurers billed under a payer id per state instead (Medicare: each state's contractor). A therapist holding
    # any of them takes the insurer: Original Medicare pays any enrolled therapist whatever the client's state.
    payers: tuple[Payer, ...] = ()

    @property
    def payer_ids(self) -> tuple[str, ...]:
        """Every payer id the insurer is billed under."""
        return (self.payer_id,) if self.payer_id else tuple(p.payer_id for p in self.payers)

    def payer_for(self, state: str) -> str | None:
        """The payer id a therapist practising in `state` bills the insurer under."""
        if self.payer_id:
            return self.payer_id
        return next((p.payer_id for p in self.payers if state in p.states), None)


@dataclass(frozen=True)
class LicenseType:
    slug: str
    label: str
    taxonomy_code: str  # NUCC provider taxonomy code, billed on claims
    supervised: bool = False  # associates and interns practise under a supervising therapist


def _read(name: str):
    return json.loads(resources.files("profiles").joinpath("data", name).read_text(encoding="utf-8"))


def _terms(rows: list[dict]) -> dict[str, Term]:
    return {row["slug"]: Term(
        row["slug"], row["label"], row.get("description", ""), tuple(row.get("synonyms", ())),
        tuple(row.get("synonyms_es", ())), row.get("icd10", ""), row.get("group", ""), row.get("payer_id", ""),
        tuple(row.get("covers", ())),
        tuple(Payer(p["payer_id"], p["name"], tuple(p["states"])) for p in row.get("payers", ()))) for row in rows}


_DATA = _read("terms.json")
SPECIALTIES = _terms(_DATA["specialties"])
ISSUES = _terms(_read("issues.json"))
MODALITIES = _terms(_DATA["modalities"])
POPULATIONS = _terms(_DATA["populations"])
FORMATS = _terms([{"slug": "in_person", "label": "In person"}, {"slug": "video", "label": "Video"},
                  {"slug": "phone", "label": "Phone"}])
# Attributes a therapist may choose to show about themself (never required, never inferred).
IDENTITIES = _terms(_DATA["identities"])
LANGUAGES = _terms(_DATA["languages"])
INSURERS = _terms(_DATA["insurers"])
INSURER_BY_PAYER_ID = {payer_id: t for t in INSURERS.values() for payer_id in t.payer_ids}

LICENSE_TYPES: dict[str, LicenseType] = {t.slug: t for t in (
    LicenseType("lcsw", "Licensed Clinical Social Worker (LCSW)", "1041C0700X"),
    LicenseType("lmft", "Licensed Marriage and Family Therapist (LMFT)", "106H00000X"),
    LicenseType("lpc", "Licensed Professional Counselor (LPC)", "101YP2500X"),
    LicenseType("lpcc", "Licensed Professional Clinical Counselor (LPCC)", "101YP2500X"),
    LicenseType("lmhc", "Licensed Mental Health Counselor (LMHC)", "101YM0800X"),
    LicenseType("psychologist", "Psychologist (PhD/PsyD)", "103T00000X"),
    LicenseType("amft", "Associate Marriage and Family Therapist (AMFT)", "106H00000X", supervised=True),
    LicenseType("aswcsw", "Associate Clinical Social Worker (ASW)", "1041C0700X", supervised=True),
    LicenseType("apcc", "Associate Professional Clinical Counselor (APCC)", "101YP2500X", supervised=True),
    LicenseType("counselor-intern", "Counselor intern", "101YP2500X", supervised=True),
)}

FACETS: dict[str, dict[str, Term]] = {
    "specialties": SPECIALTIES,
    "issues": ISSUES,
    "modalities": MODALITIES,
    "populations": POPULATIONS,
    "formats": FORMATS,
    "identities": IDENTITIES,
    "languages": LANGUAGES,
    "insurers": INSURERS,
}
# Old slug -> its successor, per facet: what a rename or merge left behind.
ALIASES: dict[str, dict[str, str]] = {facet: dict(pairs) for facet, pairs in _DATA["aliases"].items()}

US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
    "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR".split()
)


def current(facet: str, slug: str) -> str:
    """The slug a term goes by now: itself, or the successor of a renamed or merged term."""
    return ALIASES.get(facet, {}).get(slug, slug)


def check_terms(field: str, facet: str, values: list[str] | None) -> list[str]:
    """`values` as current terms of `facet` (aliases resolved, de-duplicated, order kept); 422 for unknown ones."""
    known = FACETS[facet]
    values = list(dict.fromkeys(current(facet, v) for v in values or []))
    unknown = [v for v in values if v not in known]
    if unknown:
        raise Invalid(
            f"unknown {facet} term(s): {', '.join(unknown)}; see GET /v1/taxonomy",
            slug="unknown-term",
            errors=[{"in": "json", "field": field, "message": f"unknown term {v!r}"} for v in unknown],
        )
    return values


def check_term(field: str, facet: str, value: str | None, location: str = "json") -> str | None:
    """`value` as a current term of `facet` (an alias resolved); 422 when unknown."""
    if value is None:
        return None
    value = current(facet, value)
    if value not in FACETS[facet]:
        raise Invalid(f"unknown {facet} term {value!r}; see GET /v1/taxonomy", slug="unknown-term",
                      errors=[{"in": location, "field": field, "message": f"unknown term {value!r}"}])
    return value


def check_states(field: str, values: list[str] | None) -> list[str]:
    values = list(dict.fromkeys(values or []))
    unknown = [v for v in values if v not in US_STATES]
    if unknown:
        raise Invalid(f"unknown state(s): {', '.join(unknown)}", slug="unknown-term",
                      errors=[{"in": "json", "field": field, "message": f"unknown state {v!r}"} for v in unknown])
    return values


def _term_document(term: Term) -> dict:
    doc: dict[str, Any] = {"slug": term.slug, "label": term.label}
    for name in ("description", "group", "icd10", "payer_id"):
        if getattr(term, name):
            doc[name] = getattr(term, name)
    if term.covers:
        doc["covers"] = list(term.covers)
    if term.payers:
        doc["payers"] = [{"payer_id": p.payer_id, "name": p.name, "states": list(p.states)} for p in term.payers]
    if term.synonyms or term.synonyms_es:
        doc["synonyms"] = list(term.synonyms)
        doc["synonyms_es"] = list(term.synonyms_es)
    return doc


def as_document() -> dict:
    """The whole vocabulary, as `GET /v1/taxonomy` serves it."""
    doc: dict = {"version": VERSION}
    for facet, terms in FACETS.items():
        doc[facet] = [_term_document(t) for t in terms.values()]
    doc["license_types"] = [{"slug": t.slug, "label": t.label, "taxonomy_code": t.taxonomy_code,
                             "supervised": t.supervised} for t in LICENSE_TYPES.values()]
    doc["aliases"] = ALIASES
    return doc


DOCUMENT = as_document()
# A strong validator of the whole document: changes exactly when the vocabulary does.
DOCUMENT_ETAG = '"' + hashlib.sha256(json.dumps(DOCUMENT, sort_keys=True).encode()).hexdigest()[:32] + '"'

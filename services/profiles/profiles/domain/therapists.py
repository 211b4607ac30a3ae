"""A therapist's profile and its lifecycle: draft -> published -> unpublished (-> published)."""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rapport_shared.errors import Conflict, Invalid
from rapport_shared.pagination import Order, SortKey

from . import taxonomy
from .licenses import License, valid_licenses
from .npi import check_npi

DRAFT, PUBLISHED, UNPUBLISHED = "draft", "published", "unpublished"
BOOKING_MODES = ("instant", "request")
# Like the peers' bio boxes: a 640-character approach, 360 characters per specialty statement.
APPROACH_MAX, SPECIALTY_STATEMENT_MAX = 640, 360

# Fields a profile edit may change; everything else (status, practice, versions) is the server's.
EDITABLE = (
    "first_name", "last_name", "credentials", "pronouns", "photo_url", "npi", "taxonomy_code", "specialties",
    "issues", "modalities", "populations", "formats", "languages", "identities", "payer_ids",
    "self_pay_fee_cents", "sliding_scale", "sliding_scale_min_cents", "locations", "teletherapy_states",
    "accepting_new_clients", "approach_statement", "specialty_statements", "booking_mode", "supervisor_id",
)
TERM_FIELDS = {"specialties": "specialties", "issues": "issues", "modalities": "modalities",
               "populations": "populations", "formats": "formats", "languages": "languages",
               "identities": "identities"}


def new_shuffle() -> int:
    """A therapist's fixed place on the rotation wheel that fair ordering turns each hour."""
    return random.SystemRandom().randrange(2**31)


@dataclass
class Therapist:
    id: str
    practice_id: str
    first_name: str
    last_name: str
    created_at: dt.datetime
    updated_at: dt.datetime
    credentials: str = ""
    pronouns: str | None = None
    npi: str | None = None
    status: str = DRAFT
    status_reason: str | None = None
    published_at: dt.datetime | None = None
    version: int = 1
    photo_url: str | None = None
    taxonomy_code: str | None = None
    specialties: list = field(default_factory=list)
    issues: list = field(default_factory=list)
    modalities: list = field(default_factory=list)
    populations: list = field(default_factory=list)
    formats: list = field(default_factory=list)
    languages: list = field(default_factory=lambda: ["en"])
    identities: list = field(default_factory=list)
    payer_ids: list = field(default_factory=list)
    self_pay_fee_cents: int | None = None
    sliding_scale: bool = False
    sliding_scale_min_cents: int | None = None
    locations: list = field(default_factory=list)  # [{line1, line2?, city, state, zip, lat, lon}]
    teletherapy_states: list = field(default_factory=list)
    accepting_new_clients: bool = True
    approach_statement: str = ""
    specialty_statements: dict = field(default_factory=dict)  # specialty slug -> statement
    booking_mode: str = "request"
    supervisor_id: str | None = None
    shuffle: int = field(default_factory=new_shuffle)

    @property
    def display_name(self) -> str:
        name = f"{self.first_name} {self.last_name}".strip()
        return f"{name}, {self.credentials}" if self.credentials else name

    @property
    def serves_states(self) -> list[str]:
        """States whose clients may see this therapist: offices and teletherapy states."""
        states = [loc["state"] for loc in self.locations] + list(self.teletherapy_states)
        return sorted(set(states))

    def publish(self, now: dt.datetime, licenses: list[License]) -> None:
        if self.status == PUBLISHED:
            raise Conflict("the therapist is already published", slug="already-published")
        valid = valid_licenses(licenses, now.date())
        if not valid:
            raise Conflict("publishing needs at least one verified, unexpired license", slug="no-valid-license")
        if all(taxonomy.LICENSE_TYPES[lic.type].supervised for lic in valid) and not self.supervisor_id:
            raise Conflict("an associate or intern is listed only with a supervising therapist",
                           slug="supervisor-required")
        self.status, self.status_reason, self.published_at = PUBLISHED, None, now
        self.touch(now)

    def unpublish(self, now: dt.datetime, reason: str) -> None:
        if self.status != PUBLISHED:
            raise Conflict("the therapist is not published", slug="not-published")
        self.status, self.status_reason = UNPUBLISHED, reason
        self.touch(now)

    def edit(self, changes: dict, now: dt.datetime) -> None:
        """Apply a profile edit; unknown terms, bad NPIs and overlong statements are refused whole."""
        unknown_fields = set(changes) - set(EDITABLE)
        if unknown_fields:
            raise Invalid("these fields cannot be changed", slug="read-only-field",
                          errors=[{"in": "json", "field": f, "message": "read-only"} for f in sorted(unknown_fields)])
        checked = check_profile_fields(changes)
        for name, value in checked.items():
            setattr(self, name, value)
        self.touch(now)

    def licensed_taxonomy_code(self, licenses: list[License], day: dt.date) -> str | None:
        """The NUCC code billed: the one set on the profile, else the first valid license's."""
        if self.taxonomy_code:
            return self.taxonomy_code
        valid = valid_licenses(licenses, day)
        return taxonomy.LICENSE_TYPES[valid[0].type].taxonomy_code if valid else None

    def touch(self, now: dt.datetime) -> None:
        """Record a change: a new version (and ETag) for readers and event consumers."""
        self.updated_at = now
        self.version += 1


# A practice's own list of its therapists (drafts included), by name.
BY_NAME = Order(SortKey("last_name"), SortKey("first_name"), SortKey("id"))


def check_profile_fields(changes: dict) -> dict:
    """Validated (and normalised) profile fields: vocabulary, NPI, statements, fees.

    Every problem is found before refusing, so one 422 lists them all (a file import shows each row's whole
    list); the detail and slug are the first problem's.
    """
    checked = dict(changes)
    problems = Problems()
    for name, facet in TERM_FIELDS.items():
        if name in checked:
            with problems.gathered():
                checked[name] = taxonomy.check_terms(name, facet, checked[name])
    if "npi" in checked:
        with problems.gathered():
            check_npi(checked["npi"])
    if "teletherapy_states" in checked:
        with problems.gathered():
            checked["teletherapy_states"] = taxonomy.check_states("teletherapy_states", checked["teletherapy_states"])
    if "taxonomy_code" in checked and checked["taxonomy_code"] is not None:
        codes = {t.taxonomy_code for t in taxonomy.LICENSE_TYPES.values()}
        if checked["taxonomy_code"] not in codes:
            problems.add(Invalid(f"unknown taxonomy code {checked['taxonomy_code']!r}", slug="unknown-term",
                                 errors=[{"in": "json", "field": "taxonomy_code",
                                          "message": "not a behavioral-health code"}]))
    if "specialty_statements" in checked:
        statements = checked["specialty_statements"] or {}
        with problems.gathered():
            taxonomy.check_terms("specialty_statements", "specialties", list(statements))
        too_long = [slug for slug, text in statements.items() if len(text) > SPECIALTY_STATEMENT_MAX]
        if too_long:
            problems.add(Invalid(f"a specialty statement is at most {SPECIALTY_STATEMENT_MAX} characters",
                                 errors=[{"in": "json", "field": f"specialty_statements.{s}", "message": "too long"}
                                         for s in too_long]))
    if "booking_mode" in checked and checked["booking_mode"] not in BOOKING_MODES:
        problems.add(Invalid("booking_mode is instant or request",
                             errors=[{"in": "json", "field": "booking_mode", "message": "unknown mode"}]))
    problems.raise_any()
    return checked


class Problems:
    """Invalid inputs gathered from several checks, refused together as one Invalid."""

    def __init__(self):
        self.found: list[Invalid] = []

    def add(self, problem: Invalid) -> None:
        self.found.append(problem)

    @contextmanager
    def gathered(self) -> Iterator[None]:
        try:
            yield
        except Invalid as problem:
            self.found.append(problem)

    def raise_any(self) -> None:
        if not self.found:
            return
        first = self.found[0]
        if len(self.found) == 1:
            raise first
        errors = [e for problem in self.found for e in (problem.errors or [])]
        raise Invalid(first.detail, slug=first.slug, errors=errors)


def check_statements_cover_specialties(therapist: Therapist) -> None:
    """Per-specialty statements are only for specialties the therapist lists."""
    stray = [s for s in therapist.specialty_statements if s not in therapist.specialties]
    if stray:
        raise Invalid("a specialty statement needs that specialty in `specialties`",
                      errors=[{"in": "json", "field": f"specialty_statements.{s}", "message": "specialty not listed"}
                              for s in stray])

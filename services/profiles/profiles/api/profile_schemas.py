"""HTTP shapes of therapist profiles, licenses, search, matching and the taxonomy."""
from collections.abc import Callable
from typing import Any

import marshmallow as ma
from marshmallow import validate
from webargs.fields import DelimitedList

from rapport_shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, PageArgs, page_schema
from rapport_shared.problems import flatten_errors
from rapport_shared.schemas import HTTPS_URL, TIME_ZONE, Input, Strings

from ..domain.imports import MAX_ROWS
from ..domain.search import FILTERS, SORTS
from ..domain.taxonomy import LICENSE_TYPES, US_STATES
from ..domain.therapists import APPROACH_MAX, BOOKING_MODES, SPECIALTY_STATEMENT_MAX
from .schemas import NPI

TERM = ma.fields.String(validate=validate.Length(min=1, max=60))
MAX_STATEMENTS = 30


def _at_most_statements(statements: dict) -> None:
    if len(statements) > MAX_STATEMENTS:
        raise ma.ValidationError(f"at most {MAX_STATEMENTS} specialty statements")
STATE = validate.Regexp(r"^[A-Z]{2}$", error="a two-letter state code")
PAYER_ID = validate.Regexp(r"^[A-Za-z0-9-]{1,20}$", error="a payer id is 1-20 letters, digits or hyphens")
ZIP = validate.Regexp(r"^\d{5}$", error="a 5-digit ZIP code")


def term_list(max_items: int = 30, **kwargs):
    return ma.fields.List(TERM, validate=validate.Length(max=max_items), **kwargs)


class LocationIn(Input):
    line1 = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    line2 = ma.fields.String(validate=validate.Length(max=200))
    city = ma.fields.String(required=True, validate=validate.Length(min=1, max=100))
    state = ma.fields.String(required=True, validate=STATE)
    zip = ma.fields.String(required=True, validate=ZIP)


class LocationOut(LocationIn):
    lat = ma.fields.Float(dump_only=True)
    lon = ma.fields.Float(dump_only=True)


class ProfileFields(Input):
    """What staff (and, for most fields, the therapist) may write. No status, practice or verification."""

    credentials = ma.fields.String(validate=validate.Length(max=100))
    pronouns = ma.fields.String(allow_none=True, validate=validate.Length(max=40))
    photo_url = ma.fields.Url(allow_none=True, schemes={"https"},
                              validate=[validate.Length(max=500), validate.Regexp(HTTPS_URL)])
    npi = ma.fields.String(allow_none=True, validate=NPI, metadata={"description": "staff only; Luhn-checked"})
    taxonomy_code = ma.fields.String(allow_none=True, validate=validate.Length(max=10),
                                     metadata={"description": "NUCC code; staff only"})
    specialties = term_list()
    issues = term_list()
    modalities = term_list()
    populations = term_list()
    formats = term_list(3, metadata={"description": "in_person | video | phone"})
    languages = term_list()
    identities = term_list(metadata={"description": "optional; only what the therapist chooses to show"})
    payer_ids = ma.fields.List(ma.fields.String(validate=PAYER_ID), validate=validate.Length(max=50))
    self_pay_fee_cents = ma.fields.Integer(allow_none=True, validate=validate.Range(min=0, max=1_000_000))
    sliding_scale = ma.fields.Boolean()
    sliding_scale_min_cents = ma.fields.Integer(allow_none=True, validate=validate.Range(min=0, max=1_000_000))
    locations = ma.fields.List(ma.fields.Nested(LocationIn), validate=validate.Length(max=3))
    teletherapy_states = ma.fields.List(ma.fields.String(validate=STATE), validate=validate.Length(max=60))
    accepting_new_clients = ma.fields.Boolean()
    approach_statement = ma.fields.String(validate=validate.Length(max=APPROACH_MAX))
    specialty_statements = ma.fields.Dict(
        keys=TERM, values=ma.fields.String(validate=validate.Length(max=SPECIALTY_STATEMENT_MAX)),
        validate=_at_most_statements,
        metadata={"maxProperties": MAX_STATEMENTS,  # a map's size (a Length validator would document maxLength)
                  "description": "the therapist's own words per specialty, keyed by a specialty of the taxonomy "
                                 f"(a slug of 1-60 characters); at most {MAX_STATEMENTS}"})
    booking_mode = ma.fields.String(validate=validate.OneOf(BOOKING_MODES))
    supervisor_id = ma.fields.String(allow_none=True, validate=validate.Length(max=36),
                                     metadata={"description": "supervising therapist of an associate; staff only"})


class NewTherapistFields(ProfileFields):
    first_name = ma.fields.String(required=True, validate=validate.Length(min=1, max=100))
    last_name = ma.fields.String(required=True, validate=validate.Length(min=1, max=100))


PRACTICE_ID: dict[str, Any] = dict(validate=validate.Length(max=36),
                                   metadata={"description": "admins only; staff create in their own practice"})


class TherapistCreate(NewTherapistFields):
    practice_id = ma.fields.String(**PRACTICE_ID)


class TherapistPatch(ProfileFields):
    first_name = ma.fields.String(validate=validate.Length(min=1, max=100))
    last_name = ma.fields.String(validate=validate.Length(min=1, max=100))


class LicenseIn(Input):
    # Checked by the domain (every problem of a row is reported at once); the enum tells clients.
    type = ma.fields.String(required=True, validate=validate.Length(min=1, max=32),
                            metadata={"description": "a license type slug from GET /v1/taxonomy",
                                      "enum": sorted(LICENSE_TYPES)})
    number = ma.fields.String(required=True, validate=[validate.Length(max=40), validate.Regexp(
        r"^[A-Za-z0-9.-]([A-Za-z0-9. -]*[A-Za-z0-9.-])?$", error="letters, digits, dots, hyphens and inner spaces")])
    state = ma.fields.String(required=True, validate=STATE, metadata={"enum": sorted(US_STATES)})
    expires_on = ma.fields.Date(required=True)


class ImportRow(NewTherapistFields):
    """One therapist of an import: what `POST /v1/therapists` takes (less practice_id), and a license."""

    license = ma.fields.Nested(LicenseIn, allow_none=True,
                               metadata={"description": "recorded unverified, as by POST .../licenses"})


class RowField(ma.fields.Raw):
    """A row is passed on as sent and loaded on its own (load_rows): a bad row, even one that is not an
    object, is that row's problem, reported by row, not the whole request's; so the document states
    what a good row is in words, and promises nothing more of a row's shape."""


def plain_loader(schema: ma.Schema) -> Callable[[Any], dict | None] | None:
    """A loader of what `schema.load` would load from a row that needs nothing but the schema's own fields
    and text cleaning, through those same fields; None for a row it cannot vouch for (any problem, an
    unknown or missing key, a nested row not an object), which the schema then loads itself, so every
    message stays the schema's. A file's thousand rows spent most of their checking in marshmallow's
    per-load machinery (hooks, every declared field visited, a nested load), not in the fields.

    None (no loader) when the schema holds more than that: other hooks, defaults, renamed keys.
    """
    hooks = {tag: list(entries) for tag, entries in getattr(schema, "_hooks", {None: [None]}).items() if entries}
    fields = schema.load_fields
    if hooks != {"pre_load": [("clean_text", False, {})]} or any(
            f.load_default is not ma.missing or f.data_key not in (None, name) or f.attribute not in (None, name)
            for name, f in fields.items()):
        return None
    nested: dict[str, Callable[[Any], dict | None]] = {}
    for name, field in fields.items():
        if isinstance(field, ma.fields.Nested):
            inner = plain_loader(field.schema) if not field.many and not field.validators else None
            if inner is None:
                return None
            nested[name] = inner
    required = frozenset(name for name, field in fields.items() if field.required)

    def load(raw: Any) -> dict | None:
        if type(raw) is not dict or not required <= raw.keys() or not raw.keys() <= fields.keys():
            return None
        try:
            cleaned = schema.clean_text(raw)  # type: ignore[attr-defined]
            loaded = {}
            for name, field in fields.items():  # declared order, as the schema loads
                if name not in cleaned:
                    continue
                value, inner = cleaned[name], nested.get(name)
                if inner is not None and value is not None:
                    value = inner(value)
                    if value is None:
                        return None
                else:
                    value = field.deserialize(value, name, cleaned)
                loaded[name] = value
            return loaded
        except ma.ValidationError:
            return None

    return load


IMPORT_ROW = ImportRow()
_LOAD_PLAIN_ROW = plain_loader(IMPORT_ROW)


def load_row(raw) -> dict:
    """{"fields": the loaded row or None, "errors": its schema problems ([{in, field, message}])}."""
    plain = _LOAD_PLAIN_ROW(raw) if _LOAD_PLAIN_ROW is not None else None
    if plain is not None:
        return {"fields": plain, "errors": []}
    try:
        return {"fields": IMPORT_ROW.load(raw), "errors": []}
    except ma.ValidationError as err:
        return {"fields": None, "errors": flatten_errors(err.messages, ("json",))}


class ImportIn(Input):
    practice_id = ma.fields.String(**PRACTICE_ID)
    dry_run = ma.fields.Boolean(load_default=False, metadata={"description": "check every row, write nothing"})
    allow_partial = ma.fields.Boolean(load_default=False,
                                      metadata={"description": "create the valid rows and skip the others"})
    rows = ma.fields.List(RowField(metadata={"description": "a therapist as POST /v1/therapists takes it (less "
                                                            "practice_id), with an optional `license` as POST "
                                                            ".../licenses takes it; checked row by row"}),
                          required=True, validate=validate.Length(min=1, max=MAX_ROWS))

    @ma.pre_load
    def clean_text(self, data, **kwargs):
        # Each row refuses bad text as its own problem (load_rows); here only the request's other fields.
        if not isinstance(data, dict) or "rows" not in data:
            return Input.clean_text(self, data)
        return {**Input.clean_text(self, {k: v for k, v in data.items() if k != "rows"}), "rows": data["rows"]}

    @ma.post_load
    def load_rows(self, data, **_kwargs):
        return {**data, "rows": [load_row(raw) for raw in data["rows"]]}


class ImportProblemOut(ma.Schema):
    in_ = ma.fields.String(data_key="in", attribute="in")
    row = ma.fields.Integer(metadata={"description": "0-based index in `rows`"})
    field = ma.fields.String(metadata={"description": "e.g. npi, license.expires_on"})
    message = ma.fields.String()


class ImportCreatedOut(ma.Schema):
    row = ma.fields.Integer()
    id = ma.fields.String(metadata={"description": "the new draft therapist"})
    license_id = ma.fields.String(allow_none=True)


class ImportReportOut(ma.Schema):
    dry_run = ma.fields.Boolean()
    created = ma.fields.List(ma.fields.Nested(ImportCreatedOut))
    errors = ma.fields.List(ma.fields.Nested(ImportProblemOut))
    valid_rows = ma.fields.Integer(metadata={"description": "rows created, or that a dry run would create"})


class LicenseOut(LicenseIn):
    id = ma.fields.String(dump_only=True)
    status = ma.fields.String(dump_only=True)
    verified = ma.fields.Boolean(dump_only=True)
    verified_at = ma.fields.AwareDateTime(dump_only=True, allow_none=True)
    verified_by = ma.fields.String(dump_only=True, allow_none=True)


class LicenseList(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(LicenseOut))


def typical_response_field() -> ma.fields.Float:
    return ma.fields.Float(allow_none=True, metadata={
        "description": "median hours to answer a screening request over the recent ones (an instant booking "
                       "is answered at once, an unanswered request at its expiry); null until 3 are known"})


class TherapistOut(ProfileFields):
    id = ma.fields.String()
    practice_id = ma.fields.String()
    first_name = ma.fields.String()
    last_name = ma.fields.String()
    display_name = ma.fields.String()
    locations = ma.fields.List(ma.fields.Nested(LocationOut))
    status = ma.fields.String()
    status_reason = ma.fields.String(allow_none=True)
    published_at = ma.fields.AwareDateTime(allow_none=True)
    version = ma.fields.Integer()
    licenses = ma.fields.List(ma.fields.Nested(LicenseOut))
    typical_response_hours = typical_response_field()


class PublicTherapistOut(ma.Schema):
    id = ma.fields.String()
    practice_id = ma.fields.String()
    display_name = ma.fields.String()
    first_name = ma.fields.String()
    last_name = ma.fields.String()
    credentials = ma.fields.String()
    pronouns = ma.fields.String(allow_none=True)
    photo_url = ma.fields.String(allow_none=True, metadata={"format": "uri"})
    specialties = Strings()
    issues = Strings()
    modalities = Strings()
    populations = Strings()
    formats = Strings()
    languages = Strings()
    identities = Strings()
    payer_ids = Strings()
    self_pay_fee_cents = ma.fields.Integer(allow_none=True)
    sliding_scale = ma.fields.Boolean()
    accepting_new_clients = ma.fields.Boolean()
    booking_mode = ma.fields.String()
    teletherapy_states = Strings()
    locations = ma.fields.List(ma.fields.Nested(LocationOut))
    approach_excerpt = ma.fields.String(metadata={"description": "the first 270 characters of the approach"})
    distance_km = ma.fields.Float(allow_none=True, metadata={"description": "to the nearest office, with `near`"})
    typical_response_hours = typical_response_field()


def search_filter(name: str, description: str, item: ma.fields.Field | None = None) -> ma.fields.List:
    """A repeatable filter (`?issue=anxiety&issue=grief`: any of them); its enum is every value the server
    takes, renamed terms included."""
    allowed = sorted(FILTERS[name].values())
    item = item or ma.fields.String(validate=validate.Length(min=1, max=60), metadata={"enum": allowed})
    return ma.fields.List(item, validate=validate.Length(max=30), metadata={"description": description})


class SearchArgs(Input, PageArgs):
    specialty = search_filter("specialty", "specialty slugs")
    issue = search_filter("issue", "issue slugs")
    modality = search_filter("modality", "type of therapy slugs")
    population = search_filter("population", "population slugs (age groups included)")
    age_group = search_filter("age_group", "population slugs of the age group")
    identity = search_filter("identity", "identity slugs the therapist shows (faith and ethnicity included)")
    faith = search_filter("faith", "identity slugs of the faith group")
    ethnicity = search_filter("ethnicity", "identity slugs of the ethnicity group")
    language = search_filter("language", "language slugs")
    format = search_filter("format", "in_person | video | phone")
    insurer = search_filter("insurer", "insurer slugs from GET /v1/taxonomy")
    insurance = search_filter("insurance", "payer ids", ma.fields.String(validate=PAYER_ID))
    state = search_filter("state", "two-letter states: offices, teletherapy and licenses")
    near = ma.fields.String(validate=ZIP, metadata={"description": "US ZIP code"})
    radius_km = ma.fields.Float(validate=validate.Range(min=1, max=500), metadata={"description": "default 25"})
    accepting = ma.fields.Boolean(metadata={
        "description": "accepting new clients: the therapist says so and a free screening slot exists within "
                       "booking's horizon (false: the others)"})
    max_fee_cents = ma.fields.Integer(validate=validate.Range(min=0, max=1_000_000),
                                      metadata={"description": "self-pay fee at most this (therapists stating none "
                                                               "are left out)"})
    sliding_scale = ma.fields.Boolean(metadata={"description": "offers (or does not offer) a sliding scale"})
    q = ma.fields.String(validate=validate.Length(max=200), metadata={"description": "full text: names, statements"})
    sort = ma.fields.String(validate=validate.OneOf(sorted(SORTS)), metadata={
        "description": "relevance (needs q; the default with q), distance (needs near), soonest (free screening "
                       "slot), fee (lowest first), rotation (fair order; the default without q). Ties run in fair "
                       "rotation; a cursor belongs to its sort"})
    facets = DelimitedList(ma.fields.String(validate=validate.OneOf(sorted(FILTERS))), metadata={
        "description": "comma-separated filter names to count values of, e.g. issue,language"})


class SearchItemOut(PublicTherapistOut):
    next_screening_slot = ma.fields.AwareDateTime(allow_none=True, metadata={
        "description": "the soonest free screening call, from booking's availability"})


class TherapistPage(page_schema("TherapistPageItems", SearchItemOut)):  # type: ignore[misc]
    facets = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Dict(keys=ma.fields.String(),
                                                                          values=ma.fields.Integer()), metadata={
        "description": "with `facets`: filter name -> {value: therapists it would give with the other filters}; "
                       "values none would give are left out"})


class SpecialistOut(ma.Schema):
    therapist_id = ma.fields.String()
    display_name = ma.fields.String()
    pronouns = ma.fields.String(allow_none=True)
    photo_url = ma.fields.String(allow_none=True, metadata={"format": "uri"})
    formats = Strings()
    accepting_new_clients = ma.fields.Boolean()
    statement = ma.fields.String()


class SpecialtyPage(ma.Schema):
    slug = ma.fields.String()
    label = ma.fields.String()
    description = ma.fields.String()
    specialists = ma.fields.List(ma.fields.Nested(SpecialistOut))


class SpecialtyArgs(Input):
    limit = ma.fields.Integer(load_default=DEFAULT_LIMIT, validate=validate.Range(min=1, max=MAX_LIMIT))


class MatchIn(Input):
    # Room for a long first message (about 900 words): a client who writes at length is still heard.
    concerns = ma.fields.String(validate=validate.Length(max=5000),
                                metadata={"description": "the client's own words (up to 5,000 characters); used "
                                                         "for this answer only"})
    issues = term_list()
    specialties = term_list()
    modalities = term_list()
    populations = term_list()
    format = ma.fields.String(validate=validate.OneOf(["in_person", "video", "phone"]))
    payer_id = ma.fields.String(validate=PAYER_ID)
    payer_name = ma.fields.String(validate=validate.Length(max=100))
    zip = ma.fields.String(validate=ZIP)
    state = ma.fields.String(validate=STATE)
    language = TERM
    identities = term_list()
    time_zone = ma.fields.String(validate=TIME_ZONE, metadata={"description": "IANA zone for times"})
    limit = ma.fields.Integer(load_default=5, validate=validate.Range(min=1, max=10))


class MatchOut(ma.Schema):
    therapist_id = ma.fields.String()
    display_name = ma.fields.String()
    pronouns = ma.fields.String(allow_none=True)
    photo_url = ma.fields.String(allow_none=True, metadata={"format": "uri"})
    formats = Strings()
    score = ma.fields.Integer(metadata={"description": "0-100"})
    reasons = Strings()
    next_screening_slot = ma.fields.AwareDateTime(allow_none=True)
    typical_response_hours = typical_response_field()


class CrisisLineOut(ma.Schema):
    name = ma.fields.String()
    call = ma.fields.String()
    text = ma.fields.String()
    chat = ma.fields.String()
    when = ma.fields.String()


class CrisisOut(ma.Schema):
    message = ma.fields.String()
    lines = ma.fields.List(ma.fields.Nested(CrisisLineOut))


class MatchesOut(ma.Schema):
    crisis = ma.fields.Nested(CrisisOut, allow_none=True, metadata={
        "description": "present when the client's words speak of suicide or self-harm: show it first"})
    interpreted_terms = Strings(metadata={
        "description": "terms understood from the fields and the client's words (issue:, population:, ...)"})
    matches = ma.fields.List(ma.fields.Nested(MatchOut))


class TaxonomyOut(ma.Schema):
    version = ma.fields.String()
    specialties = ma.fields.List(ma.fields.Dict())
    issues = ma.fields.List(ma.fields.Dict())
    modalities = ma.fields.List(ma.fields.Dict())
    populations = ma.fields.List(ma.fields.Dict(), metadata={"description": "group: format, age or community"})
    formats = ma.fields.List(ma.fields.Dict())
    identities = ma.fields.List(ma.fields.Dict(), metadata={
        "description": "group: gender, sexuality, ethnicity, faith or practice"})
    languages = ma.fields.List(ma.fields.Dict())
    insurers = ma.fields.List(ma.fields.Dict(), metadata={
        "description": "US payers and their usual payer id (payer_id), or, for one billed per state (Medicare), "
                       "payers: [{payer_id, name, states}]; a therapist holding any of an insurer's ids takes it"})
    license_types = ma.fields.List(ma.fields.Dict())
    aliases = ma.fields.Dict(metadata={"description": "facet -> {old slug: its successor}"})

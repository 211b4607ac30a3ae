"""The curated vocabulary of the directory: slugs and labels clients filter and match on.

Versioned: a term is only ever added or relabelled; removing one needs a data migration first.
Unknown terms are refused (422), never stored, so every filter finds what was written.
"""
from __future__ import annotations

from dataclasses import dataclass

from rapport_shared.errors import Invalid

VERSION = "2026-11.1"


@dataclass(frozen=True)
class Term:
    slug: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class LicenseType:
    slug: str
    label: str
    taxonomy_code: str  # NUCC provider taxonomy code, billed on claims
    supervised: bool = False  # associates and interns practise under a supervising therapist


def _terms(*pairs: tuple[str, str]) -> dict[str, Term]:
    return {slug: Term(slug, label) for slug, label in pairs}


SPECIALTIES: dict[str, Term] = {t.slug: t for t in (
    Term("relational-therapy", "Relational therapy",
         "Therapy grounded in the idea that mutually satisfying relationships are necessary for emotional "
         "well-being: learning how you may push people away, and building healthier, longer-lasting "
         "relationships."),
    Term("couples-therapy", "Couples therapy",
         "Partners working together on communication, conflict, trust and intimacy."),
    Term("family-therapy", "Family therapy",
         "The family seen as a system: patterns between members, boundaries and enmeshment."),
    Term("trauma", "Trauma and PTSD",
         "Recovery from single-incident and complex trauma, including relational trauma from abuse, "
         "neglect or abandonment."),
    Term("attachment", "Attachment",
         "How early bonds shape closeness, trust and fear of abandonment in adult relationships."),
    Term("child-and-adolescent", "Children and adolescents",
         "Play therapy, adolescent DBT and family work for young people."),
    Term("eating-disorders", "Eating disorders", "Eating disorders, body image and the relationships around them."),
    Term("addictions", "Addictions", "Substance and behavioural addictions, and their effect on relationships."),
    Term("mood-disorders", "Mood disorders", "Depression, anxiety and other mood disorders."),
)}

ISSUES = _terms(
    ("relationship-distress", "Relationship distress"), ("relational-trauma", "Relational trauma"),
    ("complex-ptsd", "Complex PTSD"), ("ptsd", "PTSD"), ("attachment", "Attachment"), ("abuse", "Abuse"),
    ("neglect", "Neglect"), ("abandonment", "Abandonment"), ("enmeshment", "Enmeshment"),
    ("mood-disorders", "Mood disorders"), ("depression", "Depression"), ("anxiety", "Anxiety"),
    ("eating-disorders", "Eating disorders"), ("addictions", "Addictions"),
    ("low-self-esteem", "Low self-esteem"), ("body-image", "Body image"),
    ("chronic-pain-or-illness", "Chronic pain or illness"), ("personality-disorders", "Personality disorders"),
    ("grief", "Grief and loss"), ("infidelity", "Infidelity"), ("communication", "Communication problems"),
)

MODALITIES = _terms(
    ("relational", "Relational"), ("relational-cultural", "Relational-cultural"),
    ("psychodynamic", "Psychodynamic"), ("person-centered", "Person-centered"), ("cbt", "CBT"),
    ("dbt", "DBT"), ("adolescent-dbt", "Adolescent DBT"), ("emdr", "EMDR"),
    ("eft", "Emotionally focused therapy (EFT)"), ("mindfulness-based", "Mindfulness-based"),
    ("family-systems", "Family systems"), ("play-therapy", "Play therapy"), ("attachment-based", "Attachment-based"),
    ("gottman", "Gottman method"),
)

POPULATIONS = _terms(
    ("individuals", "Individuals"), ("couples", "Couples"), ("families", "Families"),
    ("children", "Children"), ("adolescents", "Adolescents"), ("groups", "Groups"), ("older-adults", "Older adults"),
)

FORMATS = _terms(("in_person", "In person"), ("video", "Video"), ("phone", "Phone"))

# Attributes a therapist may choose to show about themself (never required, never inferred).
IDENTITIES = _terms(
    ("woman", "Woman"), ("man", "Man"), ("non-binary", "Non-binary"), ("transgender", "Transgender"),
    ("lgbtq", "LGBTQ+"), ("lgbtq-affirming", "LGBTQ+ affirming"), ("black", "Black"), ("latinx", "Latinx"),
    ("asian", "Asian"), ("indigenous", "Indigenous"), ("middle-eastern", "Middle Eastern"),
    ("christian", "Christian"), ("jewish", "Jewish"), ("muslim", "Muslim"),
    ("culturally-responsive", "Culturally responsive practice"),
)

LANGUAGES = _terms(
    ("en", "English"), ("es", "Spanish"), ("zh", "Chinese"), ("tl", "Tagalog"), ("vi", "Vietnamese"),
    ("ar", "Arabic"), ("fr", "French"), ("ko", "Korean"), ("ru", "Russian"), ("de", "German"), ("pl", "Polish"),
    ("hi", "Hindi"), ("pt", "Portuguese"), ("it", "Italian"), ("ja", "Japanese"), ("asl", "American Sign Language"),
)

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
}

US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
    "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR".split()
)


def check_terms(field: str, facet: str, values: list[str] | None) -> list[str]:
    """`values` if every one is a known term of `facet`; otherwise 422 naming the field and term."""
    known = FACETS[facet]
    values = list(dict.fromkeys(values or []))  # de-duplicated, order kept
    unknown = [v for v in values if v not in known]
    if unknown:
        raise Invalid(
            f"unknown {facet} term(s): {', '.join(unknown)}; see GET /v1/taxonomy",
            slug="unknown-term",
            errors=[{"in": "json", "field": field, "message": f"unknown term {v!r}"} for v in unknown],
        )
    return values


def check_term(field: str, facet: str, value: str | None, location: str = "json") -> str | None:
    if value is not None and value not in FACETS[facet]:
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


def as_document() -> dict:
    """The whole vocabulary, as `GET /v1/taxonomy` serves it."""
    doc: dict = {"version": VERSION}
    for facet, terms in FACETS.items():
        doc[facet] = [{"slug": t.slug, "label": t.label, **({"description": t.description} if t.description else {})}
                      for t in terms.values()]
    doc["license_types"] = [{"slug": t.slug, "label": t.label, "taxonomy_code": t.taxonomy_code,
                             "supervised": t.supervised} for t in LICENSE_TYPES.values()]
    return doc

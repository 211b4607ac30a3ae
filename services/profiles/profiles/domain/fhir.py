"""A therapist as FHIR R4 resources: Practitioner + PractitionerRole in a collection Bundle."""
from __future__ import annotations

import datetime as dt

from . import taxonomy

NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi"
NUCC_SYSTEM = "http://nucc.org/provider-taxonomy"
LANGUAGE_SYSTEM = "urn:ietf:bcp:47"
SPECIALTY_SYSTEM = "https://rapport.example/fhir/CodeSystem/specialties"


def _nucc(code: str) -> dict:
    label = next((t.label for t in taxonomy.LICENSE_TYPES.values() if t.taxonomy_code == code), code)
    return {"coding": [{"system": NUCC_SYSTEM, "code": code, "display": label}], "text": label}


def practitioner(therapist, licenses: list, today: dt.date) -> dict:
    resource: dict = {
        "resourceType": "Practitioner",
        "id": therapist.id,
        "active": therapist.status == "published",
        "name": [{"use": "official", "family": therapist.last_name, "given": [therapist.first_name],
                  **({"suffix": [therapist.credentials]} if therapist.credentials else {}),
                  "text": therapist.display_name}],
        "communication": [{"coding": [{"system": LANGUAGE_SYSTEM, "code": code,
                                       "display": taxonomy.LANGUAGES[code].label}]}
                          for code in therapist.languages if code in taxonomy.LANGUAGES],
    }
    if therapist.npi:
        resource["identifier"] = [{"system": NPI_SYSTEM, "value": therapist.npi}]
    if therapist.photo_url:
        resource["photo"] = [{"url": therapist.photo_url}]
    qualifications = []
    for lic in licenses:
        if not lic.is_valid_on(today):
            continue
        kind = taxonomy.LICENSE_TYPES[lic.type]
        qualifications.append({
            "identifier": [{"system": f"urn:rapport:license:{lic.state}", "value": lic.number}],
            "code": _nucc(kind.taxonomy_code) | {"text": kind.label},
            "period": {"end": lic.expires_on.isoformat()},
            "issuer": {"display": f"{lic.state} state licensing board"},
        })
    if qualifications:
        resource["qualification"] = qualifications
    return resource


def practitioner_role(therapist, practice, licenses: list, today: dt.date) -> dict:
    code = therapist.licensed_taxonomy_code(licenses, today)
    resource: dict = {
        "resourceType": "PractitionerRole",
        "id": f"{therapist.id}-role",
        "active": therapist.status == "published",
        "practitioner": {"reference": f"Practitioner/{therapist.id}", "display": therapist.display_name},
        "organization": {"reference": f"Organization/{practice.id}", "display": practice.name},
        "specialty": [{"coding": [{"system": SPECIALTY_SYSTEM, "code": slug,
                                   "display": taxonomy.SPECIALTIES[slug].label}]}
                      for slug in therapist.specialties if slug in taxonomy.SPECIALTIES],
    }
    if code:
        resource["code"] = [_nucc(code)]
    return resource


def bundle(therapist, practice, licenses: list, today: dt.date) -> dict:
    resources = [practitioner(therapist, licenses, today), practitioner_role(therapist, practice, licenses, today)]
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": f"urn:rapport:{r['resourceType']}/{r['id']}", "resource": r} for r in resources],
    }

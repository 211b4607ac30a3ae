"""Domain objects -> the dicts the response schemas dump (shallow: the schemas copy what they dump)."""
from __future__ import annotations


def license_body(license_) -> dict:
    return {**vars(license_), "verified": license_.verified}


def therapist_body(therapist, licenses) -> dict:
    return {**vars(therapist), "display_name": therapist.display_name,
            "licenses": [license_body(lic) for lic in licenses]}


def public_body(hit) -> dict:
    therapist = hit.therapist
    return {**vars(therapist), "display_name": therapist.display_name,
            "approach_excerpt": therapist.approach_statement[:270], "distance_km": hit.distance_km}

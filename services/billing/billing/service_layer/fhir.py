"""FHIR R4 views of a claim (Claim) and a coverage (Coverage)."""
from __future__ import annotations

from rapport_shared.access import visible
from rapport_shared.db import utcnow
from rapport_shared.errors import NotFound
from rapport_shared.principal import Principal

from .claim_documents import claim_diagnoses
from .ports import BillingUnitOfWork

ICD10 = "http://hl7.org/fhir/sid/icd-10-cm"
CPT = "http://www.ama-assn.org/go/cpt"
NPI = "http://hl7.org/fhir/sid/us-npi"
RELATIONSHIP = {"18": "self", "01": "spouse", "19": "child", "G8": "other"}


def _money(cents: int) -> dict:
    return {"value": cents / 100, "currency": "USD"}


def claim_resource(uow: BillingUnitOfWork, principal: Principal, claim_id: str) -> dict:
    claim = visible(principal, uow.claims.get(claim_id), "claim")
    provider = uow.providers.get(claim.therapist_id)
    payer = uow.payers.get(id=claim.payer_ref) or {}
    status = "cancelled" if claim.status == "voided" else ("draft" if claim.status in ("draft", "scrubbed")
                                                              else "active")
    return {
        "resourceType": "Claim",
        "id": claim.id,
        "identifier": [{"system": "urn:rapport:patient-control-number", "value": claim.patient_control_number}],
        "status": status,
        "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/claim-type", "code": "professional"}]},
        "use": "claim",
        "patient": {"reference": f"Patient/{claim.client_id}"},
        "created": claim.created_at.isoformat(),
        "insurer": {"display": payer["name"], "identifier": {"value": payer["payer_id"]}},
        "provider": {"reference": f"Organization/{claim.practice_id}"},
        "priority": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/processpriority",
                                 "code": "normal"}]},
        "careTeam": [{"sequence": 1, "provider": {
            "reference": f"Practitioner/{claim.therapist_id}",
            **({"identifier": {"system": NPI, "value": provider.npi}} if provider and provider.npi else {})}}],
        "diagnosis": [{"sequence": i, "diagnosisCodeableConcept": {"coding": [{"system": ICD10, "code": code}]}}
                      for i, code in enumerate(claim_diagnoses(uow, claim), start=1)],
        "insurance": [{"sequence": 1, "focal": True, "coverage": {"reference": f"Coverage/{claim.coverage_id}"}}],
        "item": [{
            "sequence": line["line_number"],
            "careTeamSequence": [1],
            "diagnosisSequence": line["dx_pointers"],
            "productOrService": {"coding": [{"system": CPT, "code": line["cpt"]}]},
            **({"modifier": [{"coding": [{"system": CPT, "code": m}]} for m in line["modifiers"]]}
               if line["modifiers"] else {}),
            "servicedDate": line["service_date"],
            "locationCodeableConcept": {"coding": [{
                "system": "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set",
                "code": line["pos"]}]},
            "quantity": {"value": line["units"]},
            "net": _money(line["charge_cents"]),
        } for line in claim.lines],
        "total": _money(claim.total_cents),
    }


def coverage_resource(uow: BillingUnitOfWork, principal: Principal, client_id: str, coverage_id: str) -> dict:
    coverage = visible(principal, uow.coverages.get(coverage_id), "coverage")
    if coverage.client_id != client_id:
        raise NotFound("no such coverage")
    payer = uow.payers.get(id=coverage.payer_ref) or {}
    plan = uow.plans.get(id=coverage.plan_id) or {}
    period = {"start": coverage.effective_from.isoformat()}
    if coverage.effective_to:
        period["end"] = coverage.effective_to.isoformat()
    classes = [{"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/coverage-class",
                                     "code": "plan"}]}, "value": plan["id"], "name": plan["name"]}]
    if coverage.group_number:
        classes.append({"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/coverage-class",
                                             "code": "group"}]}, "value": coverage.group_number})
    return {
        "resourceType": "Coverage",
        "id": coverage.id,
        "status": "cancelled" if coverage.effective_to and coverage.effective_to < utcnow().date() else "active",
        "subscriberId": coverage.member_id,
        "beneficiary": {"reference": f"Patient/{client_id}"},
        "relationship": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/subscriber-relationship",
                                     "code": RELATIONSHIP.get(coverage.relationship, "other")}]},
        "period": period,
        "payor": [{"display": payer["name"], "identifier": {"value": payer["payer_id"]}}],
        "class": classes,
    }

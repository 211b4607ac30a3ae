"""Gathering a claim's parts (practice, providers, client, coverage, payer) into a ClaimDocument."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..domain.claim_document import ClaimDocument, ClaimLine, Party
from ..domain.claims import Claim
from ..domain.clients import BillingClient
from ..domain.coverages import Coverage
from ..domain.fee_schedules import FeeSchedule
from ..domain.providers import BillingPractice, RenderingProvider
from . import fee_schedules
from .ports import BillingUnitOfWork


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def line_from_json(line: dict) -> ClaimLine:
    return ClaimLine(line_number=line["line_number"], cpt=line["cpt"], charge_cents=line["charge_cents"],
                     service_date=dt.date.fromisoformat(line["service_date"]), pos=line["pos"],
                     modifiers=tuple(line["modifiers"]), units=line["units"], dx_pointers=tuple(line["dx_pointers"]),
                     charge_id=line.get("charge_id"))


def claim_diagnoses(uow: BillingUnitOfWork, claim: Claim) -> list[str]:
    """A draft follows the client's current diagnoses; a claim that has left keeps what it said."""
    return list(claim.diagnoses) if claim.sent else uow.diagnoses.codes(claim.client_id)


@dataclass(frozen=True)
class ClaimParts:
    """The rows a claim's document and checks are made of, read once per transaction."""

    practice: BillingPractice | None
    provider: RenderingProvider | None  # the claim's therapist
    client: BillingClient | None
    coverage: Coverage
    payer: dict
    own_fees: FeeSchedule
    diagnoses: list[str]  # what the claim says: the client's current ones while it is unsent


def claim_parts(uow: BillingUnitOfWork, claim: Claim, *, practice: BillingPractice | None = None,
                coverage: Coverage | None = None, payer: dict | None = None, own_fees: FeeSchedule | None = None,
                diagnoses: list[str] | None = None) -> ClaimParts:
    """Read the claim's parts, except those the caller already holds in this transaction (None: not held)."""
    if coverage is None:
        coverage = uow.coverages.get(claim.coverage_id)
    if payer is None:
        payer = uow.payers.get(id=claim.payer_ref)
    assert coverage is not None and payer is not None, "a claim's coverage and payer are never deleted"
    if practice is None:
        practice = uow.practices.get(claim.practice_id)
    if own_fees is None:
        own_fees, _allowed = fee_schedules.fees(uow, claim.practice_id, None)
    if claim.sent or diagnoses is None:
        diagnoses = claim_diagnoses(uow, claim)
    return ClaimParts(practice=practice, provider=uow.providers.get(claim.therapist_id),
                      client=uow.clients.get(claim.client_id), coverage=coverage, payer=payer, own_fees=own_fees,
                      diagnoses=list(diagnoses))


def build_document(uow: BillingUnitOfWork, claim: Claim, parts: ClaimParts | None = None,
                   as_of: dt.datetime | None = None) -> ClaimDocument:
    """The claim's document. `as_of`: an unsent claim checked to leave then, and dated so (a rejected one
    reopened too, not with its earlier submission's date); otherwise dated when sent, else when last changed."""
    parts = parts or claim_parts(uow, claim)
    practice, provider, client, coverage, payer = (parts.practice, parts.provider, parts.client, parts.coverage,
                                                   parts.payer)
    if provider is not None and provider.supervisor_id and payer["associates_bill_under_supervisor"]:
        # This payer takes an associate's claims under the supervising therapist as rendering provider.
        provider = uow.providers.get(provider.supervisor_id) or provider
    own = parts.own_fees
    billing_address = own.billing_address or (practice.address if practice else {})
    billing = Party(last_name=practice.name if practice else "", npi=practice.group_npi if practice else None,
                    address=billing_address or {}, tax_id=practice.tax_id if practice else None)
    rendering = Party(last_name=provider.last_name if provider else "",
                      first_name=provider.first_name if provider else "",
                      npi=provider.npi if provider else None, taxonomy=provider.taxonomy_code if provider else None)
    patient = Party(last_name=client.last_name if client else "", first_name=client.first_name if client else "",
                    address=(client.address if client else None) or {},
                    date_of_birth=_date(client.date_of_birth if client else None),
                    sex=client.sex if client else None, member_id=coverage.member_id)
    dependant: Party | None
    if coverage.relationship == "18":
        subscriber, dependant = patient, None
    else:
        sub = coverage.subscriber or {}
        subscriber = Party(last_name=sub.get("last_name", ""), first_name=sub.get("first_name", ""),
                           address=sub.get("address") or patient.address,
                           date_of_birth=_date(sub.get("date_of_birth")), sex=sub.get("sex"),
                           member_id=coverage.member_id)
        dependant = patient
    phone = re.sub(r"[^0-9]", "", (practice.phone if practice else "") or "")[-10:] or "0000000000"
    return ClaimDocument(
        claim_id=claim.id, patient_control_number=claim.patient_control_number, control_number=claim.seq,
        frequency=claim.frequency, billing=billing, rendering=rendering, subscriber=subscriber, patient=dependant,
        relationship=coverage.relationship, payer_name=payer["name"], payer_id=payer["payer_id"],
        claim_filing_indicator=payer["claim_filing_indicator"], group_number=coverage.group_number,
        diagnoses=tuple(parts.diagnoses), lines=tuple(line_from_json(line) for line in claim.lines),
        total_cents=claim.total_cents, original_reference=claim.original_reference,
        created_at=as_of if as_of is not None and not claim.sent else claim.submitted_at or claim.updated_at,
        billing_phone=phone,
    )

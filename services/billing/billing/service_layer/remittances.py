"""POST /v1/remittances: an 835 file posts exactly like an insurer's adjudication event."""
from __future__ import annotations

import uuid

from rapport_shared.access import may_manage
from rapport_shared.errors import Invalid
from rapport_shared.principal import Principal

from ..adapters.x12_validation import validate_x12
from ..domain.x835 import Unreadable835, parse_835
from .adjudications import adjudicate
from .ports import BillingUnitOfWork


def post_835(uow: BillingUnitOfWork, principal: Principal, text: str) -> list[dict]:
    """Validate (pyx12), read, and post each claim payment of the caller's practice, in one transaction."""
    try:
        found = parse_835(text)
        valid, errors = validate_x12(text.strip())
    except Unreadable835 as exc:
        raise Invalid(str(exc), slug="invalid-835") from exc
    except Exception as exc:  # noqa: BLE001 - pyx12 raises many kinds on malformed text
        raise Invalid("the 835 could not be read", slug="invalid-835") from exc
    if not valid:
        raise Invalid("the 835 is not valid X12", slug="invalid-835",
                      errors=[{"in": "body", "field": "835", "message": e} for e in errors[:20]])
    results = []
    with uow:
        for item in found:
            claim = uow.claims.by_control_number(item["patient_control_number"])
            if claim is None or not may_manage(principal, claim.practice_id):
                results.append({"patient_control_number": item["patient_control_number"], "outcome": "unknown claim"})
                continue
            data = {"claim_id": claim.id, "adjudication_id": item["payer_claim_number"],
                    "payer_claim_number": item["payer_claim_number"], "status": item["status"],
                    "paid_cents": item["paid_cents"], "lines": item["lines"]}
            outcome = adjudicate(uow, data, sender=principal.subject, source="835", message_id=str(uuid.uuid4()))
            results.append({"patient_control_number": item["patient_control_number"], "claim_id": claim.id,
                            "outcome": outcome})
        uow.commit()
    return results

"""The scrubber: every rule a claim must pass before it leaves, as machine-readable errors."""
from __future__ import annotations

import datetime as dt
import re

from .claim_document import FREQUENCY_ORIGINAL, ClaimDocument
from .codes import KNOWN_CPTS, add_on_errors, icd10_valid, npi_valid
from .x12 import text

SEX_CODES = ("F", "M", "U")


def _error(code: str, field: str, message: str) -> dict:
    return {"code": code, "field": field, "message": message}


def _address_errors(address: dict, field: str) -> list[dict]:
    errors = []
    for key in ("line1", "city", "state", "zip"):
        if not address.get(key):
            errors.append(_error("address.missing", f"{field}.{key}", f"{field} {key} is missing"))
    if address.get("state") and not re.fullmatch(r"[A-Z]{2}", address["state"]):
        errors.append(_error("address.state", f"{field}.state", "state must be a 2-letter code"))
    if address.get("zip") and not re.fullmatch(r"[0-9]{5}([0-9]{4})?", address["zip"].replace("-", "")):
        errors.append(_error("address.zip", f"{field}.zip", "ZIP must be 5 or 9 digits"))
    return errors


def scrub(doc: ClaimDocument, *, today: dt.date, timely_filing_days: int | None) -> list[dict]:
    """All problems with `doc`; an empty list means it may be sent."""
    errors: list[dict] = []
    # Names are checked as X12 will carry them (delimiters removed, upper case).
    if not text(doc.billing.last_name):
        errors.append(_error("name.missing", "billing_provider.name", "billing provider name is missing"))
    if not text(doc.rendering.last_name) or not text(doc.rendering.first_name):
        errors.append(_error("name.missing", "rendering_provider.name", "rendering provider name is missing"))
    if not npi_valid(doc.billing.npi):
        errors.append(_error("npi.invalid", "billing_provider.npi", "billing NPI fails its check digit"))
    if not npi_valid(doc.rendering.npi):
        errors.append(_error("npi.invalid", "rendering_provider.npi", "rendering NPI fails its check digit"))
    if not doc.billing.tax_id or not re.fullmatch(r"[0-9]{9}", doc.billing.tax_id):
        errors.append(_error("tax_id.invalid", "billing_provider.tax_id", "tax id must be 9 digits, no hyphen"))
    billing_zip = (doc.billing.address.get("zip") or "").replace("-", "")
    errors += _address_errors(doc.billing.address, "billing_provider.address")
    if billing_zip and len(billing_zip) != 9:
        errors.append(_error("address.zip", "billing_provider.address.zip", "billing provider ZIP needs 9 digits"))
    patient = doc.patient or doc.subscriber
    for who, party in (("subscriber", doc.subscriber), ("patient", patient)):
        if not text(party.last_name) or not text(party.first_name):
            errors.append(_error("name.missing", f"{who}.name", f"{who} name is missing"))
        if party.date_of_birth is None:
            errors.append(_error("dob.missing", f"{who}.date_of_birth", f"{who} date of birth is missing"))
        if party.sex not in SEX_CODES:
            errors.append(_error("sex.missing", f"{who}.sex", f"{who} sex must be F, M or U"))
        errors += _address_errors(party.address, f"{who}.address")
    if not doc.subscriber.member_id:
        errors.append(_error("member_id.missing", "subscriber.member_id", "member id is missing"))
    if not re.fullmatch(r"[A-Za-z0-9]{1,80}", doc.payer_id or ""):
        errors.append(_error("payer.id", "payer.payer_id", "payer id is missing or malformed"))
    if not doc.diagnoses:
        errors.append(_error("dx.missing", "diagnoses", "a claim needs at least one diagnosis"))
    if len(doc.diagnoses) > 12:
        errors.append(_error("dx.too_many", "diagnoses", "at most 12 diagnoses fit on a claim"))
    for index, code in enumerate(doc.diagnoses):
        if not icd10_valid(code):
            errors.append(_error("icd.format", f"diagnoses[{index}]", f"{code!r} is not an ICD-10-CM code"))
    if not doc.lines:
        errors.append(_error("lines.missing", "lines", "a claim needs at least one service line"))
    if len(doc.lines) > 50:
        errors.append(_error("lines.too_many", "lines", "at most 50 lines fit on a professional claim"))
    for line in doc.lines:
        where = f"lines[{line.line_number - 1}]"
        if line.cpt not in KNOWN_CPTS:
            errors.append(_error("cpt.unknown", f"{where}.cpt", f"{line.cpt} is not a service this practice bills"))
        if line.charge_cents <= 0:
            errors.append(_error("charge.missing", f"{where}.charge", "the line has no charge amount"))
        if line.units < 1:
            errors.append(_error("units.invalid", f"{where}.units", "units must be at least 1"))
        if not line.dx_pointers or len(line.dx_pointers) > 4:
            errors.append(_error("dx.pointer", f"{where}.dx_pointers", "a line points at 1 to 4 diagnoses"))
        for pointer in line.dx_pointers:
            if not 1 <= pointer <= len(doc.diagnoses):
                errors.append(_error("dx.pointer", f"{where}.dx_pointers", f"pointer {pointer} has no diagnosis"))
        if not re.fullmatch(r"[0-9]{2}", line.pos or ""):
            errors.append(_error("pos.invalid", f"{where}.pos", "place of service must be 2 digits"))
        if timely_filing_days is not None and (today - line.service_date).days > timely_filing_days:
            errors.append(_error("timely_filing.expired", f"{where}.service_date",
                                 f"past the payer's {timely_filing_days}-day filing limit"))
        if line.service_date > today:
            errors.append(_error("service_date.future", f"{where}.service_date", "service date is in the future"))
    for code, message in add_on_errors([line.cpt for line in doc.lines]):
        errors.append(_error(code, "lines", message))
    if doc.total_cents != sum(line.charge_cents for line in doc.lines):
        errors.append(_error("claim.total_mismatch", "total", "claim total is not the sum of its lines"))
    if doc.frequency != FREQUENCY_ORIGINAL and not doc.original_reference:
        errors.append(_error("frequency.reference", "original_reference",
                             "a replacement or void needs the payer's original claim number"))
    if not re.fullmatch(r"[A-Za-z0-9]{1,20}", doc.patient_control_number):
        errors.append(_error("claim.control_number", "patient_control_number", "1-20 letters and digits"))
    return errors

"""Rendering a claim as an X12 005010X222A1 837P (professional) interchange."""
from __future__ import annotations

import re

from .claim_document import ClaimDocument, Party
from .codes import icd10_for_x12

VERSION = "005010X222A1"
SEGMENT, ELEMENT, COMPONENT, REPEAT = "~", "*", ":", "^"


def money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def text(value: str | None, limit: int = 60) -> str:
    """Upper-case text without X12 delimiters, cut to the element's maximum length."""
    cleaned = re.sub(r"[*~:^\n\r]", " ", (value or "")).strip().upper()
    return re.sub(r"\s+", " ", cleaned)[:limit]


def digits(value: str | None) -> str:
    return re.sub(r"[^0-9]", "", value or "")


def _segment(*elements: str) -> str:
    parts = list(elements)
    while len(parts) > 1 and parts[-1] == "":
        parts.pop()  # trailing empty elements are left out, as X12 requires
    return ELEMENT.join(parts) + SEGMENT


def _address(party: Party) -> list[str]:
    a = party.address
    street = [text(a.get("line1"), 55)] + ([text(a.get("line2"), 55)] if a.get("line2") else [])
    return [_segment("N3", *street),
            _segment("N4", text(a.get("city"), 30), text(a.get("state"), 2), digits(a.get("zip")))]


def _demographics(party: Party) -> list[str]:
    if party.date_of_birth is None:
        return []
    return [_segment("DMG", "D8", party.date_of_birth.strftime("%Y%m%d"), party.sex or "U")]


def render_837p(doc: ClaimDocument, *, usage: str = "T", sender_id: str = "RAPPORT") -> str:
    """The claim as one 837P interchange (ISA..IEA), segments ended by `~`."""
    when = doc.created_at
    control = f"{doc.control_number % 10**9:09d}"
    group = str(doc.control_number % 10**9)
    sender = text(sender_id, 15)
    receiver = text(doc.payer_id, 15)
    body: list[str] = [
        _segment("ST", "837", "0001", VERSION),
        _segment("BHT", "0019", "00", text(doc.patient_control_number, 30), when.strftime("%Y%m%d"),
                 when.strftime("%H%M"), "CH"),
        _segment("NM1", "41", "2", text(doc.billing.last_name), "", "", "", "", "46", sender),
        _segment("PER", "IC", "BILLING OFFICE", "TE", doc.billing_phone),
        _segment("NM1", "40", "2", text(doc.receiver_name or doc.payer_name), "", "", "", "", "46", receiver),
        _segment("HL", "1", "", "20", "1"),
    ]
    if doc.billing.taxonomy:
        body.append(_segment("PRV", "BI", "PXC", doc.billing.taxonomy))
    body += [_segment("NM1", "85", "2", text(doc.billing.last_name), "", "", "", "", "XX", doc.billing.npi or "")]
    body += _address(doc.billing)
    body.append(_segment("REF", "EI", digits(doc.billing.tax_id)))
    self_pay_subscriber = doc.patient is None
    body += [
        _segment("HL", "2", "1", "22", "0" if self_pay_subscriber else "1"),
        _segment("SBR", "P", "18" if self_pay_subscriber else "", text(doc.group_number, 50), "", "", "", "", "",
                 doc.claim_filing_indicator),
        _segment("NM1", "IL", "1", text(doc.subscriber.last_name), text(doc.subscriber.first_name, 35), "", "", "",
                 "MI", text(doc.subscriber.member_id, 80)),
    ]
    body += _address(doc.subscriber) + _demographics(doc.subscriber)
    body.append(_segment("NM1", "PR", "2", text(doc.payer_name), "", "", "", "", "PI", text(doc.payer_id, 80)))
    if doc.patient is not None:
        body += [_segment("HL", "3", "2", "23", "0"), _segment("PAT", doc.relationship),
                 _segment("NM1", "QC", "1", text(doc.patient.last_name), text(doc.patient.first_name, 35))]
        body += _address(doc.patient) + _demographics(doc.patient)
    body.append(_segment("CLM", text(doc.patient_control_number, 20), money(doc.total_cents), "", "",
                         COMPONENT.join([doc.place_of_service, "B", doc.frequency]), "Y", "A", "Y", "Y"))
    if doc.original_reference:
        body.append(_segment("REF", "F8", text(doc.original_reference, 50)))
    codes = [icd10_for_x12(code) for code in doc.diagnoses]
    body.append(_segment("HI", *[f"{'ABK' if i == 0 else 'ABF'}{COMPONENT}{code}" for i, code in enumerate(codes)]))
    body.append(_segment("NM1", "82", "1", text(doc.rendering.last_name), text(doc.rendering.first_name, 35), "", "",
                         "", "XX", doc.rendering.npi or ""))
    if doc.rendering.taxonomy:
        body.append(_segment("PRV", "PE", "PXC", doc.rendering.taxonomy))
    for line in doc.lines:
        procedure = COMPONENT.join(["HC", line.cpt, *line.modifiers[:4]])
        pointers = COMPONENT.join(str(p) for p in line.dx_pointers[:4])
        body += [
            _segment("LX", str(line.line_number)),
            _segment("SV1", procedure, money(line.charge_cents), "UN", str(line.units), "", "", pointers),
            _segment("DTP", "472", "D8", line.service_date.strftime("%Y%m%d")),
            _segment("REF", "6R", f"{doc.patient_control_number[:20]}L{line.line_number}"[:50]),
        ]
    body.append(_segment("SE", str(len(body) + 1), "0001"))
    isa = ELEMENT.join([
        "ISA", "00", " " * 10, "00", " " * 10, "ZZ", sender.ljust(15), "ZZ", receiver.ljust(15),
        when.strftime("%y%m%d"), when.strftime("%H%M"), REPEAT, "00501", control, "0", usage, COMPONENT,
    ]) + SEGMENT
    gs = _segment("GS", "HC", sender, receiver, when.strftime("%Y%m%d"), when.strftime("%H%M"), group, "X", VERSION)
    return "".join([isa, gs, *body, _segment("GE", "1", group), _segment("IEA", "1", control)])

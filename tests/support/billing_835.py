"""X12 835 remittances for tests, shaped as billing.md describes (pyx12 accepts them)."""
from __future__ import annotations


def money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def remittance_835(claims: list[dict], *, payer_name: str = "PRAIRIE MUTUAL HEALTH", payer_id: str = "RPM01",
                   control: int = 123, provider_adjustments: tuple[tuple[str, str, int], ...] = ()) -> str:
    """claims: [{pcn, status, charge, paid, patient, payer_claim_number, member_id, lines: [{cpt, charge, paid,
    service_date, adjustments: [(group, reason, cents)]}]}]; provider_adjustments: PLB (reason, reference, cents)"""
    total_paid = sum(c["paid"] for c in claims) - sum(cents for _r, _ref, cents in provider_adjustments)
    body = [
        "ST*835*0001",
        f"BPR*I*{money(total_paid)}*C*CHK************20261120",
        f"TRN*1*CHK{control}*1{payer_id.ljust(9, '0')[:9]}",
        "DTM*405*20261120",
        f"N1*PR*{payer_name}",
        "N3*1 PAYER WAY",
        "N4*CHICAGO*IL*60601",
        "PER*BL*CLAIMS*TE*3125550199",
        "N1*PE*NORTHSIDE RELATIONAL THERAPY*XX*1999999984",
        "LX*1",
    ]
    for claim in claims:
        body += [f"CLP*{claim['pcn']}*{claim['status']}*{money(claim['charge'])}*{money(claim['paid'])}*"
                 f"{money(claim['patient'])}*12*{claim['payer_claim_number']}",
                 f"NM1*QC*1*VALE*ROBIN****MI*{claim['member_id']}"]
        for line in claim["lines"]:
            body += [f"SVC*HC:{line['cpt']}*{money(line['charge'])}*{money(line['paid'])}**1",
                     f"DTM*472*{line['service_date'].replace('-', '')}"]
            groups: dict[str, list] = {}
            for group, reason, cents in line["adjustments"]:
                groups.setdefault(group, []).append((reason, cents))
            for group, items in groups.items():
                body.append("CAS*" + group + "*" + "*".join(f"{r}*{money(c)}*" for r, c in items).rstrip("*"))
            body.append(f"AMT*B6*{money(line['charge'] - sum(c for g, r, c in line['adjustments'] if g == 'CO'))}")
    for reason, reference, cents in provider_adjustments:
        body.append(f"PLB*1999999984*20261231*{reason}:{reference}*{money(cents)}")
    body.append(f"SE*{len(body) + 1}*0001")
    isa = (f"ISA*00*          *00*          *ZZ*{payer_id.ljust(15)}*ZZ*{'RAPPORT'.ljust(15)}*261120*1200*^*00501*"
           f"{control:09d}*0*T*:")
    segments = [isa, f"GS*HP*{payer_id}*RAPPORT*20261120*1200*{control}*X*005010X221A1", *body, f"GE*1*{control}",
                f"IEA*1*{control:09d}"]
    return "~".join(segments) + "~"


def session_clp(pcn: str, payer_claim_number: str, paid: int, adjustments: list[tuple[str, str, int]], *,
                status: str = "1", charge: int = 15000) -> dict:
    """One CLP for a one-line 90834 claim, as remittance_835 takes it; the patient's part is the PR adjustments."""
    return {"pcn": pcn, "status": status, "charge": charge, "paid": paid,
            "patient": sum(cents for group, _reason, cents in adjustments if group == "PR"),
            "payer_claim_number": payer_claim_number, "member_id": "PMH123456",
            "lines": [{"cpt": "90834", "charge": charge, "paid": paid, "service_date": "2026-11-02",
                       "adjustments": adjustments}]}

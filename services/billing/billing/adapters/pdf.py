"""Printable statements and superbills (fpdf2): plain tables, core fonts only."""
from __future__ import annotations

from fpdf import FPDF


def _money(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}${cents // 100:,}.{cents % 100:02d}"


def _latin1(text) -> str:
    return str(text if text is not None else "").encode("latin-1", "replace").decode("latin-1")


def _pending(cents: int | None) -> str:
    return "pending" if cents is None else _money(cents)  # the claim has no answer from insurance yet


TITLES = {"statement": "Statement", "superbill": "Superbill", "good_faith_estimate": "Good Faith Estimate"}


def render_pdf(document: dict, kind: str) -> bytes:
    """A one-page printable document: statement, superbill or Good Faith Estimate."""
    if kind == "good_faith_estimate":
        return _gfe(document)
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, _latin1(TITLES[kind]), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    practice = document["practice"]
    address = practice.get("address") or {}
    city = f"{address.get('city', '')} {address.get('state', '')} {address.get('zip', '')}"
    numbers = f"NPI {practice.get('npi') or '-'}   Tax id {practice.get('tax_id') or '-'}"
    for line in (practice["name"], address.get("line1"), city, numbers):
        pdf.cell(0, 5, _latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.cell(0, 5, _latin1(f"Client: {document['client']['name']}    Date: {document['date']}"),
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    if kind == "statement":
        rows: list[tuple[str, ...]] = [(e["date"], e["description"], _money(e["amount_cents"]))
                                       for e in document["entries"]]
        rows.append(("", "Balance due", _money(document["balance_cents"])))
        widths: tuple[int, ...] = (30, 120, 40)
    else:
        pdf.cell(0, 5, _latin1("Diagnoses: " + ", ".join(document["diagnoses"])), new_x="LMARGIN", new_y="NEXT")
        rows = [("Date", "Service", "Rendering provider", "Charge", "Insurance paid", "Your share")]
        rows += [(s["date"], f"{s['cpt']} {' '.join(s['modifiers'])} POS {s['pos']}",
                  f"{s['rendering_provider'] or ''} {s['rendering_npi'] or ''}", _money(s["charge_cents"]),
                  _pending(s["insurance_paid_cents"]), _pending(s["patient_share_cents"]))
                 for s in document["services"]]
        rows.append(("", "Totals", "", _money(document["total_charged_cents"]),
                     _money(document["total_insurance_paid_cents"]), _money(document["total_patient_share_cents"])))
        rows.append(("", "Total paid by you", "", "", "", _money(document["total_paid_cents"])))
        widths = (22, 30, 64, 22, 26, 26)
    for row in rows:
        for width, value in zip(widths, row, strict=True):
            pdf.cell(width, 6, _latin1(value), border=1)
        pdf.ln()
    return bytes(pdf.output())


def _gfe(document: dict) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, TITLES["good_faith_estimate"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    for line in (f"Provider: {document['provider'] or '-'}  NPI {document['provider_npi'] or '-'}  "
                 f"Tax id {document['provider_tax_id'] or '-'}",
                 f"Client: {document['client_name']}    Expected date of service: {document['service_date']}"):
        pdf.cell(0, 6, _latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for item in document["items"]:
        pdf.cell(60, 6, _latin1(f"CPT {item['cpt']}"), border=1)
        pdf.cell(40, 6, _money(item["expected_charge_cents"]), border=1)
        pdf.ln()
    pdf.cell(60, 6, "Total expected", border=1)
    pdf.cell(40, 6, _money(document["total_expected_cents"]), border=1)
    pdf.ln(10)
    pdf.multi_cell(0, 5, _latin1(document["notice"]))
    return bytes(pdf.output())

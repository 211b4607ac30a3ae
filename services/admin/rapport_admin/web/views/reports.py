"""Reports: what insurers owe by age and by payer, and what was collected each month."""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, render_template

from ..charts import bar_chart
from ..gateway import api, every
from ..guard import signed_in
from ..present import local, zone

bp = Blueprint("reports", __name__, url_prefix="/console/reports")
BUCKETS = ((30, "0-30 days"), (60, "31-60 days"), (90, "61-90 days"), (None, "90+ days"))
SETTLED = ("paid", "voided", "corrected", "denied")
MONTHS = 6


def _bucket(age_days: int) -> str:
    return next(label for limit, label in BUCKETS if limit is None or age_days <= limit)


def receivables(claims: list[dict], payers: dict[str, str], today: dt.date) -> tuple[dict, dict]:
    """What insurers still owe on open claims, by age since the service and by payer (cents)."""
    by_age = {label: 0 for _, label in BUCKETS}
    by_payer: dict[str, int] = {}
    for claim in claims:
        if claim["status"] in SETTLED:
            continue
        owed = claim["total_cents"] - (claim.get("paid_cents") or 0) - (claim.get("patient_responsibility_cents") or 0)
        if owed <= 0:
            continue
        served = min((line["service_date"][:10] for line in claim.get("lines") or []), default=today.isoformat())
        by_age[_bucket((today - dt.date.fromisoformat(served)).days)] += owed
        payer = payers.get(claim.get("payer_ref") or "", "Unknown payer")
        by_payer[payer] = by_payer.get(payer, 0) + owed
    return by_age, by_payer


def collections(payments: list[dict], months: list[str]) -> dict[str, int]:
    """Money collected (insurers and clients) per month of posting, in the practice's zone."""
    totals = {month: 0 for month in months}
    for payment in payments:
        month = local(payment["posted_at"]).strftime("%b %Y")  # type: ignore[union-attr]
        if month in totals:
            totals[month] += payment["amount_cents"]
    return totals


@bp.get("/")
@signed_in("staff", "admin")
def show():
    today = dt.datetime.now(zone()).date()
    payers = {p["id"]: p["name"] for p in api().get("/v1/payers")}
    by_age, by_payer = receivables(list(every("/v1/claims", pages=10)), payers, today)
    first = today.replace(day=1)
    months = []
    for _ in range(MONTHS):
        months.insert(0, first.strftime("%b %Y"))
        first = (first - dt.timedelta(days=1)).replace(day=1)
    collected = collections(list(every("/v1/payments", pages=10)), months)
    return render_template("reports.html", charts=[
        ("ar-age", bar_chart("Owed by insurers, by days since the service", by_age)),
        ("ar-payer", bar_chart("Owed by insurers, by payer", by_payer or {"(nothing owed)": 0})),
        ("collections", bar_chart(f"Collected by month ({zone().key})", collected))])

"""Reports: receivables by age and payer, collections by month, and their charts."""
import datetime as dt

from rapport_admin.web.charts import bar_chart
from rapport_admin.web.views.reports import collections, receivables

TODAY = dt.date(2026, 11, 28)


def claim(status: str, served: str, total=19000, paid=0, share=0, payer="p1"):
    return {"status": status, "total_cents": total, "paid_cents": paid, "patient_responsibility_cents": share,
            "payer_ref": payer, "lines": [{"service_date": served}]}


def test_open_claims_are_owed_by_age_since_the_service_and_by_payer():
    by_age, by_payer = receivables([
        claim("submitted", "2026-11-20"),
        claim("accepted", "2026-10-10", payer="p2"),
        claim("partially_paid", "2026-07-01", paid=10000, share=3000),
        claim("paid", "2026-11-01", paid=10500, share=3000),  # settled: owes nothing
        claim("denied", "2026-11-01"),
    ], {"p1": "Lakeshore", "p2": "Prairie"}, TODAY)
    assert by_age == {"0-30 days": 19000, "31-60 days": 19000, "61-90 days": 0, "90+ days": 6000}
    assert by_payer == {"Lakeshore": 25000, "Prairie": 19000}


def test_collections_count_by_month_in_the_practices_zone(monkeypatch):
    from zoneinfo import ZoneInfo

    from rapport_admin.web import present

    monkeypatch.setattr("rapport_admin.web.views.reports.local",
                        lambda v: dt.datetime.fromisoformat(v).astimezone(ZoneInfo("America/Chicago")))
    totals = collections([{"posted_at": "2026-11-01T03:00:00+00:00", "amount_cents": 3000},  # still 31 Oct in Chicago
                          {"posted_at": "2026-11-15T15:00:00+00:00", "amount_cents": 10500}], ["Oct 2026", "Nov 2026"])
    assert totals == {"Oct 2026": 3000, "Nov 2026": 10500}
    assert present.CARC["45"] == "charge above the contracted fee"


def test_bars_scale_to_the_largest_and_print_dollars():
    chart = bar_chart("Owed", {"0-30 days": 20000, "31-60 days": 10000, "90+ days": 0})
    widths = [b.width for b in chart.bars]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    assert [b.text for b in chart.bars] == ["$200.00", "$100.00", "$0.00"]

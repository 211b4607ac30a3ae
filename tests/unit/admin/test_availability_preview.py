"""The availability preview's week: today as the client's calendar has it, not the server's."""
import datetime as dt

from rapport_admin.web.views.availability import week_ahead


def test_the_preview_week_starts_on_the_clients_today_whatever_the_servers_date():
    evening_in_chicago = dt.datetime(2026, 11, 29, 0, 45, tzinfo=dt.timezone.utc)  # Sat 28 Nov, 6:45 pm there
    assert week_ahead("America/Chicago", evening_in_chicago) == (dt.date(2026, 11, 28), dt.date(2026, 12, 5))
    assert week_ahead("Asia/Tokyo", evening_in_chicago) == (dt.date(2026, 11, 29), dt.date(2026, 12, 6))
    assert week_ahead("UTC", evening_in_chicago) == (dt.date(2026, 11, 29), dt.date(2026, 12, 6))

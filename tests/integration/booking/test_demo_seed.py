"""The demo seed gives the demo therapists availability once, and never over existing data."""
from sqlalchemy import func, select

from booking.adapters import orm
from booking.demo import DEMO_AVAILABILITY, seed_demo


def test_demo_availability_is_seeded_once(make_service):
    app, settings = make_service("booking")
    assert seed_demo(settings) is True
    assert seed_demo(settings) is False
    with app.extensions["rapport.db"].reader() as session:
        assert session.scalar(select(func.count()).select_from(orm.availability)) == len(DEMO_AVAILABILITY)

import pytest
from support.booking import add_therapist, put_availability, staff, therapist


@pytest.fixture
def app(make_service):
    booking_app, _settings = make_service("booking")
    return booking_app


@pytest.fixture
def client(app):
    return app.test_client()


class Practice:
    def __init__(self, app, client, label: str, **settings):
        import uuid

        self.id = str(uuid.uuid4())
        self.staff = staff(self.id)
        self.therapist_id = add_therapist(app, self.id, name=f"Robin Vale {label}, LMFT")
        self.therapist = therapist(self.id, self.therapist_id)
        put_availability(client, self.therapist_id, self.staff, **settings)


@pytest.fixture
def practice(app, client):
    return Practice(app, client, "a")


@pytest.fixture
def other_practice(app, client):
    return Practice(app, client, "b")

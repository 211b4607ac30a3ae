import pytest
from support.profiles import create_admin, login, make_practice


@pytest.fixture
def profiles(make_service):
    app, _settings = make_service("profiles")
    return app


@pytest.fixture
def client(profiles):
    return profiles.test_client()


@pytest.fixture
def admin_token(profiles, client):
    return login(client, create_admin(profiles))


@pytest.fixture
def practice_a(client, admin_token):
    return make_practice(client, admin_token, "a")


@pytest.fixture
def practice_b(client, admin_token):
    return make_practice(client, admin_token, "b")

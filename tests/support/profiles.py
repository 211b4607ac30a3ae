"""Setting up practices, people and tokens in a profiles app under test."""
from __future__ import annotations

import datetime as dt
import os
import random
import uuid
from dataclasses import dataclass
from pathlib import Path

import jwt

from profiles.adapters.passwords import hash_password
from profiles.domain.accounts import Account
from profiles.domain.npi import is_valid_npi
from profiles.service_layer.unit_of_work import UnitOfWork
from rapport_shared.auth import key_id
from rapport_shared.db import utcnow

PASSWORD = "correct horse battery"


def private_key_pem() -> bytes:
    return (Path(os.environ["RAPPORT_VAR_DIR"]) / "keys" / "jwt-private.pem").read_bytes()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def sign(claims: dict, *, key: bytes | None = None, algorithm: str = "ES256", headers: dict | None = None,
         lifetime: int = 600) -> str:
    """A token as the issuer would make it, with any part overridable to forge a bad one."""
    key = key or private_key_pem()
    now = int(dt.datetime.now(dt.timezone.utc).timestamp())
    payload = {"iss": "rapport", "aud": "rapport-api", "iat": now, "exp": now + lifetime, **claims}
    header = {"kid": key_id(private_key_pem()), "typ": "at+jwt", **(headers or {})}
    return jwt.encode(payload, key, algorithm=algorithm, headers=header)


def create_admin(app, email: str = "admin@test.example") -> str:
    """Administrators are not created through the API; tests make one the way the seed does."""
    database = app.extensions["rapport.db"]
    with database.writer() as session:
        uow = UnitOfWork(session, app.extensions["rapport.exchange"])
        uow.accounts.add(Account(str(uuid.uuid4()), email, hash_password(PASSWORD), "admin", None, None, utcnow()))
        uow.commit()
    return email


def login(client, email: str, password: str = PASSWORD) -> str:
    response = client.post("/v1/auth/token", json={"email": email, "password": password})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["access_token"]


@dataclass
class PracticeFixture:
    id: str
    staff_token: str
    staff_email: str
    therapist_id: str  # a draft therapist of this practice
    therapist_token: str


def make_practice(client, admin_token: str, label: str) -> PracticeFixture:
    response = client.post("/v1/practices", headers=bearer(admin_token),
                           json={"name": f"Practice {label}", "time_zone": "America/New_York"})
    assert response.status_code == 201, response.get_json()
    practice_id = response.get_json()["id"]
    staff_email = f"staff-{label}-{uuid.uuid4().hex[:6]}@test.example"
    response = client.post(f"/v1/practices/{practice_id}/members", headers=bearer(admin_token),
                           json={"email": staff_email, "password": PASSWORD, "role": "staff"})
    assert response.status_code == 201, response.get_json()
    staff_token = login(client, staff_email)
    response = client.post("/v1/therapists", headers=bearer(staff_token),
                           json={"first_name": "Avery", "last_name": f"Quill-{label}", "credentials": "LCSW"})
    assert response.status_code == 201, response.get_json()
    therapist_id = response.get_json()["id"]
    therapist_email = f"therapist-{label}-{uuid.uuid4().hex[:6]}@test.example"
    response = client.post(f"/v1/practices/{practice_id}/members", headers=bearer(staff_token),
                           json={"email": therapist_email, "password": PASSWORD, "role": "therapist",
                                 "therapist_id": therapist_id})
    assert response.status_code == 201, response.get_json()
    return PracticeFixture(practice_id, staff_token, staff_email, therapist_id, login(client, therapist_email))


def add_verified_license(client, staff_token: str, therapist_id: str, *, state: str = "IL", type_: str = "lcsw",
                         expires_on: str | None = None) -> dict:
    """A license recorded and verified by staff: what publishing needs."""
    expires_on = expires_on or (dt.date.today() + dt.timedelta(days=365)).isoformat()
    response = client.post(f"/v1/therapists/{therapist_id}/licenses", headers=bearer(staff_token),
                           json={"type": type_, "number": f"{state}-{uuid.uuid4().hex[:8]}", "state": state,
                                 "expires_on": expires_on})
    assert response.status_code == 201, response.get_json()
    license_id = response.get_json()["id"]
    response = client.post(f"/v1/therapists/{therapist_id}/licenses/{license_id}/verify", headers=bearer(staff_token))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def edit(client, token: str, therapist_id: str, changes: dict):
    """PATCH a profile with the If-Match of its current version (the response, for assertions)."""
    current = client.get(f"/v1/therapists/{therapist_id}", headers=bearer(token))
    assert current.status_code == 200, current.get_json()
    return client.patch(f"/v1/therapists/{therapist_id}", json=changes,
                        headers={**bearer(token), "If-Match": current.headers["ETag"]})


def make_npi(serial: int) -> str:
    """A valid NPI (Luhn check digit) for each serial number below a billion."""
    payload = f"{serial:09d}"
    return next(payload + d for d in "0123456789" if is_valid_npi(payload + d))


def random_npi() -> str:
    """A made-up valid NPI for a system that keeps its data between tests."""
    return make_npi(random.randrange(100_000_000, 200_000_000))

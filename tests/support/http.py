"""Calling the running system through its gateway."""
from __future__ import annotations

import json
import time

import requests

DEMO_STAFF = ("staff@northside.example", "demo-staff-pass")
DEMO_ADMIN = ("admin@rapport.example", "demo-admin-pass")


class Gateway:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session = requests.Session()

    def request(self, method: str, path: str, token: str | None = None, **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.session.request(method, self.base_url + path, headers=headers, timeout=15, **kwargs)

    def get(self, path, token=None, **kw):
        return self.request("GET", path, token, **kw)

    def post(self, path, token=None, **kw):
        return self.request("POST", path, token, **kw)

    def login(self, email: str, password: str) -> str:
        response = self.post("/v1/auth/token", json={"email": email, "password": password})
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    def eventually(self, path: str, token: str | None = None, *, until=lambda r: r.status_code == 200,
                   timeout: float = 20.0) -> requests.Response:
        """Poll `path` until `until(response)`: read models follow events, not requests."""
        deadline = time.monotonic() + timeout
        while True:
            response = self.get(path, token)
            if until(response):
                return response
            assert time.monotonic() < deadline, f"{path}: still {response.status_code} {response.text[:200]}"
            time.sleep(0.1)


def assert_problem(response, *statuses: int) -> dict:
    """The problem+json 4xx `response` is (a requests response or an http.client one), with one of `statuses`."""
    status = getattr(response, "status_code", None) or response.status
    content_type = response.headers.get("Content-Type", "")
    body = response.text if hasattr(response, "text") else response.read().decode()
    assert 400 <= status < 500, (status, body[:300])
    if statuses:
        assert status in statuses, (status, body[:300])
    assert content_type.startswith("application/problem+json"), (status, content_type, body[:300])
    problem = json.loads(body)
    assert problem["status"] == status and problem["title"] and "<html" not in body.lower()
    return problem

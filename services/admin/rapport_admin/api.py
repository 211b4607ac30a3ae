"""A thin client of the gateway: JSON in and out, problem+json answers raised as ApiProblem."""
from __future__ import annotations

from dataclasses import dataclass

import requests


@dataclass
class ApiProblem(Exception):
    status: int
    title: str
    detail: str
    errors: list[dict]
    type: str = "about:blank"

    @classmethod
    def from_response(cls, response: requests.Response) -> "ApiProblem":
        try:
            body = response.json()
        except ValueError:
            body = {}
        return cls(
            status=response.status_code,
            title=body.get("title") or response.reason or "Error",
            detail=body.get("detail") or "",
            errors=body.get("errors") or [],
            type=body.get("type") or "about:blank",
        )


class Api:
    def __init__(self, gateway: str, token: str | None = None, timeout: float = 30.0):
        self.gateway = gateway.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.http = requests.Session()

    def request(self, method: str, path: str, *, json=None, params=None, headers=None, expect_json=True):
        headers = dict(headers or {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self.http.request(method, self.gateway + path, json=json, params=params, headers=headers,
                                         timeout=self.timeout)
        except requests.ConnectionError as exc:
            raise ApiProblem(0, "Gateway unreachable", f"cannot reach {self.gateway}: is the system running?",
                             []) from exc
        if response.status_code >= 400:
            raise ApiProblem.from_response(response)
        if not expect_json:
            return response
        return response.json() if response.content else None

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

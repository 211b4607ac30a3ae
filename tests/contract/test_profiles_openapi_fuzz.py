"""Schemathesis over profiles' OpenAPI document, in process: no input makes it answer 5xx, and the
answers it documents match their schemas."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from support.profiles import bearer, create_admin, login, make_practice
from support.profiles_directory import listed_therapist

# Bounded, so the whole document runs in well under a minute per backend.
EXAMPLES = 15


@pytest.fixture
def profiles(make_service):
    app, _settings = make_service("profiles")
    return app


def test_no_input_makes_profiles_answer_5xx(profiles):
    client = profiles.test_client()
    admin = login(client, create_admin(profiles))
    practice = make_practice(client, admin, "fuzz")
    listed = listed_therapist(client, practice.staff_token, "Fuzz", "Target", specialties=["trauma"])
    ids = {"therapist_id": listed["id"], "practice_id": practice.id, "slug": "trauma"}
    schema = schemathesis.openapi.from_wsgi("/openapi.json", profiles)
    failures, seen = [], []

    for operation in schema.get_all_operations():
        op = operation.ok()
        if op.path == "/v1/auth/token":
            continue  # password hashing per example is slow and says nothing new about 5xx

        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
        @given(case=op.as_strategy())
        def fuzz(case):
            # Aim at real objects so the fuzzing reaches past the 404s.
            for name, value in ids.items():
                if name in (case.path_parameters or {}):
                    case.path_parameters[name] = value
            headers = {**bearer(practice.staff_token)}
            if case.method == "PATCH":
                headers["If-Match"] = client.get(case.formatted_path, headers=headers).headers.get("ETag", '"v1"')
            response = case.call(headers=headers)
            seen.append(response.status_code)
            try:
                case.validate_response(response, checks=(not_a_server_error, response_schema_conformance))
            except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - collect every failure, report them together
                problems = getattr(exc, "exceptions", [exc])
                summary = "; ".join(" ".join(str(p).split())[:300] for p in problems)
                failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}: {summary}")

        fuzz()
    assert failures == [], "\n".join(sorted(set(failures)))
    assert sum(200 <= status < 300 for status in seen) > 20  # the fuzzing got past validation often

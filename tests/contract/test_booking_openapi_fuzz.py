"""Schemathesis over booking's OpenAPI document, in process: no input makes it answer 5xx."""
from __future__ import annotations

import uuid

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from support.booking import add_therapist, put_availability, staff


@pytest.fixture
def booking_app(make_service):
    app, _settings = make_service("booking")
    return app


def test_no_input_makes_booking_answer_5xx(booking_app):
    practice_id = str(uuid.uuid4())
    headers = staff(practice_id)
    therapist_id = add_therapist(booking_app, practice_id)
    put_availability(booking_app.test_client(), therapist_id, headers)
    schema = schemathesis.openapi.from_wsgi("/openapi.json", booking_app)
    failures, seen = [], []

    for operation in schema.get_all_operations():
        op = operation.ok()

        @settings(max_examples=25, deadline=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=op.as_strategy())
        def fuzz(case):
            # Aim at a real, configured therapist so the fuzzing reaches past the 404s.
            if "therapist_id" in (case.path_parameters or {}):
                case.path_parameters["therapist_id"] = therapist_id
            if isinstance(case.body, dict) and "therapist_id" in case.body:
                case.body["therapist_id"] = therapist_id
            response = case.call(headers={**headers})
            seen.append(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:300]}")

        fuzz()
    assert failures == []
    assert any(200 <= status < 300 for status in seen)  # the fuzzing got past validation somewhere

"""Clients generated from each service's OpenAPI document build cleanly, and speak to the service.

openapi-python-client is what a front-end team's Python tooling would use; a document it cannot
read without warnings, or errors it cannot type, break their builds. A booking flow through the
generated booking client gets typed answers, a double booking included.
"""
from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from support.booking import add_therapist, free_slots, put_availability, staff
from werkzeug.serving import make_server

SERVICES = ("profiles", "booking", "billing")
# The generator reads a request body it has no model for (an 835 file as text/plain) as bytes.
CONFIG = "content_type_overrides:\n  text/plain: application/octet-stream\n"


def generate(app, service: str, workdir: Path) -> str:
    """Generate `<service>_client` from the app's own document; returns the generator's output."""
    document = app.test_client().get("/openapi.json").get_json()
    spec, config = workdir / f"{service}.json", workdir / f"{service}-config.yaml"
    spec.write_text(json.dumps(document))
    config.write_text(CONFIG + f"package_name_override: {service}_client\nproject_name_override: {service}-client\n")
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}  # its ruff step
    result = subprocess.run(
        [str(bin_dir / "openapi-python-client"), "generate", "--path", str(spec), "--config", str(config),
         "--output-path", str(workdir / f"{service}_client"), "--meta", "none", "--overwrite"],
        capture_output=True, text=True, env=env, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    return output


@pytest.mark.parametrize("service", SERVICES)
def test_each_document_generates_a_client_without_warnings(make_service, backend, service, tmp_path):
    if backend != "sqlite":
        pytest.skip("the document does not depend on the database")
    app, _settings = make_service(service)
    output = generate(app, service, tmp_path)
    assert "warning" not in output.lower(), output
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tmp_path / f"{service}_client")], check=True)


@pytest.fixture
def served_booking(make_service):
    app, _settings = make_service("booking")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


def test_a_booking_through_the_generated_client_gets_typed_answers(served_booking, tmp_path, monkeypatch):
    app, url = served_booking
    generate(app, "booking", tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    client_package = importlib.import_module("booking_client")
    post_consultations = importlib.import_module("booking_client.api.consultations.post_consultations")
    models = importlib.import_module("booking_client.models")

    practice_id = "11111111-1111-4111-8111-111111111111"
    therapist_id = add_therapist(app, practice_id)
    put_availability(app.test_client(), therapist_id, staff(practice_id))
    start = free_slots(app.test_client(), therapist_id)[0]
    body = models.ConsultationIn.from_dict({
        "therapist_id": therapist_id, "start": start, "format": "video",
        "client": {"name": "Rowan Pell", "email": "rowan@example.com", "timezone": "America/Chicago"},
        "consent": {"email": True, "sms": False, "voicemail": False},
    })
    client = client_package.Client(base_url=url)

    booked = post_consultations.sync_detailed(client=client, body=body)
    assert booked.status_code == 201 and isinstance(booked.parsed, models.BookedOut)
    assert booked.parsed.manage_token and booked.parsed.therapist_id == therapist_id

    taken = post_consultations.sync_detailed(client=client, body=body)
    assert taken.status_code == 409 and isinstance(taken.parsed, models.Problem)
    assert taken.parsed.type_ == "urn:rapport:problem:slot-unavailable" and taken.parsed.status == 409

    bad = models.ConsultationIn.from_dict({**body.to_dict(), "format": "video", "therapist_id": "nobody"})
    refused = post_consultations.sync_detailed(client=client, body=bad)
    assert refused.status_code in (404, 422) and isinstance(refused.parsed, models.Problem)

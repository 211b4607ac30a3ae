"""A scrubber error links to the page where its field is put right."""
import pytest

from rapport_admin.web import create_app
from rapport_admin.web.config import ConsoleSettings
from rapport_admin.web.views.claims import fix_link

CLAIM = {"client_id": "c-1", "therapist_id": "t-1"}


@pytest.mark.parametrize(("field", "label", "target"), [
    ("patient.date_of_birth", "Fix the client's details", "/console/clients/c-1/edit"),
    ("subscriber.address.zip", "Fix the client's details", "/console/clients/c-1/edit"),
    ("diagnoses[0]", "Fix the diagnoses", "/console/clients/c-1#h-diagnoses"),
    ("subscriber.member_id", "Fix the coverage", "/console/clients/c-1#insurance"),
    ("payer.payer_id", "Fix the coverage", "/console/clients/c-1#insurance"),
    ("rendering_provider.npi", "Fix the therapist's profile", "/console/therapists/t-1/edit"),
])
def test_each_field_links_to_its_fix(tmp_path, field, label, target):
    app = create_app(ConsoleSettings("http://127.0.0.1:9", tmp_path / "sessions.sqlite3"))
    with app.test_request_context():
        assert fix_link(field, CLAIM) == (label, target)


def test_a_field_the_practice_cannot_fix_here_has_no_link(tmp_path):
    app = create_app(ConsoleSettings("http://127.0.0.1:9", tmp_path / "sessions.sqlite3"))
    with app.test_request_context():
        assert fix_link("billing_provider.tax_id", CLAIM) is None

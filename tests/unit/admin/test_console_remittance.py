"""The Payments page shows every claim of the last 835 with its outcome and reason, the PLB and the findings."""
from flask import render_template

from rapport_admin.web import create_app
from rapport_admin.web.config import ConsoleSettings

ANSWER = {
    "claims": [
        {"patient_control_number": "R1", "claim_id": "6f1c", "payer": "Lakeshore", "paid_cents": 10500,
         "outcome": "posted", "reason": None},
        {"patient_control_number": "X9", "claim_id": None, "payer": "Lakeshore", "paid_cents": 4000,
         "outcome": "unmatched", "reason": "no claim of this practice has this patient control number"},
    ],
    "provider_adjustments": [{"payer": "Lakeshore", "reason": "WO", "amount_cents": 1250, "reference": "OVP-7"}],
    "errors": [], "warnings": [{"segment": 4, "segment_id": "PER", "element": None, "message": "PER*BL is missing"}],
}


class Names:
    def client(self, _client_id):
        return ""


def test_each_claim_its_outcome_and_reason_then_the_plb_and_findings(tmp_path):
    app = create_app(ConsoleSettings("http://127.0.0.1:9", tmp_path / "sessions.sqlite3"))
    with app.test_request_context("/console/payments/"):
        html = render_template("payments.html", payments=[], names=Names(), remittance=ANSWER,
                               user={"email": "staff@x.example", "role": "staff"})
    assert "R1" in html and "$105.00" in html
    assert "no claim of this practice has this patient control number" in html
    assert "WO" in html and "$12.50" in html and "OVP-7" in html
    assert "PER*BL is missing" in html

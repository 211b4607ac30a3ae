"""The claim's lifecycle on the aggregate: each move allowed once, from the right status, or 409."""
import datetime as dt

import pytest

from billing.domain.claims import Claim
from rapport_shared.errors import Conflict

NOW = dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.timezone.utc)
LINE = {"line_number": 1, "charge_id": "ch1", "cpt": "90834", "modifiers": ["95"], "units": 1,
        "charge_cents": 15000, "service_date": "2026-11-02", "pos": "10", "dx_pointers": [1]}


def draft() -> Claim:
    return Claim.draft(id="6f1c2a5e-0000-4000-8000-000000000001", seq=7, practice_id="p1", client_id="c1",
                       coverage_id="cov1", payer_ref="payer1", therapist_id="t1", lines=[LINE], now=NOW)


def submitted() -> Claim:
    claim = draft()
    claim.scrubbed([], ["F41.1"], NOW)
    claim.submit(NOW)
    return claim


def test_a_draft_starts_unsent_with_its_total_and_a_control_number_for_the_payer():
    claim = draft()
    assert (claim.status, claim.version, claim.total_cents, claim.sent) == ("draft", 1, 15000, False)
    assert claim.patient_control_number.startswith("R") and len(claim.patient_control_number) == 20


def test_a_clean_scrub_then_submit_sends_it_and_each_move_is_a_new_version():
    claim = submitted()
    assert (claim.status, claim.submitted_at, claim.version, claim.diagnoses) == ("submitted", NOW, 3, ["F41.1"])


def test_a_scrub_with_errors_keeps_it_a_draft_with_them():
    claim = draft()
    errors = [{"code": "dob.missing", "field": "patient.date_of_birth", "message": "required"}]
    claim.scrubbed(errors, [], NOW)
    assert (claim.status, claim.errors) == ("draft", errors)
    with pytest.raises(Conflict):
        claim.submit(NOW)


def test_a_sent_claim_scrubbed_again_keeps_its_status():
    claim = submitted()
    claim.scrubbed([], ["F41.1"], NOW)
    assert claim.status == "submitted"


@pytest.mark.parametrize("move", [
    lambda c: c.submit(NOW),
    lambda c: c.accept("X-1", NOW),
    lambda c: c.adjudicate("paid", 100, 0, "X-1", NOW),
    lambda c: c.mark_corrected(NOW),
    lambda c: c.mark_voided(NOW),
    lambda c: c.reopen(NOW),
])
def test_a_draft_can_only_be_scrubbed(move):
    with pytest.raises(Conflict) as refused:
        move(draft())
    assert refused.value.slug == "claim-state"


def test_submitted_accepted_then_paid_then_corrected_and_nothing_after():
    claim = submitted()
    claim.accept("PMH-1", NOW)
    claim.adjudicate("paid", 4800, 6200, None, NOW)
    assert (claim.status, claim.paid_cents, claim.patient_responsibility_cents, claim.payer_claim_number) == \
        ("paid", 4800, 6200, "PMH-1")
    with pytest.raises(Conflict):
        claim.submit(NOW)
    claim.mark_corrected(NOW)
    for move in (claim.mark_corrected, claim.mark_voided, claim.reopen):
        with pytest.raises(Conflict):
            move(NOW)


def test_a_rejected_claim_keeps_the_payers_reasons_and_may_go_round_again():
    claim = submitted()
    claim.reject([{"field": "subscriber.member_id", "message": "unknown member"}], "PMH-9", NOW)
    assert claim.errors == [{"code": "payer.rejected", "field": "subscriber.member_id", "message": "unknown member"}]
    claim.reopen(NOW)
    assert claim.status == "draft"


def test_a_rejection_without_reasons_still_says_it_was_rejected():
    claim = submitted()
    claim.reject([], None, NOW)
    assert [e["code"] for e in claim.errors] == ["payer.rejected"]


def test_only_an_adjudication_status_adjudicates():
    with pytest.raises(Conflict):
        submitted().adjudicate("accepted", 0, 0, None, NOW)


def test_a_follow_up_cites_the_payers_number_of_the_original():
    original = submitted()
    original.accept("PMH-1", NOW)
    replacement = Claim.draft(id="6f1c2a5e-0000-4000-8000-000000000002", seq=8, practice_id="p1", client_id="c1",
                              coverage_id="cov1", payer_ref="payer1", therapist_id="t1", lines=[LINE], now=NOW,
                              frequency="7", original=original)
    assert (replacement.original_claim_id, replacement.original_reference) == (original.id, "PMH-1")

"""Submitting, correcting, voiding and adjudicating claims through the service layer, on fakes."""
import datetime as dt

import pytest
from support.billing_fakes import CLIENT, PRACTICE, THERAPIST, FakeUnitOfWork, ready_to_bill

from billing.domain.claims import Claim
from billing.messaging import published
from billing.service_layer import adjudications, claims
from rapport_shared.errors import Conflict, Invalid, NotFound
from rapport_shared.principal import Principal

STAFF = Principal("staff-1", "staff", PRACTICE)
OTHER_STAFF = Principal("staff-2", "staff", "practice-2")
PAYER_USER = "rapport.insurer.RPM01"


@pytest.fixture
def uow():
    return ready_to_bill(FakeUnitOfWork("rapport.billing"))


def draft_claim(uow, claim_id="6f1c2a5e-0000-4000-8000-000000000001") -> str:
    yesterday = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)).date().isoformat()
    line = {"line_number": 1, "charge_id": "ch1", "cpt": "90834", "modifiers": ["95"], "units": 1,
            "charge_cents": 15000, "service_date": yesterday, "pos": "10", "dx_pointers": [1]}
    coverage = uow.coverages.of_client(CLIENT)[0]
    claim = Claim.draft(id=claim_id, seq=42, practice_id=PRACTICE, client_id=CLIENT, coverage_id=coverage.id,
                        payer_ref=coverage.payer_ref, therapist_id=THERAPIST, lines=[line],
                        now=dt.datetime.now(dt.timezone.utc))
    uow.claims.add(claim)
    return claim.id


def paid_claim(uow) -> str:
    claim_id = draft_claim(uow)
    claims.submit(uow, STAFF, claim_id)
    adjudications.post_adjudication(uow, adjudication(claim_id), sender=PAYER_USER, source="amqp", message_id="m1")
    return claim_id


def adjudication(claim_id, number="PMH-1"):
    return {"claim_id": claim_id, "adjudication_id": number, "payer_claim_number": number, "status": "paid",
            "paid_cents": 4800, "lines": [{"line_number": 1, "charge_cents": 15000, "paid_cents": 4800, "adjustments": [
                {"group": "CO", "reason": "45", "amount_cents": 4000},
                {"group": "PR", "reason": "1", "amount_cents": 5000},
                {"group": "PR", "reason": "2", "amount_cents": 1200}]}]}


def test_a_clean_claim_is_submitted_once_to_its_payers_queue(uow):
    claim_id = draft_claim(uow)
    claim = claims.submit(uow, STAFF, claim_id)
    assert claim.status == "submitted" and uow.committed == 1
    ((event, exchange, routing_key),) = uow.events(published.CLAIM_SUBMITTED)
    assert (exchange, routing_key) == ("rapport.billing.insurers", "RPM01")
    assert event.data["claim_id"] == claim_id and event.data["x12"].startswith("ISA*")
    with pytest.raises(Conflict):
        claims.submit(uow, STAFF, claim_id)
    assert len(uow.events(published.CLAIM_SUBMITTED)) == 1


def test_the_837p_sent_is_the_very_text_pyx12_passed(uow, monkeypatch):
    from billing.service_layer import claim_checks

    checked, real = [], claim_checks.validate_x12

    def validate(text):
        checked.append(text)
        return real(text)

    monkeypatch.setattr(claim_checks, "validate_x12", validate)
    claim_id = draft_claim(uow)
    uow.claims.rows[claim_id].updated_at -= dt.timedelta(hours=2)  # drafted earlier: dated otherwise than sent
    claims.submit(uow, STAFF, claim_id)
    adjudications.acknowledge(uow, {"claim_id": claim_id, "status": "rejected"}, sender=PAYER_USER, message_id="m1")
    uow.claims.rows[claim_id].submitted_at -= dt.timedelta(hours=2)  # its first submission, long ago
    resubmitted = claims.submit(uow, STAFF, claim_id)
    sent = [event.data["x12"] for event, _exchange, _key in uow.events(published.CLAIM_SUBMITTED)]
    assert checked == sent and len(sent) == 2
    assert [row["x12"] for row in uow.interchanges.find(claim_id=claim_id)] == checked
    when = resubmitted.submitted_at
    assert f"*{when:%Y%m%d}*{when:%H%M}*CH~" in sent[1]  # dated by this submission, not the first


def test_a_submit_that_loses_the_race_answers_409_and_leaves_nothing(uow):
    claim_id = draft_claim(uow)
    read = uow.claims.get

    def read_then_lose(id_):
        claim = read(id_)
        uow.claims.rows[id_].version += 1  # another request moves the claim meanwhile
        return claim

    uow.claims.get = read_then_lose
    with pytest.raises(Conflict) as lost:
        claims.submit(uow, STAFF, claim_id)
    assert lost.value.slug == "claim-state"
    assert uow.committed == 0 and uow.published == []


def test_a_claim_the_scrubber_stops_keeps_its_errors_and_sends_nothing(uow):
    claim_id = draft_claim(uow)
    uow.diagnoses.replace(CLIENT, PRACTICE, [], dt.datetime.now(dt.timezone.utc))
    with pytest.raises(Invalid) as stopped:
        claims.submit(uow, STAFF, claim_id)
    assert "dx.missing" in {e["code"] for e in stopped.value.errors}
    stored = uow.claims.get(claim_id)
    assert stored.status == "draft" and "dx.missing" in {e["code"] for e in stored.errors}
    assert uow.events(published.CLAIM_SUBMITTED) == [] and len(uow.events(published.CLAIM_SCRUBBED)) == 1


def test_another_practices_claim_is_not_found(uow):
    with pytest.raises(NotFound):
        claims.submit(uow, OTHER_STAFF, draft_claim(uow))


def test_an_adjudication_posts_once_to_the_claim_balance_and_accumulators(uow):
    claim_id = paid_claim(uow)
    again = adjudications.post_adjudication(uow, adjudication(claim_id), sender=PAYER_USER, source="amqp",
                                            message_id="m2")
    assert again == "duplicate"
    claim = uow.claims.get(claim_id)
    assert (claim.status, claim.paid_cents, claim.patient_responsibility_cents) == ("paid", 4800, 6200)
    coverage = uow.coverages.of_client(CLIENT)[0]
    assert (coverage.deductible_met_cents, coverage.oop_met_cents, coverage.version) == (5000, 6200, 2)
    assert sum(e["amount_cents"] for e in uow.ledger.find(client_id=CLIENT)) == 6200


def test_an_answer_from_another_insurer_is_recorded_and_refused(uow):
    claim_id = draft_claim(uow)
    claims.submit(uow, STAFF, claim_id)
    outcome = adjudications.post_adjudication(uow, adjudication(claim_id), sender="rapport.insurer.OTHER1",
                                              source="amqp", message_id="m1")
    assert outcome == "refused" and uow.claims.get(claim_id).status == "submitted"
    assert [a["outcome"] for a in uow.answers.rows] == ["refused"]


@pytest.mark.parametrize("use_case,frequency,status", [(claims.correct, "7", "corrected"),
                                                       (claims.void, "8", "voided")])
def test_a_paid_claim_is_corrected_or_voided_once(uow, use_case, frequency, status):
    claim_id = paid_claim(uow)
    follow_up = use_case(uow, STAFF, claim_id)
    assert (follow_up.frequency, follow_up.original_claim_id, follow_up.original_reference, follow_up.status) == \
        (frequency, claim_id, "PMH-1", "draft")
    assert uow.claims.get(claim_id).status == status
    with pytest.raises(Conflict):
        use_case(uow, STAFF, claim_id)
    assert [c.id for c in uow.claims.rows.values() if c.original_claim_id == claim_id] == [follow_up.id]


def test_a_claim_the_payer_never_numbered_cannot_be_corrected(uow):
    claim_id = draft_claim(uow)
    with pytest.raises(Conflict) as refused:  # the claim's state, not the request, is at fault
        claims.correct(uow, STAFF, claim_id)
    assert refused.value.slug == "claim-state"


def test_a_replacements_adjudication_takes_back_what_the_originals_left(uow):
    original_id = paid_claim(uow)
    replacement = claims.correct(uow, STAFF, original_id)
    claims.submit(uow, STAFF, replacement.id)
    adjudications.post_adjudication(uow, adjudication(replacement.id, "PMH-2"), sender=PAYER_USER, source="amqp",
                                    message_id="m3")
    assert sum(e["amount_cents"] for e in uow.ledger.find(client_id=CLIENT)) == 6200  # only the newest decision
    coverage = uow.coverages.of_client(CLIENT)[0]
    assert (coverage.deductible_met_cents, coverage.oop_met_cents) == (5000, 6200)


def test_claims_are_listed_newest_first_in_keyset_pages(uow):
    ids = [draft_claim(uow, f"6f1c2a5e-0000-4000-8000-00000000000{n}") for n in range(1, 6)]
    seen, cursor = [], None
    while True:
        page = claims.list_claims(uow, STAFF, "draft", cursor, 2)
        seen += [claim.id for claim in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    stored = sorted((uow.claims.get(i) for i in ids), key=lambda c: (c.created_at, c.id), reverse=True)
    assert seen == [c.id for c in stored]
    assert claims.list_claims(uow, OTHER_STAFF, None, None, 10).items == []


def test_an_acceptance_overtaken_by_the_adjudication_is_recorded_as_late_not_refused(uow):
    claim_id = paid_claim(uow)  # the adjudication came first (its acknowledgement was being retried)
    outcome = adjudications.acknowledge(uow, {"claim_id": claim_id, "status": "accepted",
                                              "payer_claim_number": "PMH-1"}, sender=PAYER_USER, message_id="m0",
                                        received='{"data": {}}')
    assert outcome == "late" and uow.claims.get(claim_id).status == "paid"
    (late,) = uow.answers.find(kind="acknowledgement")
    assert (late["outcome"], late["received"]) == ("late", '{"data": {}}')
    rejected = adjudications.acknowledge(uow, {"claim_id": claim_id, "status": "rejected"}, sender=PAYER_USER,
                                         message_id="m2")
    assert rejected == "refused"  # a rejection of a decided claim contradicts it

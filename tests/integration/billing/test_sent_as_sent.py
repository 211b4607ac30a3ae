"""What was sent stays as sent: a claim past scrubbing shows the 837P it was checked or sent as; only
drafts render from current data. Every 835 and insurer message is kept as received."""
import re

from support.billing import ADDRESS
from support.billing_835 import remittance_835, session_clp

from billing.adapters import orm
from billing.messaging import consumed


def x12(world, claim_id):
    response = world.client.get(f"/v1/claims/{claim_id}/x12", headers=world.staff_a)
    assert response.status_code == 200 and response.mimetype == "text/plain"
    return response.get_data(as_text=True)


def insured_name(text):
    return re.search(r"NM1\*IL\*1\*([^*~]*)\*([^*~]*)", text).groups()


def rename(world, client_id, last_name):
    world.deliver(consumed.CLIENT_UPDATED, {
        "client_id": client_id, "practice_id": world.practice_a, "first_name": "Robin", "last_name": last_name,
        "date_of_birth": "1988-04-02", "sex": "F", "address": ADDRESS, "version": 2})


def test_a_paid_claim_keeps_the_name_it_was_sent_with_and_a_draft_follows_the_client(world):
    client_id = world.add_client()
    paid = world.submit_session(client_id)
    sent = x12(world, paid)
    world.adjudicate(paid, 4800, [("CO", "45", 4000), ("PR", "1", 6200)])
    world.complete_appointment(client_id)
    (draft,) = [c["claim_id"] for c in world.charges(client_id) if c["claim_id"] != paid]
    rename(world, client_id, "Marsh")
    assert x12(world, paid) == sent and insured_name(sent) == ("VALE", "ROBIN")
    assert insured_name(x12(world, draft)) == ("MARSH", "ROBIN")


def test_a_scrubbed_claim_shows_the_text_it_was_checked_as(world):
    client_id = world.add_client()
    world.complete_appointment(client_id)
    claim_id = world.charges(client_id)[0]["claim_id"]
    world.ok(world.client.post(f"/v1/claims/{claim_id}/scrub", headers=world.staff_a))
    checked = x12(world, claim_id)
    rename(world, client_id, "Marsh")
    assert x12(world, claim_id) == checked
    submitted = world.ok(world.client.post(f"/v1/claims/{claim_id}/submit", headers=world.staff_a))
    assert submitted["status"] == "submitted" and insured_name(x12(world, claim_id)) == ("MARSH", "ROBIN")
    with world.database.reader() as session:
        (kept,) = session.execute(orm.claim_interchanges.select().where(
            orm.claim_interchanges.c.claim_id == claim_id, orm.claim_interchanges.c.purpose == "submitted")).all()
    assert kept.x12 == x12(world, claim_id)


def test_an_835_is_kept_exactly_as_received(world):
    client_id = world.add_client()
    claim_id = world.submit_session(client_id)
    pcn = world.ok(world.client.get(f"/v1/claims/{claim_id}", headers=world.staff_a))["patient_control_number"]
    text = remittance_835([session_clp(pcn, "PMH-9", 4800, [("CO", "45", 4000), ("PR", "1", 6200)])]) + "\r\n"
    world.ok(world.client.post("/v1/remittances", headers={**world.staff_a, "Content-Type": "text/plain"},
                               data=text))
    with world.database.reader() as session:
        (file,) = session.execute(orm.remittances.select()).all()
        (answer,) = session.execute(orm.insurer_answers.select()).all()
    assert file.text == text and answer.remittance_id == file.id

"""A billing service under test: practices, therapists and clients as the events would bring them,
payers, plans and fee schedules through the API, and tokens for each kind of caller."""
from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select

from billing.adapters import orm
from billing.entrypoints.consumers import all_handlers
from billing.entrypoints.sender import current_sender
from billing.messaging import consumed
from billing.messaging.insurers import insurer_username
from billing.service_layer.unit_of_work import UnitOfWork
from rapport_shared.consumer import IdempotentConsumer
from rapport_shared.events import CloudEvent
from support.profiles import bearer, sign

ADDRESS = {"line1": "1200 N Example Ave", "city": "Chicago", "state": "IL", "zip": "60622"}
PRACTICE_FEES = {"amounts": {"90791": 20000, "90832": 10000, "90834": 15000, "90837": 19000, "90846": 16000,
                             "90847": 17000, "90785": 2500},
                 "self_pay": {"90834": 12000, "90837": 15000, "90847": 14000},
                 "sliding_scale": [{"tier": "B", "percent_bp": 7500}],
                 "billing_address": {**ADDRESS, "zip": "606221234"}}
ALLOWED = {"90791": 14000, "90832": 6500, "90834": 11000, "90837": 14500, "90846": 10500, "90847": 11000,
           "90785": 1500}


def token(role: str, practice_id: str | None = None, therapist_id: str | None = None) -> dict:
    claims = {"sub": f"{role}-{uuid.uuid4().hex[:6]}", "role": role}
    if practice_id:
        claims["practice_id"] = practice_id
    if therapist_id:
        claims["therapist_id"] = therapist_id
    return bearer(sign(claims))


def event(event_type: str, data: dict, subject: str = "") -> CloudEvent:
    return CloudEvent(type=event_type, source="/tests", subject=subject or None, data=data)


PAYER = "<the claim's payer>"  # insurer_says' default sender, told apart from None by identity


class BillingWorld:
    """One billing app with two practices (A and B), a payer with a plan, and helpers."""

    def __init__(self, app, settings):
        self.app = app
        self.settings = settings
        self.client = app.test_client()
        self.database = app.extensions["rapport.db"]
        self.exchange = app.extensions["rapport.exchange"]
        self.handlers = all_handlers(auto_submit=False)
        self.admin = token("admin")
        self.practice_a, self.practice_b = str(uuid.uuid4()), str(uuid.uuid4())
        self.staff_a, self.staff_b = token("staff", self.practice_a), token("staff", self.practice_b)
        self.therapist_a, self.therapist_b = str(uuid.uuid4()), str(uuid.uuid4())
        for practice_id, name in ((self.practice_a, "Alder Counseling"), (self.practice_b, "Birch Therapy")):
            self.deliver(consumed.PRACTICE_REGISTERED, {
                "practice_id": practice_id, "name": name, "time_zone": "America/Chicago", "phone": "+1 312 555 0100",
                "group_npi": "1999999984", "tax_id": "364198752", "address": ADDRESS, "version": 1})
        self.deliver(consumed.THERAPIST_PUBLISHED, {
            "therapist_id": self.therapist_a, "practice_id": self.practice_a, "first_name": "Maren",
            "last_name": "Okafor", "display_name": "Maren Okafor, LMFT", "credentials": "LMFT", "npi": "1234567893",
            "status": "published", "status_reason": None, "time_zone": "America/Chicago", "version": 1,
            "taxonomy_code": "106H00000X"})
        self.deliver(consumed.THERAPIST_PUBLISHED, {
            "therapist_id": self.therapist_b, "practice_id": self.practice_b, "first_name": "Idris",
            "last_name": "Lund", "display_name": "Idris Lund, LPC", "credentials": "LPC", "npi": "1679576722",
            "status": "published", "status_reason": None, "time_zone": "America/Chicago", "version": 1,
            "taxonomy_code": "101YP2500X"})
        self.payer_id = f"P{uuid.uuid4().hex[:6].upper()}"
        self.payer = self.ok(self.client.post("/v1/payers", headers=self.admin, json={
            "name": "Prairie Mutual Health", "payer_id": self.payer_id, "timely_filing_days": 180}), 201)
        self.plan = self.ok(self.client.post("/v1/plans", headers=self.admin, json={
            "payer_ref": self.payer["id"], "name": "PPO 500", "deductible_cents": 50000, "oop_max_cents": 300000,
            "coinsurance_bp": 2000, "covered_cpts": list(ALLOWED),
            "excluded_primary_dx": {"90846": ["Z63.0"], "90847": ["Z63.0"]}}), 201)
        for staff in (self.staff_a, self.staff_b):
            self.ok(self.client.put("/v1/billing/fee-schedule", headers=staff, json=PRACTICE_FEES))
            self.ok(self.client.put(f"/v1/payers/{self.payer['id']}/fee-schedule", headers=staff,
                                    json={"amounts": ALLOWED}))

    # -- helpers ------------------------------------------------------------------------------
    @staticmethod
    def ok(response, status: int = 200):
        assert response.status_code == status, response.get_data(as_text=True)
        return response.get_json()

    def deliver(self, event_type: str, data: dict, event_id: str | None = None) -> None:
        """Apply an event as the consumer does: effect and processed id in one unit of work."""
        evt = event(event_type, data)
        if event_id:
            evt = CloudEvent(type=evt.type, source=evt.source, data=evt.data, id=event_id)
        consumer = IdempotentConsumer("billing", self.database, orm.processed_messages, self.settings.amqp_url, [],
                                      self.handlers, unit_of_work=lambda session: UnitOfWork(session, self.exchange))
        consumer.handle(evt)

    def add_client(self, practice_id: str | None = None, *, dob: str | None = "1988-04-02", sex: str | None = "F",
                   coverage: bool = True, diagnoses: tuple[str, ...] = ("F41.1",)) -> str:
        practice_id = practice_id or self.practice_a
        staff = self.staff_a if practice_id == self.practice_a else self.staff_b
        client_id = str(uuid.uuid4())
        self.deliver(consumed.CLIENT_REGISTERED, {
            "client_id": client_id, "practice_id": practice_id, "first_name": "Robin", "last_name": "Vale",
            "date_of_birth": dob, "sex": sex, "address": ADDRESS, "version": 1})
        if diagnoses:
            self.ok(self.client.put(f"/v1/clients/{client_id}/diagnoses", headers=staff,
                                    json={"codes": list(diagnoses)}))
        if coverage:
            self.coverage = self.ok(self.client.post(f"/v1/clients/{client_id}/coverages", headers=staff, json={
                "plan_id": self.plan["id"], "member_id": "PMH123456", "group_number": "GRP100",
                "effective_from": "2026-01-01"}), 201)
        return client_id

    def complete_appointment(self, client_id: str, *, service_code: str = "90834", duration: int = 50,
                             fmt: str = "video", appointment_id: str | None = None,
                             start: dt.datetime | None = None, event_id: str | None = None,
                             practice_id: str | None = None) -> str:
        appointment_id = appointment_id or str(uuid.uuid4())
        start = start or dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)
        in_b = practice_id == self.practice_b
        self.deliver(consumed.APPOINTMENT_COMPLETED, {
            "appointment_id": appointment_id, "therapist_id": self.therapist_b if in_b else self.therapist_a,
            "practice_id": self.practice_b if in_b else self.practice_a,
            "client_id": client_id, "service_code": service_code, "format": fmt, "start": start.isoformat(),
            "end": (start + dt.timedelta(minutes=duration)).isoformat(), "duration_min": duration, "status": "completed",
            "version": 2}, event_id)
        return appointment_id

    def outbox_rows(self, event_type: str) -> list[dict]:
        """What the service recorded to publish, of one event type."""
        with self.database.reader() as session:
            query = select(orm.outbox).where(orm.outbox.c.event_type == event_type)
            return [dict(row._mapping) for row in session.execute(query)]

    def charges(self, client_id: str) -> list[dict]:
        return self.ok(self.client.get(f"/v1/charges?client_id={client_id}", headers=self.staff_a))["items"]

    def submit_session(self, client_id: str, **appointment) -> str:
        """A completed appointment's claim, submitted to the payer: the claim's id."""
        appointment_id = self.complete_appointment(client_id, **appointment)
        staff = self.staff_b if appointment.get("practice_id") == self.practice_b else self.staff_a
        charges = self.ok(self.client.get(f"/v1/charges?client_id={client_id}", headers=staff))["items"]
        (charge,) = [c for c in charges if c["appointment_id"] == appointment_id]
        self.ok(self.client.post(f"/v1/claims/{charge['claim_id']}/submit", headers=staff))
        return charge["claim_id"]

    def payer_user(self) -> str:
        return insurer_username(self.settings.amqp_namespace, self.payer_id)

    def insurer_says(self, event_type: str, data: dict, sender: str | None = PAYER) -> None:
        """An insurer's answer applied as the consumer does, sent as the claim's payer unless told
        otherwise (None: a message with no user id at all)."""
        token = current_sender.set(self.payer_user() if sender is PAYER else sender)
        try:
            self.deliver(event_type, data, str(uuid.uuid4()))
        finally:
            current_sender.reset(token)

    def adjudicate(self, claim_id: str, paid: int, adjustments: list[tuple[str, str, int]]) -> dict:
        """The payer's adjudication of a one-line claim: paid, and (group, reason, cents) adjustments."""
        claim = self.ok(self.client.get(f"/v1/claims/{claim_id}", headers=self.staff_a))
        (line,) = claim["lines"]
        number = f"ADJ-{uuid.uuid4().hex[:8].upper()}"
        data = {"claim_id": claim_id, "adjudication_id": number, "payer_claim_number": number,
                "status": "paid" if paid else "denied", "paid_cents": paid,
                "lines": [{"line_number": line["line_number"], "charge_cents": line["charge_cents"], "paid_cents": paid,
                           "adjustments": [{"group": g, "reason": r, "amount_cents": c} for g, r, c in adjustments]}]}
        self.insurer_says(consumed.CLAIM_ADJUDICATED, data)
        return data

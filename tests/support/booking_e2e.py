"""Booking on the running stack without depending on profiles' own flows: therapists arrive the way
profiles announces them (a published event on its exchange), tokens are signed with the stack's key."""
from __future__ import annotations

import time
import uuid
from pathlib import Path

import jwt
import pika

from rapport_shared.amqp import connection_parameters
from rapport_shared.auth import key_id
from rapport_shared.events import CloudEvent


def stack_token(env: dict, claims: dict, lifetime: int = 1800) -> str:
    """An access token as the stack's issuer would sign it."""
    key = (Path(env["RAPPORT_VAR_DIR"]) / "keys" / "jwt-private.pem").read_bytes()
    now = int(time.time())
    payload = {"iss": "rapport", "aud": "rapport-api", "iat": now, "exp": now + lifetime, **claims}
    return jwt.encode(payload, key, algorithm="ES256", headers={"kid": key_id(key), "typ": "at+jwt"})


def publish_therapist(env: dict, practice_id: str, time_zone: str = "America/Chicago") -> str:
    """Announce a published therapist as profiles would (rapport.profiles.therapist.published.v1)."""
    therapist_id = str(uuid.uuid4())
    event = CloudEvent(type="rapport.profiles.therapist.published.v1", source="/services/profiles",
                       subject=f"therapists/{therapist_id}", data={
                           "therapist_id": therapist_id, "practice_id": practice_id, "first_name": "Noor",
                           "last_name": "Ellery", "display_name": "Noor Ellery, LMFT", "credentials": "LMFT",
                           "npi": None, "status": "published", "status_reason": None, "time_zone": time_zone,
                           "version": 1})
    connection = pika.BlockingConnection(connection_parameters(env["AMQP_URL"], "tests"))
    try:
        channel = connection.channel()
        exchange = f"{env['AMQP_NAMESPACE']}.profiles"
        channel.exchange_declare(exchange, "topic", durable=True)
        channel.basic_publish(exchange, event.type, event.to_json(),
                              pika.BasicProperties(content_type="application/cloudevents+json", delivery_mode=2))
    finally:
        connection.close()
    return therapist_id

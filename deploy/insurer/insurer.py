#!/usr/bin/env python3
"""A reference insurer: reads its claims queue with its own RabbitMQ user, adjudicates each claim by
its plan rules (billing's insurers list), and answers with an acknowledgement and an adjudication.

Standard library + pika only: it stands for a program an insurer writes, not part of Rapport.

    python deploy/insurer/insurer.py --payer-id RPM01
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import signal
import sys
import time
import uuid
from pathlib import Path

import pika

HERE = Path(__file__).resolve().parent
log = logging.getLogger("insurer")
ACKNOWLEDGED = "rapport.insurer.claim.acknowledged.v1"
ADJUDICATED = "rapport.insurer.claim.adjudicated.v1"


def rate(amount: int, basis_points: int) -> int:
    return (amount * basis_points + 5000) // 10000


class Adjudicator:
    """The plan rules of one insurer, and each member's deductible and out-of-pocket met this year."""

    def __init__(self, rules: dict):
        self.rules = rules
        self.met: dict[tuple[str, int], dict[str, int]] = {}

    def adjudicate(self, claim: dict) -> dict:
        r = self.rules
        primary = claim["diagnoses"][0] if claim["diagnoses"] else None
        lines, paid_total = [], 0
        for line in claim["lines"]:
            charge, cpt = line["charge_cents"], line["cpt"]
            year = int(line["service_date"][:4])
            met = self.met.setdefault((claim["member_id"], year), {"deductible": 0, "oop": 0})
            if cpt not in r["covered_cpts"]:
                adjustments = [{"group": "CO", "reason": "204", "amount_cents": charge}]
                paid = 0
            elif primary in r["excluded_primary_dx"].get(cpt, []):
                adjustments = [{"group": "CO", "reason": "167", "amount_cents": charge}]
                paid = 0
            else:
                allowed = min(charge, r["allowed"].get(cpt, charge))
                ded_rem = max(0, r["deductible_cents"] - met["deductible"])
                oop_rem = max(0, r["oop_max_cents"] - met["oop"])
                copay = r["copays"].get(cpt)
                deductible = coinsurance = copay_part = 0
                if copay is not None and r["copay_waives_deductible"]:
                    copay_part = min(copay, allowed)
                else:
                    deductible = min(allowed, ded_rem)
                    if copay is not None:
                        copay_part = min(copay, allowed - deductible)
                    else:
                        coinsurance = rate(allowed - deductible, r["coinsurance_bp"])
                over = max(0, deductible + coinsurance + copay_part - oop_rem)
                take = min(over, copay_part)  # the out-of-pocket cap comes off the last part first
                copay_part, over = copay_part - take, over - take
                take = min(over, coinsurance)
                coinsurance, over = coinsurance - take, over - take
                deductible -= over
                patient = deductible + coinsurance + copay_part
                met["deductible"] += deductible
                met["oop"] += patient
                paid = allowed - patient
                adjustments = [{"group": g, "reason": c, "amount_cents": a} for g, c, a in
                               (("CO", "45", charge - allowed), ("PR", "1", deductible), ("PR", "2", coinsurance),
                                ("PR", "3", copay_part)) if a]
            paid_total += paid
            lines.append({"line_number": line["line_number"], "charge_cents": charge, "paid_cents": paid,
                          "adjustments": adjustments})
        denied = all(line["paid_cents"] == 0
                     and any(a["group"] == "CO" and a["reason"] != "45" for a in line["adjustments"])
                     for line in lines)
        some_denied = any(line["paid_cents"] == 0 and any(a["reason"] in ("204", "167") for a in line["adjustments"])
                          for line in lines)
        status = "denied" if denied else ("partially_paid" if some_denied else "paid")
        return {"status": status, "paid_cents": paid_total, "lines": lines}


class Insurer:
    def __init__(self, args, rules: dict):
        self.args = args
        self.username = f"{args.namespace}.insurer.{args.payer_id}"
        self.queue = f"{args.namespace}.insurer.{args.payer_id}.claims"
        self.answers = f"{args.namespace}.insurer-answers"
        self.adjudicator = Adjudicator(rules)
        self.stopping = False

    def connect(self) -> pika.BlockingConnection:
        params = pika.URLParameters(self.args.amqp_url)
        params.credentials = pika.PlainCredentials(self.username, read_password(self.args))
        params.client_properties = {"connection_name": self.username}
        params.heartbeat = 30
        return pika.BlockingConnection(params)

    def publish(self, channel, event_type: str, claim_id: str, data: dict) -> None:
        event = {"specversion": "1.0", "id": str(uuid.uuid4()), "source": f"/insurers/{self.args.payer_id}",
                 "type": event_type, "subject": f"claims/{claim_id}",
                 "time": dt.datetime.now(dt.timezone.utc).isoformat().replace("+00:00", "Z"),
                 "datacontenttype": "application/json", "data": data}
        # user_id: RabbitMQ refuses it unless it is this connection's user, so billing can trust it.
        channel.basic_publish(self.answers, event_type, json.dumps(event).encode(), pika.BasicProperties(
            user_id=self.username, content_type="application/cloudevents+json", delivery_mode=2,
            message_id=event["id"], type=event_type), mandatory=True)

    def on_claim(self, channel, method, _properties, body) -> None:
        try:
            claim = json.loads(body)["data"]
        except (ValueError, KeyError):
            log.error("unreadable claim message dropped")
            channel.basic_reject(method.delivery_tag, requeue=False)
            return
        claim_number = f"{self.args.payer_id}-{claim['patient_control_number']}"
        if not claim.get("member_id"):
            self.publish(channel, ACKNOWLEDGED, claim["claim_id"], {
                "claim_id": claim["claim_id"], "status": "rejected",
                "errors": [{"field": "member_id", "message": "member not found"}]})
        else:
            self.publish(channel, ACKNOWLEDGED, claim["claim_id"], {
                "claim_id": claim["claim_id"], "status": "accepted", "payer_claim_number": claim_number})
            result = self.adjudicator.adjudicate(claim)
            self.publish(channel, ADJUDICATED, claim["claim_id"], {
                "claim_id": claim["claim_id"], "adjudication_id": claim_number, "payer_claim_number": claim_number,
                **result})
            log.info("claim %s adjudicated: %s, paid %s cents", claim["claim_id"], result["status"],
                     result["paid_cents"])
        # Acked only after the broker confirmed both answers (confirm mode): a crash re-adjudicates,
        # and billing posts an adjudication id once.
        channel.basic_ack(method.delivery_tag)

    def run(self) -> None:
        while not self.stopping:
            try:
                connection = self.connect()
                channel = connection.channel()
                channel.confirm_delivery()
                channel.basic_qos(prefetch_count=20)
                channel.basic_consume(self.queue, self.on_claim)
                log.info("insurer %s consuming %s", self.args.payer_id, self.queue)
                while not self.stopping:
                    connection.process_data_events(time_limit=0.5)
                connection.close()
            except pika.exceptions.AMQPError as exc:
                log.warning("broker connection failed (%r); retrying in 2 s", exc)
                time.sleep(2)


def read_password(args) -> str:
    if os.environ.get("INSURER_PASSWORD"):
        return os.environ["INSURER_PASSWORD"]
    var = Path(os.environ.get("RAPPORT_VAR_DIR") or HERE.parents[1] / "var")
    path = Path(args.password_file or var / "insurers" / f"{args.namespace}.insurer.{args.payer_id}.password")
    return path.read_text().strip()


def default_config() -> str:
    """The insurers list billing ships in its package (billing/data/insurers.json): from the installed
    package when there is one, else from this repository's copy of it."""
    try:
        from importlib import resources

        return str(resources.files("billing").joinpath("data/insurers.json"))
    except ModuleNotFoundError:
        return str(HERE.parents[1] / "services" / "billing" / "billing" / "data" / "insurers.json")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payer-id", required=True)
    parser.add_argument("--config", default=os.environ.get("BILLING_INSURERS_FILE") or default_config(),
                        help="the insurers list (default BILLING_INSURERS_FILE, else billing's packaged one)")
    parser.add_argument("--amqp-url", default=os.environ.get("AMQP_URL", "amqp://127.0.0.1:5672/%2F"))
    parser.add_argument("--namespace", default=os.environ.get("AMQP_NAMESPACE", "rapport"))
    parser.add_argument("--password-file", default=None, help="else INSURER_PASSWORD or var/insurers/<user>.password")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s insurer %(message)s", stream=sys.stdout)
    config = json.loads(Path(args.config).read_text())
    rules = next(i["rules"] for i in config["insurers"] if i["payer_id"] == args.payer_id)
    insurer = Insurer(args, rules)

    def stop(*_):
        insurer.stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    insurer.run()


if __name__ == "__main__":
    main()

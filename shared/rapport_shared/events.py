"""The one event envelope: CloudEvents 1.0, structured JSON mode."""
from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/cloudevents+json"
REQUIRED = ("specversion", "id", "source", "type")


class InvalidEnvelope(ValueError):
    """A message that is not a CloudEvent we can read: it is dead-lettered, never retried."""


@dataclass(frozen=True)
class CloudEvent:
    type: str
    source: str
    data: dict[str, Any]
    subject: str | None = None
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    time: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    datacontenttype: str = "application/json"

    def to_dict(self) -> dict[str, Any]:
        envelope = {
            "specversion": SPEC_VERSION,
            "id": self.id,
            "source": self.source,
            "type": self.type,
            "time": self.time.isoformat().replace("+00:00", "Z"),
            "datacontenttype": self.datacontenttype,
            "data": self.data,
        }
        if self.subject is not None:
            envelope["subject"] = self.subject
        return envelope

    def to_json(self) -> bytes:
        return json.dumps(self.to_dict(), separators=(",", ":"), sort_keys=True).encode()

    @classmethod
    def from_json(cls, body: bytes | str) -> "CloudEvent":
        try:
            raw = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise InvalidEnvelope(f"not JSON: {exc}") from exc
        if not isinstance(raw, dict):
            raise InvalidEnvelope("envelope is not an object")
        missing = [name for name in REQUIRED if not raw.get(name)]
        if missing:
            raise InvalidEnvelope(f"missing attributes: {', '.join(missing)}")
        if raw["specversion"] != SPEC_VERSION:
            raise InvalidEnvelope(f"unsupported specversion {raw['specversion']!r}")
        data = raw.get("data") or {}
        if not isinstance(data, dict):
            raise InvalidEnvelope("data is not an object")
        try:
            time = dt.datetime.fromisoformat(raw["time"]) if raw.get("time") else dt.datetime.now(dt.timezone.utc)
        except ValueError as exc:
            raise InvalidEnvelope(f"bad time: {exc}") from exc
        return cls(
            type=raw["type"],
            source=raw["source"],
            data=data,
            subject=raw.get("subject"),
            id=str(raw["id"]),
            time=time,
            datacontenttype=raw.get("datacontenttype", "application/json"),
        )

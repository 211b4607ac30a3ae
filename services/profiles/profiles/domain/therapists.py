"""A therapist's profile and its lifecycle: draft -> published -> unpublished (-> published)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rapport_shared.errors import Conflict

DRAFT, PUBLISHED, UNPUBLISHED = "draft", "published", "unpublished"


@dataclass
class Therapist:
    id: str
    practice_id: str
    first_name: str
    last_name: str
    created_at: dt.datetime
    updated_at: dt.datetime
    credentials: str = ""
    pronouns: str | None = None
    npi: str | None = None
    status: str = DRAFT
    status_reason: str | None = None
    published_at: dt.datetime | None = None
    version: int = 1

    @property
    def display_name(self) -> str:
        name = f"{self.first_name} {self.last_name}".strip()
        return f"{name}, {self.credentials}" if self.credentials else name

    def publish(self, now: dt.datetime) -> None:
        if self.status == PUBLISHED:
            raise Conflict("the therapist is already published", slug="already-published")
        self.status, self.status_reason, self.published_at = PUBLISHED, None, now
        self._touch(now)

    def unpublish(self, now: dt.datetime, reason: str) -> None:
        if self.status != PUBLISHED:
            raise Conflict("the therapist is not published", slug="not-published")
        self.status, self.status_reason = UNPUBLISHED, reason
        self._touch(now)

    def _touch(self, now: dt.datetime) -> None:
        self.updated_at = now
        self.version += 1

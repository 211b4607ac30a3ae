"""Billing's settings: the shared ones and its own `BILLING_*` variables."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rapport_shared.config import Settings, flag


@dataclass(frozen=True)
class BillingSettings(Settings):
    SERVICE: ClassVar[str] = "billing"

    auto_submit: bool = True  # a clean claim from a completed session goes to its payer at once
    insurers_file: Path | None = None  # None: the insurers list shipped in the package

    @classmethod
    def own_from_env(cls, environ: Mapping[str, str], var: Path) -> dict[str, Any]:
        file = environ.get("BILLING_INSURERS_FILE")
        return {
            "auto_submit": flag(environ.get("BILLING_AUTO_SUBMIT"), True),
            "insurers_file": Path(file) if file else None,
        }

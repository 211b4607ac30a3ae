"""Who the insurers are: the list shipped in the package (billing/data/insurers.json), or the file
`BILLING_INSURERS_FILE` names instead. The reference insurer reads the same list for its plan rules."""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Insurer:
    payer_id: str
    name: str


def _entries(path: Path | None) -> list[dict]:
    text = Path(path).read_text() if path else resources.files("billing").joinpath("data/insurers.json").read_text()
    return json.loads(text)["insurers"]


def load_insurers(path: Path | None = None) -> list[Insurer]:
    """The insurers billing sends claims to (`path`, else the packaged list)."""
    return [Insurer(item["payer_id"], item["name"]) for item in _entries(path)]


def load_insurers_with_rules(path: Path | None = None) -> list[tuple[Insurer, dict]]:
    """Each insurer with the plan rules the reference insurer adjudicates by (demo seed)."""
    return [(Insurer(item["payer_id"], item["name"]), item.get("rules", {})) for item in _entries(path)]

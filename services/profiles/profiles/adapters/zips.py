"""US ZIP code -> (lat, lon, state) from the offline `zipcodes` package (no network)."""
from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class ZipPlace:
    zip: str
    lat: float
    lon: float
    state: str
    city: str
    time_zone: str | None


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, ZipPlace]:
    import zipcodes

    places = {}
    for row in zipcodes.list_all():
        try:
            lat, lon = float(row["lat"]), float(row["long"])
        except (TypeError, ValueError):
            continue
        places[row["zip_code"]] = ZipPlace(row["zip_code"], lat, lon, row["state"], row["city"], row.get("timezone"))
    return places


def lookup(zip_code: str) -> ZipPlace | None:
    """The place of a 5-digit ZIP (a ZIP+4 is cut to 5 digits), or None if unknown."""
    return _index().get((zip_code or "")[:5])


def all_places() -> list[ZipPlace]:
    return list(_index().values())


def warm() -> None:
    """Load the table (about a second, once per process)."""
    _index()

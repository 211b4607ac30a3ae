"""Office addresses placed on the map from the offline ZIP data."""
from __future__ import annotations

from rapport_shared.errors import Invalid

from ..adapters import zips


def place_locations(locations: list[dict]) -> list[dict]:
    """Each office with lat/lon from its ZIP; an unknown ZIP or a ZIP in another state is 422."""
    placed = []
    for index, location in enumerate(locations or []):
        place = zips.lookup(location["zip"])
        if place is None:
            raise Invalid(f"unknown ZIP code {location['zip']!r}", slug="unknown-zip",
                          errors=[{"in": "json", "field": f"locations.{index}.zip", "message": "unknown ZIP"}])
        if place.state != location["state"]:
            raise Invalid(f"ZIP {location['zip']} is in {place.state}, not {location['state']}",
                          errors=[{"in": "json", "field": f"locations.{index}.state", "message": "does not match ZIP"}])
        placed.append({**{k: v for k, v in location.items() if k not in ("lat", "lon")},
                       "lat": place.lat, "lon": place.lon})
    return placed

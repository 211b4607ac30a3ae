"""Distances on the Earth for radius search, with arithmetic a database can index and evaluate.

Each office is stored with its unit vector (x, y, z); two points are within `radius_km` exactly when
the straight-line chord between their unit vectors is at most 2·sin(radius / 2R). That is the
haversine test without trigonometry in SQL, so SQLite and PostgreSQL answer it the same way.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088


def unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def max_chord_squared(radius_km: float) -> float:
    chord = 2 * math.sin(min(math.pi, radius_km / EARTH_RADIUS_KM) / 2)
    return chord * chord


@dataclass(frozen=True)
class BoundingBox:
    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float


def bounding_box(lat: float, lon: float, radius_km: float) -> BoundingBox:
    """A lat/lon box that contains the circle (used first, through an index; exact test after)."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    cos_lat = math.cos(math.radians(lat))
    # Near the poles the box spans every longitude.
    dlon = 180.0 if cos_lat < 1e-6 else min(180.0, math.degrees(radius_km / (EARTH_RADIUS_KM * cos_lat)) * 1.01)
    return BoundingBox(lat - dlat * 1.01, lat + dlat * 1.01, lon - dlon, lon + dlon)

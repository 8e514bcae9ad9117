"""Where services are and how far: distances, and places (postal codes, FSAs, towns) named by a person."""
from __future__ import annotations

import math
import re
from collections import defaultdict

from bot.catalog.text import fold

_CANADIAN_POSTAL = re.compile(r"^([A-Z]\d[A-Z])\s*(\d[A-Z]\d)?$")
_US_ZIP = re.compile(r"^(\d{5})(?:-\d{4})?$")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def approximate_km(lat1: float, lon1: float, lat2: float, lon2: float, cos_lat: float) -> float:
    """Return the distance in kilometres on a flat map around latitude `lat1` (cos_lat = its cosine).

    Within a region it is within a fraction of a percent of the great-circle distance, at a third of the cost.
    """
    dy = lat2 - lat1
    dx = (lon2 - lon1) * cos_lat
    return _KM_PER_DEGREE * math.sqrt(dx * dx + dy * dy)


_KM_PER_DEGREE = 111.195
#: Side of a grid cell, in degrees of latitude (about 5.5 km).
CELL_DEGREES = 0.05


class Grid:
    """Services bucketed by map cell, to visit them nearest first without measuring every one."""

    def __init__(self):
        self._cells: dict[tuple[int, int], list[int]] = {}

    def add(self, index: int, latitude: float, longitude: float) -> None:
        """Put service `index` in its cell."""
        key = (math.floor(latitude / CELL_DEGREES), math.floor(longitude / CELL_DEGREES))
        self._cells.setdefault(key, []).append(index)

    def nearest_first(self, point: tuple[float, float]):
        """Yield (least possible km, services) per cell, the nearest cells first."""
        lat, lon = point
        cos_lat = math.cos(math.radians(lat))
        # Half a cell's diagonal, in km, on the safe (equator) side.
        slack = _KM_PER_DEGREE * CELL_DEGREES * math.sqrt(2) / 2
        order = []
        for (row, column), members in self._cells.items():
            centre_lat, centre_lon = (row + 0.5) * CELL_DEGREES, (column + 0.5) * CELL_DEGREES
            order.append((max(0.0, approximate_km(lat, lon, centre_lat, centre_lon, cos_lat) - slack), members))
        order.sort(key=lambda cell: cell[0])
        yield from order


def valid_point(latitude, longitude) -> bool:
    """Tell whether a latitude and longitude are numbers on Earth (and not the 0, 0 of a missing value)."""
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return False
    return -90 <= lat <= 90 and -180 <= lon <= 180 and (lat, lon) != (0.0, 0.0)


def postal_keys(postal_code: str | None) -> list[str]:
    """Return the keys a postal code is known by: a Canadian code and its FSA, or a US ZIP."""
    code = (postal_code or "").strip().upper().replace(" ", "")
    match = _CANADIAN_POSTAL.match(code)
    if match:
        return [match.group(1) + match.group(2), match.group(1)] if match.group(2) else [match.group(1)]
    match = _US_ZIP.match(code)
    return [match.group(1)] if match else []


class Places:
    """Centroids of the postal codes, FSAs and towns where the catalogue has located services."""

    def __init__(self):
        self._points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        self._centroids: dict[str, tuple[float, float]] = {}

    def add(self, latitude: float, longitude: float, postal_code: str | None, city: str | None) -> None:
        """Record one located service."""
        for key in postal_keys(postal_code):
            self._points["postal:" + key].append((latitude, longitude))
        if city:
            self._points["city:" + " ".join(fold(city).split())].append((latitude, longitude))

    def finish(self) -> None:
        """Compute the centroids."""
        for key, points in self._points.items():
            self._centroids[key] = (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        self._points.clear()

    def resolve(self, where) -> tuple[float, float] | None:
        """Return (lat, lon) for a pair, a postal code, an FSA or a town name the catalogue knows; else None."""
        if where is None:
            return None
        if isinstance(where, (tuple, list)) and len(where) == 2:
            return (float(where[0]), float(where[1])) if valid_point(*where) else None
        text = str(where).strip()
        for key in postal_keys(text):
            if "postal:" + key in self._centroids:
                return self._centroids["postal:" + key]
        return self._centroids.get("city:" + " ".join(fold(text).split()))

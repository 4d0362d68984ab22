"""Countries as GeoJSON (RFC 7946), drawn from the same geometry as the world map.

The map's file (`map/world.json`) holds Equal Earth coordinates in pixels. They are
turned back into longitude and latitude with the inverse projection, so that the open
data and the map show the same borders; the precision is the map's (0.1 px, about 4 km
at the equator), not Natural Earth's.
"""

import datetime as dt
import math
import re
from functools import cache

from focus.policies.summary import category_history, load_records, summarise
from focus.policies.vocabulary import SummaryCategory

from .worldmap import geometry

# d3-geo's equalEarthRaw (Šavrič, Patterson & Jenny 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
_ITERATIONS = 12
_EPSILON = 1e-12

# 4 decimals (about 11 m) keep the map's own precision (0.1 px, several km) without
# adding rounding of our own that anyone could see.
DECIMALS = 4

NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")

Ring = list[tuple[float, float]]


def _raw_y(theta: float) -> float:
    theta2 = theta * theta
    theta6 = theta2 * theta2 * theta2
    return theta * (A1 + A2 * theta2 + theta6 * (A3 + A4 * theta2))


def _raw_dy(theta: float) -> float:
    theta2 = theta * theta
    theta6 = theta2 * theta2 * theta2
    return A1 + 3 * A2 * theta2 + theta6 * (7 * A3 + 9 * A4 * theta2)


def projection_parameters(width: float) -> tuple[float, float, float]:
    """Scale and translation (x, y) of d3's `geoEqualEarth().fitWidth(width, Sphere)`.

    The sphere is widest at the equator, where ±180° has raw x = ±π / (M·A1); its top is
    the pole, at parametric latitude θ = asin(M) = π/3, which fitWidth puts at y = 0.
    """
    scale = width * M * A1 / (2 * math.pi)
    return scale, width / 2, scale * _raw_y(math.pi / 3)


def equal_earth_invert(x: float, y: float) -> tuple[float, float]:
    """Longitude and latitude in radians of a point of the raw Equal Earth plane."""
    theta = y
    for _ in range(_ITERATIONS):
        delta = (_raw_y(theta) - y) / _raw_dy(theta)
        theta -= delta
        if abs(delta) < _EPSILON:
            break
    # At the poles sin(θ)/M may come out a hair above 1.
    return M * x * _raw_dy(theta) / math.cos(theta), math.asin(
        max(-1.0, min(1.0, math.sin(theta) / M))
    )


def unproject(x: float, y: float, width: float = 1000) -> tuple[float, float]:
    """Longitude and latitude in degrees of a point of the map (pixels, y down).

    Points rounded to 0.1 px can fall just outside the sphere: they are clamped to it.
    """
    scale, tx, ty = projection_parameters(width)
    lon, lat = equal_earth_invert((x - tx) / scale, (ty - y) / scale)
    return (
        min(180.0, max(-180.0, math.degrees(lon))),
        min(90.0, max(-90.0, math.degrees(lat))),
    )


def path_rings(d: str) -> list[Ring]:
    """The absolute points of each ring of the map's path data (`M x y l dx dy … z`)."""
    rings = []
    for subpath in d.split("M")[1:]:
        head, _, tail = subpath.rstrip("z").partition("l")
        x, y = (float(n) for n in NUMBER.findall(head))
        steps = [float(n) for n in NUMBER.findall(tail)]
        ring = [(x, y)]
        for dx, dy in zip(steps[::2], steps[1::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings


def signed_area(ring: Ring) -> float:
    """Shoelace area: positive for a ring going from +x towards +y."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        total += x0 * y1 - x1 * y0
    return total / 2


def contains(ring: Ring, point: tuple[float, float]) -> bool:
    """Whether a point is inside a ring (even-odd rule)."""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def polygons(rings: list[Ring]) -> list[list[Ring]]:
    """Rings grouped into polygons: each exterior followed by its holes.

    d3 writes exteriors with a positive area on the map (clockwise on screen, y down)
    and holes negative; a hole goes to the smallest exterior that contains it.
    """
    exteriors = sorted((r for r in rings if signed_area(r) > 0), key=signed_area)
    grouped = {id(r): [r] for r in exteriors}
    for hole in (r for r in rings if signed_area(r) < 0):
        owner = next((r for r in exteriors if contains(r, hole[0])), None)
        if owner is None:
            raise ValueError(f"a hole of the map at {hole[0]} lies in no exterior ring")
        grouped[id(owner)].append(hole)
    # Largest polygon first, as a reader of the file would expect.
    return [grouped[id(r)] for r in reversed(exteriors)]


def _position(x: float, y: float, width: float) -> tuple[float, float]:
    lon, lat = unproject(x, y, width)
    return round(lon, DECIMALS), round(lat, DECIMALS)


def _lon_lat_ring(ring: Ring, width: float, counter_clockwise: bool) -> tuple:
    positions: list[tuple[float, float]] = []
    for x, y in ring:
        position = _position(x, y, width)
        if not positions or positions[-1] != position:
            positions.append(position)
    if len(positions) > 1 and positions[0] == positions[-1]:
        positions.pop()
    # The projection flips y, so orientation is checked again in lon/lat.
    if (signed_area(positions) > 0) != counter_clockwise:
        positions.reverse()
    return (*positions, positions[0])


@cache
def country_geometries() -> dict[str, dict]:
    """Each country's GeoJSON geometry by ISO3 code, converted once per process.

    RFC 7946: exterior rings counter-clockwise, holes clockwise, rings closed; small
    countries (a dot on the map) are a Point. The neutral land is left out. Coordinates
    are tuples, so that the cached geometry cannot be changed by a caller.
    """
    world = geometry()
    result = {}
    for shape in world.shapes:
        if not shape.code:
            continue
        if shape.dot is not None:
            result[shape.code] = {
                "type": "Point",
                "coordinates": _position(*shape.dot, world.width),
            }
            continue
        parts = tuple(
            tuple(
                _lon_lat_ring(ring, world.width, counter_clockwise=i == 0)
                for i, ring in enumerate(polygon)
            )
            for polygon in polygons(path_rings(shape.d))
        )
        if len(parts) == 1:
            result[shape.code] = {"type": "Polygon", "coordinates": parts[0]}
        else:
            result[shape.code] = {"type": "MultiPolygon", "coordinates": parts}
    return result


def countries_geojson(on: dt.date | None = None) -> dict:
    """Every country as a GeoJSON FeatureCollection, with its summary category.

    Properties: the category as now reported, its dated changes, and with `on` the
    category on that date. Names, labels and URLs are in the active language. A fixed
    number of queries whatever the data size; a country the map does not draw has a null
    geometry.
    """
    records = load_records()
    now = summarise(records, None)
    then = summarise(records, on) if on is not None else {}
    history = category_history(records)
    shapes = country_geometries()
    features = []
    for country_id, country in sorted(records.countries.items(), key=lambda item: item[1].code):
        category = now[country_id].category
        properties = {
            "code": country.code,
            "iso_alpha2": country.iso_alpha2,
            "name": country.name,
            "region": country.region.code if country.region else None,
            "url": country.get_absolute_url(),
            "category": str(category),
            "category_label": str(SummaryCategory(category).label),
            "category_history": [
                {"date": date.isoformat(), "category": str(change)}
                for date, change in history.get(country_id, [])
            ],
        }
        if on is not None:
            properties["category_on"] = str(then[country_id].category)
        shape = shapes.get(country.code)
        features.append(
            {
                "type": "Feature",
                "id": country.code,
                # A fresh dict around the cached, immutable coordinates.
                "geometry": dict(shape) if shape else None,
                "properties": properties,
            }
        )
    collection: dict = {"type": "FeatureCollection"}
    if on is not None:
        collection["on"] = on.isoformat()
    collection["source"] = (
        f"{geometry().source}; simplified as the site's world map (Equal Earth, "
        "coordinates to 0.1 px, about 4 km) and converted back to longitude and latitude; "
        "small countries are points."
    )
    collection["features"] = features
    return collection

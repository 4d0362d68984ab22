"""The world map of public policies: the project's geometry coloured by category."""

import re
from dataclasses import dataclass
from functools import cache

from focus.policies.summary import CountrySummary
from focus.policies.vocabulary import SummaryCategory

from .worldmap import geometry


@dataclass(frozen=True)
class MapShape:
    code: str
    d: str
    dot: tuple[float, float] | None
    name: str = ""
    url: str = ""
    category: str = ""
    category_label: str = ""


@dataclass(frozen=True)
class WorldMap:
    width: int
    height: int
    outline: str
    shapes: list[MapShape]
    dots: list[MapShape]
    source: str


def world_map(summaries: dict[int, CountrySummary]) -> WorldMap:
    """Every shape of the geometry, linked to its country and coloured by its category.

    Land with no country of ours (disputed areas) is drawn but not linked. Small states
    are dots, drawn last so that they sit above their neighbours.
    """
    return coloured_map(
        {
            s.country.code: (s.country.name, s.country.get_absolute_url(), str(s.category))
            for s in summaries.values()
        }
    )


def coloured_map(countries: dict[str, tuple[str, str, str]]) -> WorldMap:
    """The map from (name, address, category) by country code: what `world_map` draws
    from live summaries, and a published report from the categories it froze."""
    world = geometry()
    shapes: list[MapShape] = []
    dots: list[MapShape] = []
    for shape in world.shapes:
        found = countries.get(shape.code)
        if found:
            name, url, category = found
            item = MapShape(
                shape.code,
                shape.d,
                shape.dot,
                name,
                url,
                category,
                str(SummaryCategory(category).label),
            )
        else:
            item = MapShape(shape.code, shape.d, shape.dot)
        (dots if shape.dot else shapes).append(item)
    return WorldMap(world.width, world.height, world.outline, shapes, dots, world.source)


# A locator map shows this much of the world around a country, at least (px of the
# world map, whose whole is 1000 by 445), in the proportions of LOCATOR_RATIO.
LOCATOR_MIN_WIDTH = 160.0
LOCATOR_RATIO = 5 / 3
# A country drawn smaller than this share of the locator's width gets a ring around it.
LOCATOR_RING_BELOW = 0.04

_NUMBER = re.compile(r"[Mlz]|-?(?:\d+\.?\d*|\.\d+)")


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def overlaps(self, other: "Box") -> bool:
        return (
            self.left <= other.right
            and other.left <= self.right
            and self.top <= other.bottom
            and other.top <= self.bottom
        )


def _rings(d: str) -> list[tuple[Box, float]]:
    """Each ring of SVG path data (`M x y l dx dy … z`, as world.json writes them) with
    its bounding box and area."""
    rings = []
    points: list[tuple[float, float]] = []
    tokens = _NUMBER.findall(d)
    i = 0
    x = y = 0.0

    def close():
        if len(points) >= 3:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            area = abs(
                sum(
                    points[k][0] * points[k - 1][1] - points[k - 1][0] * points[k][1]
                    for k in range(len(points))
                )
                / 2
            )
            rings.append((Box(min(xs), min(ys), max(xs), max(ys)), area))
        points.clear()

    command = ""
    while i < len(tokens):
        part = tokens[i]
        if part in ("M", "l", "z"):
            command = part
            if part == "z":
                close()
            i += 1
            continue
        dx, dy = float(part), float(tokens[i + 1])
        i += 2
        if command == "M":
            close()
            x, y = dx, dy
            command = "l"  # further pairs after M are line-tos
        else:
            x, y = x + dx, y + dy
        points.append((x, y))
    close()
    return rings


@cache
def _boxes() -> dict[str, tuple[Box, Box]]:
    """Each country's whole extent and the extent of its largest ring (a dot: a point)."""
    boxes = {}
    for shape in geometry().shapes:
        if shape.dot:
            x, y = shape.dot
            point = Box(x, y, x, y)
            boxes[shape.code] = (point, point)
            continue
        rings = _rings(shape.d)
        if not rings:
            continue
        whole = Box(
            min(b.left for b, _ in rings),
            min(b.top for b, _ in rings),
            max(b.right for b, _ in rings),
            max(b.bottom for b, _ in rings),
        )
        boxes[shape.code] = (whole, max(rings, key=lambda ring: ring[1])[0])
    return boxes


@dataclass(frozen=True)
class LocatorMap:
    """A window of the world map around one country, which is highlighted."""

    code: str
    window: Box
    outline: str
    shapes: list[MapShape]  # neighbours in the window, the country last
    ring: tuple[float, float, float] | None  # (cx, cy, r) around a small country
    stroke: float
    source: str

    @property
    def view_box(self) -> str:
        w = self.window
        return f"{w.left:.1f} {w.top:.1f} {w.width:.1f} {w.height:.1f}"

    @property
    def dot_radius(self) -> float:
        return round(self.window.width / 120, 2)


def locator_map(code: str) -> LocatorMap | None:
    """The part of the world map around a country (ISO 3166-1 alpha-3), centred on its
    largest land, with the country highlighted; None if the map has no shape for it.

    The window is at least LOCATOR_MIN_WIDTH wide, so that a small country shows its
    neighbours, and at most the whole map; only the shapes that reach into it are kept.
    """
    world = geometry()
    found = _boxes().get(code)
    if not found:
        return None
    _, main = found
    width = min(
        max(max(main.width, main.height * LOCATOR_RATIO) * 2.5, LOCATOR_MIN_WIDTH), world.width
    )
    height = width / LOCATOR_RATIO
    if height > world.height:
        height = world.height
        width = height * LOCATOR_RATIO
    cx, cy = (main.left + main.right) / 2, (main.top + main.bottom) / 2
    left = min(max(cx - width / 2, 0), world.width - width)
    top = min(max(cy - height / 2, 0), world.height - height)
    window = Box(left, top, left + width, top + height)
    boxes = _boxes()
    shapes: list[MapShape] = []
    country: list[MapShape] = []
    for shape in world.shapes:
        box = boxes.get(shape.code, (None,))[0] if shape.code else None
        if shape.code and box is not None and not box.overlaps(window):
            continue
        item = MapShape(shape.code, shape.d, shape.dot)
        (country if shape.code == code else shapes).append(item)
    ring = None
    if max(main.width, main.height) < width * LOCATOR_RING_BELOW:
        ring = (round(cx, 1), round(cy, 1), round(width * LOCATOR_RING_BELOW, 1))
    return LocatorMap(
        code, window, world.outline, shapes + country, ring, round(width / 500, 2), world.source
    )

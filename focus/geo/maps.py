"""The world map of public policies: the project's geometry coloured by category."""

from dataclasses import dataclass

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
    by_code = {s.country.code: s for s in summaries.values()}
    world = geometry()
    shapes, dots = [], []
    for shape in world.shapes:
        summary = by_code.get(shape.code)
        if summary:
            country = summary.country
            item = MapShape(
                shape.code,
                shape.d,
                shape.dot,
                country.name,
                country.get_absolute_url(),
                str(summary.category),
                str(SummaryCategory(summary.category).label),
            )
        else:
            item = MapShape(shape.code, shape.d, shape.dot)
        (dots if shape.dot else shapes).append(item)
    return WorldMap(world.width, world.height, world.outline, shapes, dots, world.source)

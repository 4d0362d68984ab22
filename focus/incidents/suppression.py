"""Which counts of the public trends may be shown: none that could point at a person.

A view is a breakdown of counts (e.g. acts per year) under some filters (a country, a
kind of act). A number is shown only if it is 0 or at least the threshold (k, 5 by
default), and so is its difference to the same number in every view with one filter
fewer: two published views can then not be subtracted into a small count. Within a
view, once a cell is hidden, more of the smallest cells are hidden until the hidden ones
add up to 0 or at least k, so that the total, less the cells shown, reveals no small
count either. Pure functions over counts: the queries are elsewhere.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


def safe(count: int, threshold: int) -> bool:
    return count == 0 or count >= threshold


@dataclass(frozen=True)
class View:
    """The counts shown for a breakdown: None where a count is hidden."""

    cells: dict[str, int | None]
    total: int | None

    @property
    def hidden(self) -> int:
        return sum(1 for value in self.cells.values() if value is None)


def publish(
    cells: Mapping[str, int],
    wider: Iterable[Mapping[str, int]] = (),
    threshold: int = 5,
) -> View:
    """The counts of a view that may be shown.

    `cells`: the true count of each value of the breakdown under the view's filters.
    `wider`: the same breakdown with one of those filters left out, one per filter.
    """
    wider = list(wider)
    # A value counted only in a wider view is a 0 here, which says as much as any count.
    cells = {**{value: 0 for other in wider for value in other}, **cells}
    hidden = {
        value
        for value, count in cells.items()
        if not safe(count, threshold)
        or any(not safe(other.get(value, 0) - count, threshold) for other in wider)
    }
    # Complementary suppression: what is hidden adds up to 0 or at least k.
    while 0 < sum(cells[v] for v in hidden) < threshold:
        shown = [(count, value) for value, count in cells.items() if value not in hidden and count]
        if not shown:
            break
        hidden.add(min(shown)[1])
    total = sum(cells.values())
    total_shown = safe(total, threshold) and all(
        safe(sum(other.values()) - total, threshold) for other in wider
    )
    return View(
        {value: None if value in hidden else count for value, count in cells.items()},
        total if total_shown else None,
    )

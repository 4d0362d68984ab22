"""Small bar charts of a mechanism's figures, drawn on the server as SVG.

Each chart comes with the same numbers as a table, which is what screen readers and
Tor Browser's safest mode (no SVG) show.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format

from .models import MechanismFigure
from .vocabulary import FigureMetric

LABEL_WIDTH = 90
BAR_SPACE = 230
ROW = 24
WIDTH = LABEL_WIDTH + BAR_SPACE + 140


@dataclass(frozen=True)
class Bar:
    period: str
    value: Decimal
    value_label: str
    y: int
    width: float


@dataclass(frozen=True)
class Chart:
    metric: str
    metric_label: str
    unit: str
    bars: list[Bar]
    figures: list[MechanismFigure]
    width: int = WIDTH
    label_width: int = LABEL_WIDTH

    @property
    def height(self) -> int:
        return ROW * len(self.bars) + 4


def _value_label(value: Decimal) -> str:
    """The value in the visitor's number format; decimals only when there are any."""
    decimals = 0 if value == value.to_integral_value() else 2
    return number_format(value, decimal_pos=decimals, force_grouping=True)


def figure_charts(figures) -> list[Chart]:
    """One chart per metric and unit, periods in order, bars scaled to the largest value."""
    groups: dict[tuple[str, str], list[MechanismFigure]] = {}
    for figure in sorted(figures, key=lambda f: (f.metric, f.unit, f.period_end, f.period)):
        groups.setdefault((figure.metric, figure.unit), []).append(figure)
    charts = []
    for (metric, unit), rows in groups.items():
        top = max((f.value for f in rows), default=Decimal(0)) or Decimal(1)
        bars = [
            Bar(
                f.period,
                f.value,
                _value_label(f.value),
                i * ROW + 2,
                round(float(max(f.value, Decimal(0)) / top) * BAR_SPACE, 1),
            )
            for i, f in enumerate(rows)
        ]
        charts.append(Chart(metric, str(FigureMetric(metric).label), unit, bars, rows))
    return charts

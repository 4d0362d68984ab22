"""Dates known to a day, a month or a year, as the sources give them.

A record keeps the first day of the period it knows (`2014-06` is stored as 2014-06-01)
beside its precision. A fact is taken as certain on a date only once its whole period
has passed: a law adopted "in 2018" is not yet shown as adopted on 2018-03-01.
"""

import calendar
import datetime as dt
import re

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    UNKNOWN = "unknown", _("date not known")


_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(text: str) -> tuple[dt.date | None, str]:
    """Parse `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `unknown` into (first day, precision).

    Raises ValueError with a message that names the problem.
    """
    text = (text or "").strip()
    if text.lower() in ("", "unknown"):
        return None, DatePrecision.UNKNOWN
    match = _PATTERN.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = match.groups()
    try:
        value = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a valid date: {exc}") from None
    if day:
        return value, DatePrecision.DAY
    if month:
        return value, DatePrecision.MONTH
    return value, DatePrecision.YEAR


def normalise(value: dt.date | None, precision: str) -> dt.date | None:
    """The first day of the period, so that equal periods compare equal."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return None
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def period_end(value: dt.date | None, precision: str) -> dt.date | None:
    """The last day of the period a partial date stands for."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return None
    if precision == DatePrecision.YEAR:
        return dt.date(value.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return dt.date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    return value


def format_partial_date(value: dt.date | None, precision: str) -> str:
    """A partial date in the active language: "20 June 2014", "June 2014", "2014"."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return str(_("date not known"))
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return formats.date_format(value, "YEAR_MONTH_FORMAT")
    return formats.date_format(value, "DATE_FORMAT")


def iso_partial_date(value: dt.date | None, precision: str) -> str:
    """The inverse of parse_partial_date: `2014`, `2014-06`, `2014-06-20` or `unknown`."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return "unknown"
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def check_partial_date(obj, field: str, precision_field: str) -> None:
    """A model's date and its precision agree, and the date is not far in the future."""
    from django.core.exceptions import ValidationError

    value, precision = getattr(obj, field), getattr(obj, precision_field)
    if precision == DatePrecision.UNKNOWN and value is not None:
        raise ValidationError({precision_field: _("A date is given: choose its precision.")})
    if precision != DatePrecision.UNKNOWN and value is None:
        raise ValidationError(
            {field: _("Give the date, or set its precision to “date not known”.")}
        )
    if value is not None and value > dt.date.today() + dt.timedelta(days=3650):
        raise ValidationError({field: _("This date is too far in the future.")})

"""The convenings as an iCalendar file (RFC 5545), for calendar applications.

Every event is a whole-day one: the sources give days, not hours or time zones. A date
known only to the month or the year is shown on the first day of that period, and the
event's description says how well it is known. A convening without a date is left out.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from focus.core.dates import DatePrecision
from focus.core.text import translated

from .convenings import (
    convening_path,
    display_place,
    display_title,
    organiser_list,
    precision_note,
)
from .models import Convening
from .vocabulary import ConveningKind


def event_uid(convening: Convening) -> str:
    """The same in every language and for as long as the slug stands."""
    host = urlsplit(settings.SITE_URL).hostname or "focus"
    return f"convening-{convening.slug}@{host}"


def _line(text) -> str:
    """One line: a title or a place typed with line breaks is still one line."""
    return " ".join(str(text).split())


def _event(convening: Convening, absolute: Callable[[str], str], stamp: dt.datetime):
    event = icalendar.Event()
    url = absolute(convening_path(convening))
    event.add("uid", event_uid(convening))
    event.add("dtstamp", stamp)
    event.add("summary", _line(display_title(convening)))
    event.add("dtstart", convening.start_date)
    # DTEND is the day after the last (RFC 5545, 3.6.1); only for dates known to the day.
    if (
        convening.start_date_precision == DatePrecision.DAY
        and convening.end_date_precision == DatePrecision.DAY
        and convening.start_date
        and convening.end_date
        and convening.end_date > convening.start_date
    ):
        event.add("dtend", convening.end_date + dt.timedelta(days=1))
    event.add("location", _line(display_place(convening)))
    event.add("categories", [str(ConveningKind(convening.kind).label)])
    lines = [precision_note(convening)]
    organisers = organiser_list(convening)
    if organisers:
        lines.append(_("Organisers: %(names)s.") % {"names": "; ".join(organisers)})
    lines += [str(translated(convening, "summary")), url]
    event.add("description", "\n\n".join(line for line in lines if line))
    event.add("url", url)
    return event


def calendar_file(
    convenings: Iterable[Convening], absolute: Callable[[str], str], name: str
) -> bytes:
    """An iCalendar file of these convenings; `absolute` makes a path a full URL."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Focus//Convenings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _line(name))
    stamp = timezone.now().replace(microsecond=0)
    for convening in convenings:
        if convening.start_date is None:
            continue
        calendar.add_component(_event(convening, absolute, stamp))
    return calendar.to_ical()

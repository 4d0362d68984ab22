"""What the public sees of the convenings: the one query behind the list page and the
calendar feed, and a convening in words (its dates at their precision, its place) and in
schema.org terms.
"""

import datetime as dt

from django.conf.locale import LANG_INFO
from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from focus.core.dates import DatePrecision, format_partial_date, iso_partial_date, period_end
from focus.core.paths import page_path
from focus.core.text import Localised, translated

from .models import Convening
from .vocabulary import Attendance

SCHEMA_ATTENDANCE: dict[str, str] = {
    Attendance.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Attendance.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Attendance.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def public_convenings() -> QuerySet:
    return Convening.objects.public()


def filtered(convenings: QuerySet, *, year=None, region=None, topic=None, kind="") -> QuerySet:
    """Convenings that started in a year, took place in a country of a region (online ones
    have none), are filed under a topic, or are of a kind; None or "" leaves a filter out."""
    if year:
        convenings = convenings.filter(start_date__year=year)
    if region:
        convenings = convenings.filter(country__region=region)
    if topic:
        convenings = convenings.filter(topics=topic)
    if kind:
        convenings = convenings.filter(kind=kind)
    return convenings


def _not_before(field: str, today: dt.date) -> Q:
    """The period a partial date stands for has not ended before `today` (a date known to
    the month is stored as its first day, so "this month" still counts)."""
    precision = f"{field}_precision"
    return (
        Q(**{precision: DatePrecision.DAY, f"{field}__gte": today})
        | Q(**{precision: DatePrecision.MONTH, f"{field}__gte": today.replace(day=1)})
        | Q(**{precision: DatePrecision.YEAR, f"{field}__gte": today.replace(month=1, day=1)})
    )


def upcoming_q(today: dt.date) -> Q:
    """Not over yet: its last known day is today or later. A convening open for
    registration whose date is not known yet counts as upcoming too."""
    return (
        _not_before("end_date", today)
        | (Q(end_date__isnull=True) & _not_before("start_date", today))
        | Q(registration_open=True, start_date__isnull=True)
    )


def is_upcoming(convening: Convening, today: dt.date | None = None) -> bool:
    """The same test as upcoming_q, for one convening in memory."""
    today = today or dt.date.today()
    # None for no date (a date whose precision is not known is saved as none)
    end = period_end(convening.end_date, convening.end_date_precision)
    if end is not None:
        return end >= today
    start = period_end(convening.start_date, convening.start_date_precision)
    if start is not None:
        return start >= today
    return convening.registration_open


def for_listing(convenings: QuerySet, today: dt.date | None = None) -> QuerySet:
    """Upcoming convenings first, the soonest first; then past ones, the latest first, and
    those whose date is not known last."""
    today = today or dt.date.today()
    return (
        convenings.select_related("country")
        .annotate(
            upcoming=Case(
                When(upcoming_q(today), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by(
            F("upcoming").desc(),
            Case(When(upcoming=True, then=F("start_date"))).asc(nulls_last=True),
            F("start_date").desc(nulls_last=True),
            "slug",
        )
    )


def for_calendar(convenings: QuerySet) -> QuerySet:
    """Convenings with a date, in date order: one without a date cannot be in a calendar."""
    return (
        convenings.filter(start_date__isnull=False)
        .select_related("country")
        .order_by("start_date", "slug")
    )


# A convening in words


def convening_path(convening: Convening) -> str:
    return page_path("network:convening", convening.slug)


def display_title(convening: Convening) -> Localised:
    return translated(convening, "title", "title_original") or Localised(convening.slug)


def display_dates(convening: Convening) -> str:
    """The dates at their precision: "9 October 2013 to 11 October 2013" (with a dash),
    "October 2017", "date not known"."""
    start = format_partial_date(convening.start_date, convening.start_date_precision)
    if convening.end_date is None or (
        convening.end_date == convening.start_date
        and convening.end_date_precision == convening.start_date_precision
    ):
        return start
    end = format_partial_date(convening.end_date, convening.end_date_precision)
    return f"{start} \u2013 {end}"


def display_place(convening: Convening) -> str:
    """ "Dublin, Ireland", "online", "Brussels, Belgium, and online", "place not known"."""
    where = ", ".join(
        p for p in (convening.city, convening.country and convening.country.name) if p
    )
    if convening.attendance == Attendance.ONLINE:
        return _("online")
    if convening.attendance == Attendance.HYBRID:
        return _("%(place)s, and online") % {"place": where} if where else _("online")
    return where or _("place not known")


def organiser_list(convening: Convening) -> list[str]:
    return [line.strip() for line in convening.organisers.splitlines() if line.strip()]


def language_names(convening: Convening) -> list[str]:
    """The working languages, named in the visitor's language."""
    codes = [code.strip() for code in convening.languages.split(",") if code.strip()]
    return [str(gettext_lazy(LANG_INFO[c]["name"])) if c in LANG_INFO else c for c in codes]


def described(convenings) -> list[Convening]:
    """The convenings with what a list or a page shows of each, in words."""
    convenings = list(convenings)
    for convening in convenings:
        convening.url = convening_path(convening)
        convening.display_title = display_title(convening)
        convening.when = display_dates(convening)
        convening.where = display_place(convening)
        convening.organiser_list = organiser_list(convening)
    return convenings


def precision_note(convening: Convening) -> str:
    """What a calendar must say of a date it shows as a day but that is known less well."""
    if convening.start_date_precision == DatePrecision.MONTH:
        return _("Date known to the month only: %(date)s.") % {"date": display_dates(convening)}
    if convening.start_date_precision == DatePrecision.YEAR:
        return _("Date known to the year only: %(date)s.") % {"date": display_dates(convening)}
    return ""


# schema.org


def convening_json_ld(convening: Convening, url: str) -> dict:
    """A schema.org `Event`; its dates as precise as they are known (ISO 8601 allows
    `2017-10` and `2010`)."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": url,
        "url": url,
        "name": str(display_title(convening)),
    }
    if convening.title_original and convening.title_original != data["name"]:
        data["alternateName"] = convening.title_original
    if convening.start_date:
        data["startDate"] = iso_partial_date(convening.start_date, convening.start_date_precision)
    if convening.end_date:
        data["endDate"] = iso_partial_date(convening.end_date, convening.end_date_precision)
    if convening.attendance in SCHEMA_ATTENDANCE:
        data["eventAttendanceMode"] = SCHEMA_ATTENDANCE[convening.attendance]
    locations = []
    if convening.attendance != Attendance.ONLINE and (convening.city or convening.country):
        place: dict[str, object] = {"@type": "Place"}
        address = {"@type": "PostalAddress"}
        if convening.city:
            place["name"] = convening.city
            address["addressLocality"] = convening.city
        if convening.country:
            place.setdefault("name", convening.country.name)
            address["addressCountry"] = convening.country.iso_alpha2 or convening.country.code
        place["address"] = address
        locations.append(place)
    if convening.attendance in (Attendance.ONLINE, Attendance.HYBRID):
        locations.append({"@type": "VirtualLocation", "name": _("online")})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    organisers = [{"@type": "Organization", "name": name} for name in organiser_list(convening)]
    if organisers:
        data["organizer"] = organisers
    summary = translated(convening, "summary")
    if summary:
        data["description"] = str(summary)
    languages = [c.strip() for c in convening.languages.split(",") if c.strip()]
    if languages:
        data["inLanguage"] = languages
    return data

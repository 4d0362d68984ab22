"""The convenings' iCalendar feeds, read back by a real client (the `icalendar` package):
whole-day events at their dates, a date known less well on its first day and said so,
stable UIDs, no convening without a date, the list's filters, and a 400 for a filter the
feed cannot read. The convenings are SYNTHETIC (factories)."""

import datetime as dt

import icalendar
import pytest

from focus.core.dates import DatePrecision
from focus.geo.tests.factories import CountryFactory, RegionFactory
from focus.network.calendar import event_uid
from focus.network.vocabulary import Attendance

from .factories import ConveningFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def convenings():
    africa = RegionFactory(code="africa", name_en="Africa")
    east = CountryFactory(name_en="Eastland", name_fr="Pays de l'Est", region=africa)
    topic = TopicFactory(slug="women_hrds")
    days = ConveningFactory(
        slug="three-days", title_en="Synthetic three days", country=east,
        start_date=dt.date(2013, 10, 9), end_date=dt.date(2013, 10, 11),
        organisers="First Synthetic NGO\nSecond Synthetic NGO",
    )  # fmt: skip
    days.topics.add(topic)
    month = ConveningFactory(
        slug="a-month", title_en="Synthetic month", start_date=dt.date(2017, 10, 1),
        start_date_precision=DatePrecision.MONTH, end_date=None,
        end_date_precision=DatePrecision.UNKNOWN, attendance=Attendance.HYBRID,
    )  # fmt: skip
    year = ConveningFactory(
        slug="a-year", title_en="Synthetic year", start_date=dt.date(2010, 1, 1),
        start_date_precision=DatePrecision.YEAR, end_date=None,
        end_date_precision=DatePrecision.UNKNOWN, country=None, city="",
        attendance=Attendance.ONLINE,
    )  # fmt: skip
    one_day = ConveningFactory(
        slug="one-day", title_en="Synthetic one day", start_date=dt.date(2022, 3, 8),
        end_date=dt.date(2022, 3, 8),
    )  # fmt: skip
    ConveningFactory(
        slug="undated", title_en="Synthetic undated", start_date=None,
        start_date_precision=DatePrecision.UNKNOWN, end_date=None,
        end_date_precision=DatePrecision.UNKNOWN,
    )  # fmt: skip
    ConveningFactory(slug="hidden", published=False)
    return {"days": days, "month": month, "year": year, "one_day": one_day}


def _events(response) -> dict[str, icalendar.Event]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_has_every_dated_convening_as_a_whole_day_event(visitor, convenings):
    events = _events(visitor.get("/en/convenings.ics"))
    assert sorted(events) == [
        "Synthetic month",
        "Synthetic one day",
        "Synthetic three days",
        "Synthetic year",
    ]
    days = events["Synthetic three days"]
    assert days.decoded("DTSTART") == dt.date(2013, 10, 9)
    assert days["DTSTART"].params["VALUE"] == "DATE"
    assert days.decoded("DTEND") == dt.date(2013, 10, 12)  # the day after the last
    assert str(days["UID"]) == "convening-three-days@127.0.0.1"
    assert str(days["URL"]) == "http://testserver/en/convenings/three-days/"
    assert isinstance(days.decoded("DTSTAMP"), dt.datetime)
    assert str(days["LOCATION"]) == "Synthetic City, Eastland"
    assert "First Synthetic NGO; Second Synthetic NGO" in str(days["DESCRIPTION"])
    assert "A synthetic convening for a test." in str(days["DESCRIPTION"])

    one_day = events["Synthetic one day"]
    assert one_day.decoded("DTSTART") == dt.date(2022, 3, 8) and "DTEND" not in one_day

    month = events["Synthetic month"]
    assert month.decoded("DTSTART") == dt.date(2017, 10, 1) and "DTEND" not in month
    assert str(month["DESCRIPTION"]).startswith("Date known to the month only: October 2017.")
    assert str(month["LOCATION"]).endswith(", and online")

    year = events["Synthetic year"]
    assert year.decoded("DTSTART") == dt.date(2010, 1, 1)
    assert str(year["DESCRIPTION"]).startswith("Date known to the year only: 2010.")
    assert str(year["LOCATION"]) == "online"


def test_uids_are_the_same_in_every_language_and_in_every_feed(visitor, convenings):
    english = _events(visitor.get("/en/convenings.ics"))
    french = _events(visitor.get("/fr/convenings.ics"))
    one = _events(visitor.get("/es/convenings/three-days.ics"))
    uid = event_uid(convenings["days"])
    assert str(english["Synthetic three days"]["UID"]) == uid
    assert str(french["Synthetic three days"]["UID"]) == uid
    assert [str(e["UID"]) for e in one.values()] == [uid]
    assert "Pays de l'Est" in str(french["Synthetic three days"]["LOCATION"])
    assert str(french["Synthetic three days"]["URL"]).endswith("/fr/convenings/three-days/")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2013", ["Synthetic three days"]),
        ("region=africa", ["Synthetic three days"]),
        ("topic=women_hrds", ["Synthetic three days"]),
        ("kind=webinar", []),
    ],
)
def test_the_feed_takes_the_lists_filters(visitor, convenings, query, expected):
    assert sorted(_events(visitor.get(f"/en/convenings.ics?{query}"))) == expected


def test_the_lists_calendar_link_gives_the_same_convenings(visitor, convenings):
    page = visitor.get("/en/convenings/?region=africa&year=2013").text
    assert 'href="/en/convenings.ics?region=africa&amp;year=2013"' in page
    assert sorted(_events(visitor.get("/en/convenings.ics?region=africa&year=2013"))) == [
        "Synthetic three days"
    ]


@pytest.mark.parametrize(
    "query", ["year=twenty", "year=99999", "region=atlantis", "topic=%3Cscript%3E", "kind=party"]
)
def test_a_malformed_feed_request_is_a_400_with_a_message(visitor, convenings, query):
    response = visitor.get(f"/en/convenings.ics?{query}")
    assert response.status_code == 400
    assert "Some filters could not be read" in response.text
    assert "<script>" not in response.text


def test_a_convening_without_a_date_has_no_calendar_file(visitor, convenings):
    response = visitor.get("/en/convenings/undated.ics")
    assert response.status_code == 404
    assert "cannot be added to a calendar" in response.text
    assert visitor.get("/en/convenings/hidden.ics").status_code == 404
    assert visitor.get("/en/convenings/no-such.ics").status_code == 404
    assert visitor.post("/en/convenings.ics").status_code == 405


def test_text_that_would_break_the_file_is_escaped(visitor, convenings):
    days = convenings["days"]
    days.title_en = "Synthetic; with, commas\nand a line\r\nEND:VCALENDAR"
    days.save()
    events = _events(visitor.get("/en/convenings/three-days.ics"))
    assert list(events) == ["Synthetic; with, commas and a line END:VCALENDAR"]
    calendar = visitor.get("/en/convenings/three-days.ics").content.decode()
    assert calendar.split("\r\n").count("END:VCALENDAR") == 1

import datetime as dt

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from focus.core.dates import (
    DatePrecision,
    format_partial_date,
    iso_partial_date,
    parse_partial_date,
    period_end,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2014-06-20", (dt.date(2014, 6, 20), DatePrecision.DAY)),
        ("2014-06", (dt.date(2014, 6, 1), DatePrecision.MONTH)),
        ("2014", (dt.date(2014, 1, 1), DatePrecision.YEAR)),
        ("unknown", (None, DatePrecision.UNKNOWN)),
        ("", (None, DatePrecision.UNKNOWN)),
    ],
)
def test_partial_dates_are_read_with_their_precision(text, expected):
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize("text", ["2014-13", "2014-02-30", "20-06-2014", "June 2014", "2014/06/20"])
def test_invalid_dates_are_refused_with_a_message_naming_them(text):
    with pytest.raises(ValueError, match=text.replace("/", ".")):
        parse_partial_date(text)


def test_a_period_ends_on_its_last_day():
    assert period_end(dt.date(2016, 2, 1), DatePrecision.MONTH) == dt.date(2016, 2, 29)
    assert period_end(dt.date(2018, 1, 1), DatePrecision.YEAR) == dt.date(2018, 12, 31)
    assert period_end(dt.date(2018, 5, 7), DatePrecision.DAY) == dt.date(2018, 5, 7)
    assert period_end(None, DatePrecision.UNKNOWN) is None


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from([DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR]),
)
def test_written_partial_dates_read_back_the_same(value, precision):
    text = iso_partial_date(value, precision)
    parsed, parsed_precision = parse_partial_date(text)
    assert parsed_precision == precision
    assert parsed <= value <= period_end(parsed, precision)


def test_partial_dates_are_shown_in_the_visitors_language():
    with translation.override("es"):
        assert format_partial_date(dt.date(2014, 6, 1), DatePrecision.MONTH) == "junio de 2014"
    with translation.override("fr"):
        assert format_partial_date(dt.date(2014, 6, 20), DatePrecision.DAY) == "20 juin 2014"
    with translation.override("en"):
        assert format_partial_date(dt.date(2014, 1, 1), DatePrecision.YEAR) == "2014"

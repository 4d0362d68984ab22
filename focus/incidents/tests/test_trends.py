"""The trend counts are the cases' own, counted once into TrendCell, and shown only as
suppression.py allows. The cases are SYNTHETIC."""

import datetime as dt

import pytest

from focus.geo.tests.factories import CountryFactory, RegionFactory
from focus.incidents import trends
from focus.incidents.models import Act, Incident, Perpetrator, TrendCell, Victim

pytestmark = pytest.mark.django_db


def _killings(country, year: int, women: int, men: int, perpetrator="police"):
    for gender, number in (("woman", women), ("man", men)):
        for _ in range(number):
            incident = Incident.objects.create(country=country, date=dt.date(year, 3, 1))
            victim = Victim.objects.create(
                incident=incident, gender=gender, profile="land_environment"
            )
            by = Perpetrator.objects.create(incident=incident, kind=perpetrator)
            Act.objects.create(incident=incident, kind="killing", victim=victim, perpetrator=by)


@pytest.fixture
def world():
    americas = RegionFactory(code="americas")
    north, south = CountryFactory(region=americas), CountryFactory(region=americas)
    _killings(north, 2022, women=6, men=9)
    _killings(north, 2023, women=2, men=12)  # 2 women: a small count
    _killings(south, 2023, women=8, men=8, perpetrator="organised_crime")
    undated = Incident.objects.create(country=south, date_precision="unknown")
    Act.objects.create(incident=undated, kind="threat")
    trends.rebuild()
    return north, south


def test_the_cells_add_up_to_the_cases(world):
    assert sum(TrendCell.objects.values_list("acts", flat=True)) == Act.objects.count() == 46
    north, _ = world
    cells = trends.cube()
    assert trends.counts(cells, {"country": north.code}, "year") == {"2022": 15, "2023": 14}
    assert trends.counts(cells, {}, "act") == {"killing": 45, "threat": 1}
    # An act with no victim or perpetrator recorded counts as "not known".
    assert trends.counts(cells, {"act": "threat"}, "gender") == {"unknown": 1}
    assert trends.counts(cells, {"act": "threat"}, "year") == {"unknown": 1}


def test_a_second_rebuild_gives_the_same_cells(world):
    def cells():
        return sorted(map(str, TrendCell.objects.values_list("country", "year", "gender", "acts")))

    before = cells()
    trends.rebuild()
    assert cells() == before


def test_small_counts_and_small_differences_are_hidden(world):
    north, _ = world
    cells = trends.cube()
    by_gender = trends.view(cells, {"country": north.code, "year": "2023"}, "gender")
    assert by_gender.cells["woman"] is None  # 2
    assert by_gender.cells["man"] is None  # hidden with it: 14 less 12 would say 2
    by_year = trends.view(cells, {"country": north.code, "gender": "woman"}, "year")
    # 2023's 2 is hidden, and 2022's 6 with it: the total, 8, is shown.
    assert by_year.cells == {"2022": None, "2023": None}
    assert by_year.total == 8
    # The same figure without the filter on gender is shown: 14 killings.
    assert trends.view(cells, {"country": north.code}, "year").cells["2023"] == 14


def test_too_many_filters_or_counting_by_a_filter_is_refused(world):
    cells = trends.cube()
    with pytest.raises(ValueError, match="at most 2"):
        trends.view(cells, {"country": "X", "year": "2023", "act": "killing"}, "gender")
    with pytest.raises(ValueError, match="both"):
        trends.view(cells, {"year": "2023"}, "year")


def test_the_public_page_shows_the_counts_and_withholds_the_small_ones(world, visitor):
    north, south = world
    page = visitor.get("/en/trends/").text
    assert "By year" in page and "By country" in page and "By perpetrator" in page
    # Each chart is named by its heading.
    assert 'aria-labelledby="b-year-h" class="bars"' in page and 'id="b-year-h"' in page
    assert '<td class="num">46</td>' in page  # every act, in the total
    filtered = visitor.get(f"/en/trends/?country={north.code.lower()}&gender=woman").text
    assert "withheld" in filtered
    assert ">2<" not in filtered  # the two women killed in 2023
    spanish = visitor.get(f"/es/trends/?country={south.code.lower()}")
    assert spanish.status_code == 200 and "Por año" in spanish.text


def test_three_filters_are_refused_with_a_reason(world, visitor):
    north, _ = world
    response = visitor.get(f"/en/trends/?country={north.code.lower()}&gender=woman&act=killing")
    assert response.status_code == 400
    assert "at most 2 filters" in response.text
    assert visitor.get("/en/trends/?year=nineteen").status_code == 400


def test_the_page_costs_the_same_queries_whatever_the_number_of_cases(world, visitor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost():
        with CaptureQueriesContext(connection) as queries:
            assert visitor.get("/en/trends/").status_code == 200
        return len(queries)

    before = cost()
    _killings(CountryFactory(region=world[0].region), 2021, women=10, men=10)
    trends.rebuild()
    assert cost() == before <= 12


def test_a_country_page_shows_its_acts_by_year_and_withholds_small_counts(world, visitor):
    north, _ = world
    page = visitor.get(north.get_absolute_url()).text
    assert 'id="attacks"' in page
    section = page.split('id="attacks"')[1].split("</section>")[0]
    assert ">15<" in section and ">14<" in section  # 2022 and 2023
    quiet = CountryFactory(region=north.region)
    assert 'id="attacks"' not in visitor.get(quiet.get_absolute_url()).text


def test_the_years_a_law_took_effect_are_marked_beside_the_counts(world, visitor):
    from focus.policies.lifecycle import DevelopmentType
    from focus.policies.tests.factories import DevelopmentFactory, InstrumentFactory

    north, _ = world
    law = InstrumentFactory(jurisdiction=north, title_en="Synthetic protection law")
    DevelopmentFactory(
        instrument=law, development_type=DevelopmentType.ADOPTED, date=dt.date(2023, 1, 10)
    )
    DevelopmentFactory(
        instrument=law, development_type=DevelopmentType.STATEMENT, date=dt.date(2022, 1, 10)
    )
    section = visitor.get(north.get_absolute_url()).text.split('id="attacks"')[1]
    section = section.split("</section>")[0]
    row_2023 = section.split('<th scope="row">2023</th>')[1].split("</tr>")[0]
    assert "★ adopted: Synthetic protection law" in row_2023
    row_2022 = section.split('<th scope="row">2022</th>')[1].split("</tr>")[0]
    assert "★" not in row_2022  # a statement marks nothing
    # A year with a milestone and no act is a row too, to read before and after.
    DevelopmentFactory(
        instrument=law,
        development_type=DevelopmentType.ENTERED_INTO_FORCE,
        date=dt.date(2019, 6, 1),
    )
    section = visitor.get(north.get_absolute_url()).text.split('id="attacks"')[1]
    row_2019 = section.split('<th scope="row">2019</th>')[1].split("</tr>")[0]
    assert '<td class="num">0</td>' in row_2019 and "★ entered into force" in row_2019


def test_a_burst_of_saves_is_counted_once_by_the_worker(world, run_worker):
    from django_tasks_db.models import DBTaskResult

    from focus.incidents.tasks import rebuild_trends

    north, _south = world
    _killings(north, 2024, women=0, men=5)
    for _ in range(3):
        rebuild_trends.enqueue()
    run_worker()
    results = sorted(
        DBTaskResult.objects.filter(task_path=rebuild_trends.module_path).values_list(
            "return_value", flat=True
        )
    )
    assert results[:2] == [-1, -1] and results[2] > 0  # the last one counted
    assert sum(TrendCell.objects.values_list("acts", flat=True)) == Act.objects.count() == 51


def test_the_counts_read_in_the_database_are_the_cells_own(world):
    """Every view with up to two filters, and each view one filter wider, counted from the
    totals and the cells as the pages do, equals the count over every cell."""
    north, south = world
    cells = trends.cube()
    choices = {
        "year": ["2022", "2023"],
        "country": [north.code, south.code],
        "act": ["killing", "threat"],
        "gender": ["woman", "man"],
        "perpetrator": ["police"],
    }
    filter_sets = [{}]
    names = list(choices)
    for a, first in enumerate(names):
        for value in choices[first]:
            filter_sets.append({first: value})
            for second in names[a + 1 :]:
                filter_sets += [{first: value, second: other} for other in choices[second]]
    for filters in filter_sets:
        dimensions = [d for d in trends.DIMENSIONS if d not in filters]
        got = trends.counted(filters, dimensions)
        for by in dimensions:
            expected = [trends.counts(cells, each, by) for each in trends.views(filters)]
            assert got[by] == expected, (filters, by)

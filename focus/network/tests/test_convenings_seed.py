"""The convenings' seed: the 44 real convenings of the research, with every fact as the
seed file gives it (dates at their precision, organisers, place, attendance, languages,
summary, outcome, sources, confidence) and their topics; a second run writes nothing and
a bad row writes nothing."""

import csv
import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from focus.core.dates import DatePrecision, parse_partial_date
from focus.core.seeding import SeedError, load_file
from focus.geo import seeding as geo_seeding
from focus.library.models import Topic
from focus.network import seeding
from focus.network.models import Convening
from focus.policies.models import Source

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


CONVENING_FILES = ("topics.csv", "convenings.csv")


def _load(folder: Path = seeding.SEED):
    return {
        name: load_file(folder / name, parse, model, key)
        for name, parse, model, key in seeding.FILES
        if name in CONVENING_FILES
    }


@pytest.fixture
def countries():
    for name, parse, model, key in geo_seeding.FILES[:2]:  # regions, countries
        load_file(geo_seeding.SEED / name, parse, model, key)


def test_the_44_real_convenings_load_with_every_fact_and_a_second_run_changes_nothing(
    countries,
):
    counts = _load()
    assert counts["convenings.csv"].created == 44
    assert counts["topics.csv"].created == 86
    rows = _rows(seeding.SEED / "convenings.csv")
    assert len(rows) == Convening.objects.count() == 44
    for row in rows:
        convening = Convening.objects.get(slug=row["slug"])
        for field in ("start_date", "end_date"):
            date, precision = parse_partial_date(row[field])
            assert getattr(convening, field) == date, row["slug"]
            assert getattr(convening, f"{field}_precision") == precision, row["slug"]
        assert convening.title_en == row["title_en"]
        assert convening.title_original == row["title_original"]
        assert convening.kind == row["kind"]
        assert convening.organisers.splitlines() == row["organisers"].split(";")
        assert convening.city == row["city"]
        assert (convening.country.code if convening.country else "") == row["country"]
        assert convening.attendance == row["attendance"]
        assert convening.languages == row["languages"]
        assert convening.summary_en == row["summary_en"]
        assert convening.outcome_en == row["outcome_en"]
        assert convening.confidence == row["confidence"]
        assert sorted(convening.sources.values_list("url", flat=True)) == sorted(
            row["sources"].split(";")
        )
        assert sorted(convening.topics.values_list("slug", flat=True)) == sorted(
            row["topics"].split(";")
        )
        assert not convening.registration_open and convening.published

    # Facts of the research, at their precision.
    dublin_2013 = Convening.objects.get(
        slug="seventh-dublin-platform-for-human-rights-defenders-at-risk-2013"
    )
    assert (dublin_2013.start_date, dublin_2013.end_date) == (
        dt.date(2013, 10, 9),
        dt.date(2013, 10, 11),
    )
    assert dublin_2013.start_date_precision == DatePrecision.DAY
    dublin_2017 = Convening.objects.get(slug="2017-dublin-platform-for-human-rights-defenders")
    assert (dublin_2017.start_date, dublin_2017.start_date_precision) == (
        dt.date(2017, 10, 1),
        DatePrecision.MONTH,
    )
    assert dublin_2017.end_date is None
    dublin_2010 = Convening.objects.get(slug="dublin-platform-for-human-rights-defenders-2010")
    assert dublin_2010.start_date_precision == DatePrecision.YEAR
    undated = Convening.objects.filter(start_date__isnull=True)
    assert undated.count() == 3
    assert set(undated.values_list("start_date_precision", flat=True)) == {DatePrecision.UNKNOWN}
    montevideo = Convening.objects.get(
        slug="regional-workshop-on-the-protection-of-human-rights-defenders-montevideo"
    )
    assert (montevideo.city, montevideo.country.code, montevideo.confidence) == (
        "Montevideo",
        "URY",
        "low",
    )
    online = Convening.objects.filter(attendance="yes")
    assert online.count() == 1 and online.get().country is None
    assert Convening.objects.filter(confidence="low").count() == 2
    assert Convening.objects.exclude(languages="").count() == 4
    assert Topic.objects.get(slug="hrds_at_risk").name_en == "defenders at risk"
    assert Topic.objects.get(slug="women_hrds").name_es == "mujeres defensoras"

    history = Convening.history.count() + Topic.history.count() + Source.history.count()
    again = _load()
    assert str(again["convenings.csv"]) == "0 created, 0 updated, 44 unchanged"
    assert str(again["topics.csv"]) == "0 created, 0 updated, 86 unchanged"
    assert Convening.history.count() + Topic.history.count() + Source.history.count() == history


def test_a_bad_row_writes_nothing_and_names_its_line(countries, tmp_path):
    shutil.copy(seeding.SEED / "topics.csv", tmp_path)
    rows = _rows(seeding.SEED / "convenings.csv")
    rows[5]["country"] = "QQQ"
    with (tmp_path / "convenings.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(SeedError, match=r"convenings\.csv, line 7: unknown country"):
        _load(tmp_path)
    assert not Convening.objects.exists()


def test_load_seed_loads_the_convenings_from_a_cut_down_copy(tmp_path, capsys):
    """--seed-dir with only the places and the network's files: the other apps are skipped."""
    (tmp_path / "geo").mkdir()
    for name in ("regions.csv", "countries.csv"):
        shutil.copy(geo_seeding.SEED / name, tmp_path / "geo")
    for name in ("regional_bodies.csv", "subdivisions.csv"):
        with (geo_seeding.SEED / name).open(encoding="utf-8") as handle:
            (tmp_path / "geo" / name).write_text(handle.readline(), encoding="utf-8")
    shutil.copytree(seeding.SEED, tmp_path / "network")
    call_command("load_seed", seed_dir=tmp_path)
    out = capsys.readouterr().out
    assert "network/convenings.csv: 44 created" in out
    assert "policies: no folder in" in out and "standards: no folder in" in out
    assert Convening.objects.count() == 44


def test_a_topic_editors_renamed_keeps_its_name_and_gets_its_missing_languages(countries):
    Topic.objects.create(slug="women_hrds", name_en="Women human rights defenders", name_es="")
    _load()
    topic = Topic.objects.get(slug="women_hrds")
    assert topic.name_en == "Women human rights defenders"
    assert topic.name_es == "mujeres defensoras"


def test_a_slug_is_the_english_title_and_the_year_cut_at_a_hyphen():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from convert_convenings import convening_slug
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert convening_slug("Forum on defenders", "2019-06-12") == "forum-on-defenders-2019"
    assert convening_slug("Dublin Platform 2010", "2010") == "dublin-platform-2010"
    assert convening_slug("Undated exchange", "unknown") == "undated-exchange"
    long = convening_slug("A very long title " * 8, "2020-01")
    assert len(long) <= 86 and long.endswith("-2020")
    assert set(long.split("-")[:-1]) <= {"a", "very", "long", "title"}  # no word cut

"""load_seed: the real dataset loads, a second run changes nothing, a bad row writes
nothing from its file and is reported with file, line and reason."""

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from focus.core.tests.seed_files import cut_seed, edit_cell
from focus.geo.models import Jurisdiction
from focus.policies.models import (
    Development,
    Instrument,
    Mechanism,
    MechanismFigure,
    Organisation,
    Source,
)
from focus.policies.summary import country_summaries
from focus.policies.vocabulary import Status

pytestmark = pytest.mark.django_db

# Where the organisations of the cut-down seed are based.
PLACES = frozenset({"CIV", "BEL", "CHE", "FRA", "GBR", "USA", "COL", "GTM", "HND"})


@pytest.fixture
def small_seed(tmp_path) -> Path:
    """A copy of the real seed files cut down to Mexico and the DRC, to keep tests fast."""
    return cut_seed(tmp_path, {"MEX", "COD"}, places=PLACES, library=True)


def _history_rows() -> int:
    return sum(
        m.history.count()
        for m in (Instrument, Development, Mechanism, MechanismFigure, Organisation, Source)
    )


def test_the_real_dataset_loads_and_a_second_run_changes_nothing(capsys):
    call_command("load_seed")
    out = capsys.readouterr().out
    assert "instruments.csv: 239 created" in out
    assert Jurisdiction.objects.countries().count() == 250
    assert Jurisdiction.objects.get(code="CD-SK").parent.code == "COD"
    assert Jurisdiction.objects.get(code="XKX").name_en == "Kosovo"
    for language in ("en", "es", "fr"):
        names = list(Jurisdiction.objects.countries().values_list(f"name_{language}", flat=True))
        assert len(set(names)) == len(names), f"two countries share a name in {language}"
    assert Jurisdiction.objects.get(code="COD").name_fr == "République démocratique du Congo"
    assert Instrument.objects.count() == 239
    assert Mechanism.objects.count() == 37
    assert MechanismFigure.objects.count() == 112
    summaries = country_summaries()
    assert sum(1 for s in summaries.values() if s.instrument_count) >= 20
    # Mexico's 2012 federal law, as its developments give it.
    law = Instrument.objects.get(reference="DOF 25-06-2012")
    assert law.current_status == Status.AMENDED
    assert law.mechanisms.filter(slug="mex-mecanismo").exists()
    # A civil-society declaration filed under the African regional body says so.
    johannesburg = Instrument.objects.get(slug="xaf-johannesburg-declaration-1998")
    assert "civil society; not an AU organ" in johannesburg.issuing_authority
    history = _history_rows()

    call_command("load_seed")
    out = capsys.readouterr().out
    assert "instruments.csv: 0 created, 0 updated, 239 unchanged" in out
    assert "developments.csv: 0 created, 0 updated" in out
    assert _history_rows() == history


def test_low_confidence_rows_are_flagged_for_editors(small_seed):
    call_command("load_seed", seed_dir=small_seed, verbosity=0)
    low = Instrument.objects.filter(confidence="low")
    assert low.exists()
    assert all(i.needs_verification for i in low)


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("jurisdiction", "MX-ZZZ", "unknown country or subdivision code 'MX-ZZZ'"),
        ("instrument_type", "statute", "unknown instrument type 'statute'"),
        ("beneficiaries", "hrds;astronauts", "unknown beneficiary 'astronauts'"),
        ("confidence", "certain", "unknown confidence 'certain'"),
        ("sources", "not a url", "'not a url' is not a valid source URL"),
    ],
)
def test_a_bad_instrument_row_aborts_its_file_and_names_the_problem(
    small_seed, column, value, reason
):
    path = small_seed / "policies" / "instruments.csv"
    edit_cell(path, 5, column, value)
    with pytest.raises(CommandError) as error:
        call_command("load_seed", seed_dir=small_seed, verbosity=0)
    assert f"instruments.csv, line 5: {reason}" in str(error.value)
    assert Instrument.objects.count() == 0
    # Files that did not depend on it still loaded.
    assert Jurisdiction.objects.filter(code="MEX").exists()
    assert Organisation.objects.exists()


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2014-02-30", "'2014-02-30' is not a valid date"),
        ("30/06/2014", "'30/06/2014' is not a date"),
    ],
)
def test_an_invalid_date_aborts_the_developments_file(small_seed, value, reason):
    edit_cell(small_seed / "policies" / "developments.csv", 3, "date", value)
    with pytest.raises(CommandError, match=r"developments.csv, line 3: ") as error:
        call_command("load_seed", seed_dir=small_seed, verbosity=0)
    assert reason in str(error.value)
    assert Development.objects.count() == 0
    assert Instrument.objects.exists()


def test_a_duplicate_natural_key_aborts_its_file(small_seed):
    path = small_seed / "policies" / "instruments.csv"
    first = next(csv.DictReader(path.open(encoding="utf-8")))["slug"]
    edit_cell(path, 4, "slug", first)
    with pytest.raises(
        CommandError,
        match=f"instruments.csv, line 4: duplicate key '{first}' \\(first at line 2\\)",
    ):
        call_command("load_seed", seed_dir=small_seed, verbosity=0)
    assert Instrument.objects.count() == 0


def test_a_bad_row_on_a_second_run_keeps_the_first_runs_records(small_seed):
    call_command("load_seed", seed_dir=small_seed, verbosity=0)
    path = small_seed / "policies" / "instruments.csv"
    before = {i.slug: i.title_en for i in Instrument.objects.all()}
    edit_cell(path, 2, "title_en", "A corrected title")
    edit_cell(path, 6, "instrument_type", "statute")
    with pytest.raises(CommandError):
        call_command("load_seed", seed_dir=small_seed, verbosity=0)
    assert {i.slug: i.title_en for i in Instrument.objects.all()} == before


def test_a_corrected_fact_is_updated_and_recorded_in_history(small_seed):
    call_command("load_seed", seed_dir=small_seed, verbosity=0)
    path = small_seed / "policies" / "instruments.csv"
    slug = next(csv.DictReader(path.open(encoding="utf-8")))["slug"]
    edit_cell(path, 2, "title_en", "A corrected title")
    call_command("load_seed", seed_dir=small_seed, verbosity=0)
    instrument = Instrument.objects.get(slug=slug)
    assert instrument.title_en == "A corrected title"
    assert instrument.history.first().history_change_reason == "load_seed"
    assert instrument.history.first().title_en == "A corrected title"


def test_a_missing_column_is_reported(small_seed):
    path = small_seed / "geo" / "countries.csv"
    text = path.read_text(encoding="utf-8").replace("alpha3,", "iso3,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=r"countries.csv, line 1: missing column\(s\): alpha3"):
        call_command("load_seed", seed_dir=small_seed, verbosity=0)


def test_pages_are_created_in_each_language_and_editors_text_is_kept(tmp_path):
    from focus.core.models import Page
    from focus.core.seeding import load_pages

    (tmp_path / "about.en.md").write_text("# About Focus\n\nWhat Focus is.\n")
    (tmp_path / "about.es.md").write_text("# Acerca de Focus\n\nQué es Focus.\n")
    assert str(load_pages(tmp_path)) == "1 created, 0 updated, 0 unchanged"
    page = Page.objects.get(slug="about")
    assert (page.title_es, page.body_es) == ("Acerca de Focus", "Qué es Focus.")
    page.body_en = "What an editor wrote."
    page.save()
    (tmp_path / "about.fr.md").write_text("# À propos de Focus\n\nCe qu’est Focus.\n")
    assert str(load_pages(tmp_path)) == "0 created, 1 updated, 0 unchanged"
    page.refresh_from_db()
    assert page.body_en == "What an editor wrote."
    assert page.body_fr == "Ce qu’est Focus."


def test_a_page_without_its_title_line_is_reported(tmp_path):
    from focus.core.seeding import SeedError, load_pages

    (tmp_path / "about.en.md").write_text("No title here.\n")
    with pytest.raises(SeedError, match="starts with its title"):
        load_pages(tmp_path)

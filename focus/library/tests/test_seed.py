"""The library's seed: the documents the research cites, loaded by load_seed as records
that point at where each can be read, linked to their places and instruments."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from focus.core.tests.seed_files import cut_seed, edit_cell, read_rows
from focus.library import seeding as library_seeding
from focus.library.models import Document
from focus.library.vocabulary import DocumentKind
from focus.policies.models import Instrument

pytestmark = pytest.mark.django_db

MEXICO_LAW = "mexico-law-for-the-protection-of-human-rights-defenders-and-journalists"
MEXICO_LAW_URL = (
    "https://www.focus-obs.org/documents/"
    "mexico-law-for-the-protection-of-human-rights-defenders-and-journalists/"
)
MEXICO_INSTRUMENT = "mex-dof-25-06-2012"  # Mexico's 2012 federal law on defenders and journalists


@pytest.fixture
def small_seed(tmp_path) -> Path:
    """A copy of the real seed files cut down to Mexico, the DRC and Brazil, to keep tests
    fast."""
    return cut_seed(tmp_path, {"MEX", "COD", "BRA"}, library=True)


def test_the_real_seed_attaches_the_documents_and_a_second_run_changes_nothing(capsys, visitor):
    rows, _ = read_rows(library_seeding.SEED / "documents.csv")
    call_command("load_seed")
    assert f"library/documents.csv: {len(rows)} created" in capsys.readouterr().out
    assert Document.objects.count() == len(rows)
    for document in Document.objects.prefetch_related("files", "instruments", "jurisdictions"):
        assert document.published
        assert document.url
        assert not document.files.all()
        assert document.jurisdictions.all(), document.slug
        assert document.instruments.all(), document.slug

    law = Document.objects.get(slug=MEXICO_LAW)
    assert law.url == MEXICO_LAW_URL
    assert law.kind == DocumentKind.OFFICIAL_TEXT
    assert (
        law.title_en == "Mexico: Law for the protection of human rights defenders and journalists"
    )
    assert [j.code for j in law.jurisdictions.all()] == ["MEX"]
    assert [i.slug for i in law.instruments.all()] == [MEXICO_INSTRUMENT]

    page = visitor.get(f"/en/library/{MEXICO_LAW}/")
    assert page.status_code == 200
    assert "<h1>Mexico: Law for the protection of human rights defenders and journalists" in (
        page.text
    )
    assert f'href="{MEXICO_LAW_URL}"' in page.text
    instrument = visitor.get(f"/en/instruments/{MEXICO_INSTRUMENT}/")
    assert f'href="/en/library/{MEXICO_LAW}/"' in instrument.text

    history = Document.history.count()
    call_command("load_seed")
    assert f"library/documents.csv: 0 created, 0 updated, {len(rows)} unchanged" in (
        capsys.readouterr().out
    )
    assert Document.objects.count() == len(rows)
    assert Document.history.count() == history


def test_a_title_in_french_only_is_shown_to_every_visitor(small_seed, visitor):
    call_command("load_seed", seed_dir=small_seed, verbosity=0)
    edict = Document.objects.get(jurisdictions__code="CD-SK")
    assert edict.title_en == ""
    assert edict.title_fr.startswith("Édit n° 001/2016")
    for language in ("en", "es", "fr"):
        page = visitor.get(f"/{language}/library/{edict.slug}/")
        assert "Édit n° 001/2016" in page.text
    # The country's library lists what is about its provinces.
    listing = visitor.get("/en/library/?country=cod")
    assert f'href="/en/library/{edict.slug}/"' in listing.text


def test_a_country_whose_documents_are_about_its_states_is_offered_in_the_filter(
    small_seed, visitor
):
    call_command("load_seed", seed_dir=small_seed, verbosity=0)
    about_brazil = Document.objects.filter(jurisdictions__parent__code="BRA")
    assert about_brazil.exists()
    assert not Document.objects.filter(jurisdictions__code="BRA").exists()
    listing = visitor.get("/en/library/?country=bra")
    assert '<option value="BRA" selected>' in listing.text
    for document in about_brazil:
        assert f'href="/en/library/{document.slug}/"' in listing.text


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("instruments", "mex-no-such-law", "unknown instrument 'mex-no-such-law'"),
        ("jurisdictions", "MEX;XYZ", "unknown country or subdivision code 'XYZ'"),
        ("kind", "pamphlet", "unknown document kind 'pamphlet'"),
        ("url", "", "no url"),
        ("url", "focus-obs.org/documents/x", "url: Enter a valid URL."),
        ("date", "2012-13-01", "'2012-13-01' is not a valid date"),
    ],
)
def test_a_bad_row_aborts_the_documents_file_and_names_the_problem(
    small_seed, column, value, reason
):
    path = small_seed / "library" / "documents.csv"
    rows, _ = read_rows(path)
    assert len(rows) >= 3
    edit_cell(path, 3, column, value)
    with pytest.raises(CommandError) as error:
        call_command("load_seed", seed_dir=small_seed, verbosity=0)
    assert f"documents.csv, line 3: {reason}" in str(error.value)
    assert not Document.objects.exists()
    assert not Document.history.exists()
    # The files it depends on still loaded.
    assert Instrument.objects.filter(slug=MEXICO_INSTRUMENT).exists()


def test_a_corrected_title_is_updated_and_recorded_in_history(small_seed):
    call_command("load_seed", seed_dir=small_seed, verbosity=0)
    path = small_seed / "library" / "documents.csv"
    rows, _ = read_rows(path)
    line = next(n for n, r in enumerate(rows, start=2) if r["slug"] == MEXICO_LAW)
    edit_cell(path, line, "title_en", "Mexico: a corrected title")
    call_command("load_seed", seed_dir=small_seed, verbosity=0)
    law = Document.objects.get(slug=MEXICO_LAW)
    assert law.title_en == "Mexico: a corrected title"
    assert law.history.first().history_change_reason == "load_seed"
    assert [i.slug for i in law.instruments.all()] == [MEXICO_INSTRUMENT]

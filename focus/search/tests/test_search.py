"""One search over instruments, mechanisms, developments and documents: without accents
or capitals, across languages, with phrases, exclusions, facets and why it matched."""

import datetime as dt

import pytest

from focus.geo.tests.factories import CountryFactory, RegionFactory
from focus.library.models import Document, DocumentFile
from focus.library.tests.test_extraction import pdf_with_metadata
from focus.library.tests.test_library import _upload
from focus.policies.lifecycle import DevelopmentType
from focus.policies.models import Organisation
from focus.policies.tests.factories import DevelopmentFactory, InstrumentFactory, MechanismFactory
from focus.search.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(django_capture_on_commit_callbacks):
    """Synthetic records in two countries, indexed as they are saved."""
    with django_capture_on_commit_callbacks(execute=True):
        americas = RegionFactory()
        mexico = CountryFactory(code="MEX", iso_alpha2="MX", name_en="Mexico", region=americas)
        chad = CountryFactory(region=RegionFactory(code="africa", name_en="Africa"), name_en="Chad")
        law = InstrumentFactory(
            jurisdiction=mexico,
            slug="journalists-law",
            title_en="Law for the Protection of Human Rights Defenders and Journalists",
            title_es="Ley para la Protección de Personas Defensoras y Periodistas",
            summary_en="Creates the federal protection mechanism.",
        )
        DevelopmentFactory(
            instrument=law,
            development_type=DevelopmentType.ADOPTED,
            date=dt.date(2012, 4, 30),
            summary_en="Congress adopted the law unanimously.",
        )
        MechanismFactory(
            jurisdiction=mexico,
            slug="mexico-mechanism",
            name_en="Protection Mechanism for Defenders and Journalists",
            how_to_reach_en="Ask for urgent measures by telephone, day and night.",
        )
        InstrumentFactory(
            jurisdiction=chad,
            slug="chad-bill",
            title_en="Draft law on human rights defenders",
            title_fr="Proposition de loi sur les défenseurs des droits humains",
        )
    return law


def _results(client, query: str, language: str = "en"):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200, response.content[:500]
    return response.text.split('id="results"')[1] if 'id="results"' in response.text else ""


def test_a_query_without_accents_or_capitals_finds_the_spanish_title(client, records):
    text = _results(client, "PROTECCION periodistas")
    assert 'href="/en/instruments/journalists-law/"' in text


def test_other_forms_of_a_word_and_other_languages_match(client, records):
    # "journalist" (singular) finds "Journalists"; French "défenseurs" finds the bill.
    assert "journalists-law" in _results(client, "journalist protection")
    assert "chad-bill" in _results(client, "defenseurs", "fr")
    assert "chad-bill" in _results(client, "defenders draft")


def test_why_it_matched_is_shown(client, records):
    text = _results(client, "urgent telephone")
    assert "mexico-mechanism" in text
    assert "<mark>urgent</mark> measures by <mark>telephone</mark>" in text


def test_phrases_and_exclusions(client, records):
    assert "chad-bill" in _results(client, '"draft law"')
    assert "journalists-law" not in _results(client, '"draft law"')
    excluded = _results(client, "defenders -journalists")
    assert "chad-bill" in excluded and "journalists-law" not in excluded


def test_function_words_are_left_out_of_unquoted_terms(client, records):
    # No record has "the": beside other words it is left out, as "de" or "la" are.
    assert "mexico-mechanism" in _results(client, "the urgent telephone")
    assert "journalists-law" in _results(client, "ley para la proteccion", "es")
    # Quoted, a phrase keeps its words in their order.
    assert "mexico-mechanism" in _results(client, '"by telephone"')
    assert "mexico-mechanism" not in _results(client, '"measures urgent"')


def test_facets_count_and_refine(client, records):
    response = client.get("/en/search/", {"q": "defenders"})
    facets = response.text.split('class="facets"')[1].split("</nav>")[0]
    assert "Mexico</a> (" in facets and "Chad</a> (1)" in facets
    refined = client.get("/en/search/", {"q": "defenders", "country": "tcd"})
    assert refined.status_code == 400  # no such country code in this synthetic world
    chad = client.get("/en/search/", {"q": "defenders", "region": "africa"}).text
    assert "chad-bill" in chad and "journalists-law" not in chad.split('id="results"')[1]


def test_documents_are_counted_and_refined_by_author(
    client, records, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ngo = Organisation.objects.create(slug="pi", name="Protection International", kind="ngo")
        other = Organisation.objects.create(slug="ishr", name="ISHR", kind="ngo")
        for slug, author in [("pi-report", ngo), ("ishr-report", other), ("pi-guide", ngo)]:
            document = Document.objects.create(
                slug=slug,
                title_en=f"Defenders report {slug}",
                kind="publication",
                date_precision="unknown",
            )
            document.authors.add(author)
    response = client.get("/en/search/", {"q": "defenders report"})
    facets = response.text.split('class="facets"')[1].split("</nav>")[0]
    assert "<h3>Author</h3>" in facets
    assert 'author=pi">Protection International</a> (2)' in facets
    assert "ISHR</a> (1)" in facets
    refined = client.get("/en/search/", {"q": "defenders report", "author": "pi"}).text
    results = refined.split('id="results"')[1]
    assert "pi-report" in results and "pi-guide" in results and "ishr-report" not in results
    # An author added later is counted at once.
    with django_capture_on_commit_callbacks(execute=True):
        Document.objects.get(slug="ishr-report").authors.add(ngo)
    response = client.get("/en/search/", {"q": "defenders report"})
    assert "Protection International</a> (3)" in response.text


@pytest.mark.parametrize(
    "query",
    [
        '"unclosed phrase',
        "AND OR NOT NEAR( * ^ :",
        "'; DROP TABLE search_searchentry; --",
        "😀 🇲🇽",
        "-",
        '""',
        "x" * 10_000,
        "protección " * 2_000,
    ],
)
def test_the_search_box_accepts_any_string(client, records, query):
    response = client.get("/es/search/", {"q": query})
    assert response.status_code == 200
    assert SearchEntry.objects.exists()


def test_results_can_be_sorted_by_date(client, records):
    text = _results(client, "law")
    by_date = client.get("/en/search/", {"q": "law", "sort": "date"}).text
    assert "journalists-law" in text and "journalists-law" in by_date


def test_a_deleted_record_leaves_the_index(client, records):
    records.delete()
    assert "journalists-law" not in _results(client, "periodistas")
    assert not SearchEntry.objects.filter(record_type="instrument", slug="journalists-law").exists()


def test_an_uploaded_spanish_pdf_is_found_from_an_english_page_without_accents(
    run_worker, editor_client, client, django_capture_on_commit_callbacks
):
    """The issue's "done when": an editor uploads a Spanish PDF law; a query typed without
    accents finds it, shows the page and the matched words, and links to that page."""
    with django_capture_on_commit_callbacks(execute=True):
        assert _upload(editor_client, "ley.pdf", pdf_with_metadata()).status_code == 302
    run_worker()
    client.logout()
    text = _results(client, "mecanismo proteccion ano")
    assert "page 2" in text
    assert "<mark>Mecanismo</mark> nacional de <mark>protección</mark>, <mark>año</mark>" in text
    assert 'href="/en/library/test-law/?file=' in text and "page=1#p2" in text


def test_a_deleted_file_takes_its_pages_out_of_the_index(
    run_worker, editor_client, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _upload(editor_client, "ley.pdf", pdf_with_metadata()).status_code == 302
    run_worker()
    assert "page 2" in _results(client, "mecanismo nacional")
    with django_capture_on_commit_callbacks(execute=True):
        DocumentFile.objects.get().delete()
    assert "page 2" not in _results(client, "mecanismo nacional")

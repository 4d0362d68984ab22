"""Country briefs, as a visitor downloads or prints them; SYNTHETIC data (factories.py)."""

import datetime as dt
import io
import re
import socket

import pytest
from django.utils.formats import date_format
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from focus.geo.tests.factories import CountryFactory, SubdivisionFactory
from focus.policies.lifecycle import DevelopmentType
from focus.policies.models import Development
from focus.policies.tests.factories import DevelopmentFactory
from focus.reports import briefs, pdf
from focus.standards.tests.factories import RecommendationFactory

from .factories import synthetic_testland

pytestmark = pytest.mark.django_db


def _pdf(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def _text(reader: PdfReader) -> str:
    """The PDF's text with its line breaks and runs of spaces made single spaces."""
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").split())


@pytest.fixture
def country():
    return synthetic_testland()


def test_the_brief_holds_the_facts_of_the_country_page(visitor, country):
    code = country.code.lower()
    page = visitor.get(f"/en/countries/{code}/").text
    text = _text(_pdf(visitor.get(f"/en/countries/{code}/brief.pdf")))
    facts = [
        "Testland",
        "Specific law in force",
        "3 instruments recorded, 2 with effect, 1 draft under discussion; 1 mechanism.",
        "Synthetic Defenders Protection Act",
        "adopted since June 25, 2012",
        "Synthetic bill on journalists",
        "under debate",
        "Synthetic provincial law",
        "North Province",
        "Synthetic Protection Mechanism (SPM)",
        "Operating",
        "A synthetic statement on the act's first years.",
        "The synthetic bill was introduced.",
        "2 recommendations received: 1 accepted, 1 noted.",
        "meets: 2",
        "partly meets: 1",
        "gazette.example.org",
    ]
    for fact in facts:
        assert fact in text, fact
    # What the brief says, the country page says too (the mechanism's status and the
    # "meets: 2" tally are written the same way on both).
    for fact in facts[:11] + facts[12:14]:
        assert fact.lower() in _words(page).lower(), fact
    as_of = briefs.country_data_version(country).as_of
    assert f"Data as of {date_format(as_of, 'DATE_FORMAT')}" in text
    assert "Cite as: Focus, Global Observatory on public policies" in text
    assert f"http://127.0.0.1:8000/en/countries/{code}/" in text
    # The 2012 adoption is older than the last years: on the page, not in the brief's list.
    assert "Congress adopted the synthetic act." not in text


def test_a_french_brief_is_in_french(visitor, country):
    text = _text(_pdf(visitor.get(f"/fr/countries/{country.code.lower()}/brief.pdf")))
    for label in (
        "Pays d’essai",
        "Fiche pays",
        "Données à jour au",
        "Loi spécifique en vigueur",
        "Loi synthétique de protection des défenseurs",
        "adopté depuis le 25 juin 2012",
        "Mécanismes",
        "Une déclaration synthétique sur les premières années de la loi.",
        "Recommandations concernant les défenseurs",
        "Citer ainsi",
    ):
        assert label in text, label
    assert "Instruments recorded" not in text


def test_the_pdf_is_tagged_with_its_title_language_and_author(visitor, country):
    reader = _pdf(visitor.get(f"/es/countries/{country.code.lower()}/brief.pdf"))
    assert reader.metadata.title == "Tierra de Prueba: ficha de país"
    assert reader.metadata.author.startswith("Focus")
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "es"
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    xmp = catalog["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part" in xmp


def test_a_country_with_many_records_fits_in_four_pages(visitor, country):
    """SYNTHETIC growth: forty national texts, thirty provincial ones, a dozen mechanisms,
    sixty recent developments, forty recommendations and a hundred sources."""
    from focus.policies.tests.factories import InstrumentFactory, MechanismFactory, SourceFactory

    recent = dt.date.today().year - 1
    province = SubdivisionFactory(parent=country)
    for n in range(40):
        law = InstrumentFactory(
            jurisdiction=country,
            title_en=f"Synthetic decree number {n} on the protection of defenders, "
            "journalists and social communicators, and its regulations",
        )
        law.sources.add(*[SourceFactory() for _ in range(2)])
        DevelopmentFactory(
            instrument=law,
            development_type=DevelopmentType.ADOPTED,
            date=dt.date(recent, 1 + n % 12, 1 + n % 27),
            summary_en="A synthetic development with a summary of a few words. " * 3,
        )
        DevelopmentFactory(
            instrument=InstrumentFactory(jurisdiction=province if n < 30 else country),
            development_type=DevelopmentType.ADOPTED,
            date=dt.date(2015, 1, 1),
        )
    for _ in range(12):
        MechanismFactory(jurisdiction=country)
    for n in range(40):
        RecommendationFactory(jurisdiction=country, session=1 + n % 40)
    response = visitor.get(f"/en/countries/{country.code.lower()}/brief.pdf")
    reader = _pdf(response)
    assert 1 <= len(reader.pages) <= 4
    text = _text(reader)
    assert "more instruments, on the country page" in text
    assert "more mechanisms, on the country page" in text
    assert "the timeline holds every development in Testland" in text


def test_a_country_with_no_record_has_a_one_page_brief(visitor):
    quiet = CountryFactory(name_en="Quietland")
    reader = _pdf(visitor.get(f"/en/countries/{quiet.code.lower()}/brief.pdf"))
    assert len(reader.pages) == 1
    text = _text(reader)
    assert "No record about this country yet." in text
    assert "No instrument recorded." in text


def test_the_cache_gives_the_same_bytes_until_the_data_changes(
    visitor, country, monkeypatch, briefs_cache
):
    rendered = []
    render = pdf.render_document

    def counting(*args, **kwargs):
        rendered.append(kwargs["title"])
        return render(*args, **kwargs)

    monkeypatch.setattr(briefs, "render_document", counting)
    url = f"/en/countries/{country.code.lower()}/brief.pdf"
    first = visitor.get(url).content
    assert visitor.get(url).content == first
    assert len(rendered) == 1
    # Each language has its own.
    assert visitor.get(url.replace("/en/", "/fr/")).content != first
    assert len(rendered) == 2
    DevelopmentFactory(
        instrument=country.instruments.first(),
        development_type=DevelopmentType.STATEMENT,
        date=dt.date.today(),
        summary_en="A new synthetic statement.",
    )
    changed = visitor.get(url).content
    assert changed != first
    assert len(rendered) == 3
    assert "A new synthetic statement." in _text(PdfReader(io.BytesIO(changed)))


@pytest.mark.parametrize(
    "change",
    ["new development", "edited instrument", "deleted development", "new recommendation"],
)
def test_the_data_version_follows_every_change_to_the_country(country, change):
    before = briefs.country_data_version(country)
    if change == "new development":
        DevelopmentFactory(instrument=country.instruments.first())
    elif change == "edited instrument":
        law = country.instruments.first()
        law.summary_en = "An edited synthetic summary."
        law.save()
    elif change == "deleted development":
        Development.objects.filter(jurisdiction=country).first().delete()
    else:
        RecommendationFactory(jurisdiction=country)
    after = briefs.country_data_version(country)
    assert after.key != before.key
    assert after.changed >= before.changed


def test_another_countrys_change_keeps_the_brief(country):
    before = briefs.country_data_version(country)
    DevelopmentFactory()  # in a new synthetic country
    assert briefs.country_data_version(country) == before


def test_rendering_asks_no_other_host(visitor, country, monkeypatch):
    """Sockets are closed while the brief is made, and every address WeasyPrint asks
    for is one of the site's static files or a data: URI."""
    asked = []
    fetch = pdf.ProjectFilesFetcher.fetch

    def recording(self, url, headers=None):
        asked.append(url)
        return fetch(self, url, headers)

    def refuse(*args, **kwargs):
        raise AssertionError(f"a connection was attempted: {args}")

    monkeypatch.setattr(pdf.ProjectFilesFetcher, "fetch", recording)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    response = visitor.get(f"/fr/countries/{country.code.lower()}/brief.pdf")
    assert response.status_code == 200
    assert asked, "the stylesheets were read through the fetcher"
    for url in asked:
        assert url.startswith(("http://127.0.0.1:8000/static/", "data:")), url


def test_the_fetcher_serves_static_files_and_data_uris_and_refuses_the_rest():
    fetcher = pdf.ProjectFilesFetcher("https://focus.example.org/")
    css = fetcher.fetch("https://focus.example.org/static/reports/brief.css")
    assert b"@page" in css.read()
    assert css.content_type == "text/css"
    assert fetcher.fetch("data:text/plain;base64,Zm9jdXM=").read() == b"focus"
    for url in (
        "https://tiles.example.com/map.png",
        "http://focus.example.org/static/reports/brief.css",  # another scheme
        "https://focus.example.org/en/countries/mex/",  # a page, not a static file
        "https://focus.example.org/static/../settings.py",
        "https://focus.example.org/static/reports/../../../focus/settings.py",
        "https://focus.example.org/static/reports/missing.css",
        "file:///etc/passwd",
        "ftp://focus.example.org/static/reports/brief.css",
    ):
        with pytest.raises(ValueError, match="Not fetched"):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 8


def test_a_document_asking_for_another_host_is_still_made_without_it(monkeypatch):
    """An image from elsewhere (as a careless template might add) is refused, logged,
    and the rest of the document is made."""
    from weasyprint import HTML

    monkeypatch.setattr(socket.socket, "connect", lambda *a: pytest.fail("connected"))
    fetcher = pdf.ProjectFilesFetcher()
    html = (
        '<html lang="en"><title>t</title><link rel="stylesheet" '
        'href="/static/reports/brief.css"><p>Text <img src="https://cdn.example.com/x.png" '
        'alt="x"></p></html>'
    )
    document = HTML(string=html, base_url=pdf.site_base_url(), url_fetcher=fetcher).write_pdf()
    assert document.startswith(b"%PDF")
    assert fetcher.refused == ["https://cdn.example.com/x.png"]
    assert fetcher.asked[0] == "http://127.0.0.1:8000/static/reports/brief.css"


def test_the_printable_page_shows_the_brief_and_links_to_the_pdf(visitor, country):
    code = country.code.lower()
    response = visitor.get(f"/en/countries/{code}/brief/")
    assert response.status_code == 200
    text = response.text
    assert "<title>Testland: country brief · Focus</title>" in text
    assert f'href="/en/countries/{code}/brief.pdf"' in text
    assert "/static/reports/brief.css" in text
    assert "Synthetic Defenders Protection Act" in text
    assert "style=" not in text.split("<main", 1)[1]  # the CSP allows no inline style


def test_the_country_page_links_to_its_brief(visitor, country):
    code = country.code.lower()
    text = visitor.get(f"/es/countries/{code}/").text
    assert f'href="/es/countries/{code}/brief.pdf"' in text
    assert f'href="/es/countries/{code}/brief/"' in text


def test_the_pdf_is_named_after_the_country_language_and_date(visitor, country):
    response = visitor.get(f"/fr/countries/{country.code.lower()}/brief.pdf")
    as_of = briefs.country_data_version(country).as_of
    name = f"focus-brief-{country.code.lower()}-fr-{as_of.isoformat()}.pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Content-Language"] == "fr"
    assert "Last-Modified" in response


@pytest.mark.parametrize("suffix", ["brief/", "brief.pdf"])
@pytest.mark.parametrize(
    ("language", "code", "message"),
    [
        ("en", "zzz", "There is no country with the code “zzz”"),
        ("es", "zzz", "No hay ningún país con el código «zzz»"),
        ("fr", "q1!", "Aucun pays n’a le code «\u00a0q1!\u00a0»"),
        ("en", "mexico", "There is no country with the code “mexico”"),
        ("en", "m", "There is no country with the code “m”"),
        ("en", "x" * 500, "There is no country with the code “xxxxxxxxxxxx”"),
        ("en", "%C3%A9%C3%A9%C3%A9", "There is no country with the code “ééé”"),
    ],
)
def test_an_unknown_or_malformed_code_is_a_404_that_says_so(
    visitor, suffix, language, code, message
):
    response = visitor.get(f"/{language}/countries/{code}/{suffix}")
    assert response.status_code == 404
    assert message in response.text


@pytest.mark.parametrize("suffix", ["brief/", "brief.pdf"])
def test_a_subnational_unit_has_no_brief(visitor, country, suffix):
    province = country.subdivisions.first()
    response = visitor.get(f"/en/countries/{province.code.lower()}/{suffix}")
    assert response.status_code == 404
    assert "Countries have three-letter ISO codes" in response.text


def test_an_upper_case_code_redirects(visitor, country):
    response = visitor.get(f"/en/countries/{country.code}/brief.pdf")
    assert response.status_code == 301
    assert response["Location"] == f"/en/countries/{country.code.lower()}/brief.pdf"


def test_only_reading_is_allowed(visitor, country):
    url = f"/en/countries/{country.code.lower()}/brief.pdf"
    assert visitor.head(url).status_code == 200
    assert visitor.post(url).status_code == 405


def test_a_brief_costs_the_same_few_queries_whatever_the_data(visitor, country, briefs_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from focus.policies.tests.factories import InstrumentFactory, MechanismFactory

    code = country.code.lower()

    def cost():
        briefs_cache.clear()
        counts = []
        for url in (f"/en/countries/{code}/brief/", f"/en/countries/{code}/brief.pdf"):
            with CaptureQueriesContext(connection) as queries:
                assert visitor.get(url).status_code == 200
            counts.append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            visitor.get(f"/en/countries/{code}/brief.pdf")  # from the cache
        return [*counts, len(queries)]

    small = cost()
    for _ in range(10):
        law = InstrumentFactory(jurisdiction=country)
        DevelopmentFactory(instrument=law, date=dt.date.today())
        MechanismFactory(jurisdiction=country)
        RecommendationFactory(jurisdiction=country)
    assert cost() == small
    assert small[0] <= 12 and small[2] <= 2, small

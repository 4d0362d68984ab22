"""What search engines read: the sitemap, robots.txt, canonical addresses and JSON-LD."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from focus.api.machines import FocusSitemap
from focus.core.dates import DatePrecision
from focus.core.models import Page
from focus.geo.tests.factories import CountryFactory, RegionFactory, SubdivisionFactory
from focus.library.models import Document, DocumentFile
from focus.policies.models import BeneficiaryGroup, Organisation
from focus.policies.tests.factories import DevelopmentFactory, InstrumentFactory, MechanismFactory
from focus.policies.vocabulary import OrganisationKind

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "es", "fr")
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def records():
    region = RegionFactory()
    country = CountryFactory(region=region, name_en="Testland", name_es="Tierra de prueba")
    state = SubdivisionFactory(parent=country, name_en="Test State")
    instrument = InstrumentFactory(jurisdiction=country, title_en="Defenders Protection Act")
    DevelopmentFactory(instrument=instrument)
    mechanism = MechanismFactory(
        jurisdiction=state,
        name_en="State Protection Mechanism",
        name_original="Mecanismo Estatal de Protección",
        acronym="MEP",
        lead_institution="Ministry of the Interior",
        summary_en="Protects defenders in the state.",
    )
    mechanism.beneficiaries.add(BeneficiaryGroup.objects.get_or_create(code="journalists")[0])
    ngo = Organisation.objects.create(slug="ngo", name="Defenders NGO", kind=OrganisationKind.NGO)
    ministry = Organisation.objects.create(
        slug="ministry", name="Ministry of Justice", acronym="MJ", kind=OrganisationKind.STATE_BODY
    )
    law_text = Document.objects.create(
        slug="act-text", title_en="Defenders Protection Act (text)", kind="official_text",
        date=dt.date(2012, 6, 25), date_precision=DatePrecision.DAY, url="https://gazette.example.org/act",
    )  # fmt: skip
    law_text.authors.add(ministry)
    law_text.jurisdictions.add(country, state)
    law_text.instruments.add(instrument)
    for n, language in enumerate(["es", "en"]):
        DocumentFile.objects.create(
            document=law_text, language=language, file=f"library/{n}.pdf", checksum=f"{n}" * 64, kind="pdf"
        )  # fmt: skip
    evaluation = Document.objects.create(
        slug="evaluation", title_en="An evaluation", kind="evaluation",
        date=dt.date(2019, 5, 1), date_precision=DatePrecision.MONTH,
    )  # fmt: skip
    evaluation.authors.add(ngo)
    evaluation.mechanisms.add(mechanism)
    hidden = Document.objects.create(
        slug="not-yet", title_en="Not yet published", kind="evaluation", published=False,
        date=None, date_precision=DatePrecision.UNKNOWN,
    )  # fmt: skip
    Page.objects.create(slug="about", title_en="About Focus", body_en="Who we are.")
    return {
        "region": region,
        "country": country,
        "instrument": instrument,
        "mechanism": mechanism,
        "law_text": law_text,
        "evaluation": evaluation,
        "hidden": hidden,
    }


def _xml(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)  # noqa: S314


def _sitemap(client) -> dict:
    """Every address the sitemap gives: {address: ({hreflang: address}, lastmod or None)}."""
    urls = {}
    for section in _xml(client, "/sitemap.xml").findall("s:sitemap/s:loc", NS):
        address = urlsplit(section.text)
        assert address.netloc == "testserver"
        for url in _xml(client, f"{address.path}?{address.query}").findall("s:url", NS):
            loc = url.find("s:loc", NS).text
            assert loc not in urls, loc
            alternates = {
                link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
            }
            lastmod = url.find("s:lastmod", NS)
            urls[loc] = (alternates, lastmod.text if lastmod is not None else None)
    return urls


def _everywhere(path_of) -> dict[str, str]:
    addresses = {}
    for language in LANGUAGES:
        with translation.override(language):
            addresses[language] = f"http://testserver{path_of()}"
    return addresses


def test_the_sitemap_gives_every_public_page_in_each_language_with_its_alternates(visitor, records):
    urls = _sitemap(visitor)
    pages = [
        lambda: reverse("core:home"),
        lambda: reverse("core:about"),
        lambda: reverse("policies:timeline"),
        lambda: reverse("library:library"),
        lambda: reverse("search:search"),
        lambda: reverse("contributions:contribute"),
        *(record.get_absolute_url for name, record in records.items() if name != "hidden"),
    ]
    for path_of in pages:
        addresses = _everywhere(path_of)
        for address in addresses.values():
            alternates, _ = urls[address]
            assert alternates == {**addresses, "x-default": addresses["en"]}, address
    for name in ("instrument", "mechanism", "law_text", "evaluation"):
        for address in _everywhere(records[name].get_absolute_url).values():
            assert urls[address][1] == records[name].updated.date().isoformat()
    assert not any("not-yet" in url for url in urls)
    assert not any("key-elements" in url for url in urls)  # not written yet: a 404
    # Every address in it is a page a visitor can open.
    for url in urls:
        assert visitor.get(urlsplit(url).path).status_code == 200, url


def test_the_sitemap_lists_every_country_even_with_nothing_known(visitor, records):
    quiet = CountryFactory(name_en="Quietland")
    assert f"http://testserver/fr/countries/{quiet.code.lower()}/" in _sitemap(visitor)


def test_long_sections_are_split_into_files_the_index_lists(visitor, records, monkeypatch):
    whole = _sitemap(visitor)
    monkeypatch.setattr(FocusSitemap, "limit", 4)
    index = [loc.text for loc in _xml(visitor, "/sitemap.xml").findall("s:sitemap/s:loc", NS)]
    assert "http://testserver/sitemap-documents.xml?p=2" in index
    assert "http://testserver/sitemap-documents.xml?p=3" not in index  # 2 documents x 3
    assert _sitemap(visitor) == whole
    assert visitor.get("/sitemap-documents.xml?p=3").status_code == 404
    assert visitor.get("/sitemap-documents.xml?p=two").status_code == 404
    assert visitor.get("/sitemap-nowhere.xml").status_code == 404


def _robots_rules(text: str) -> list[tuple[str, str]]:
    return [
        (field.lower(), value.strip())
        for field, value in re.findall(r"^(Allow|Disallow):(.*)$", text, re.M)
    ]


def _allowed(rules, path: str) -> bool:
    """RFC 9309: the longest matching rule decides, Allow winning a tie."""
    best = (-1, True)
    for field, pattern in rules:
        regex = re.escape(pattern).replace(r"\*", ".*")
        if re.match(regex, path):
            best = max(best, (len(pattern), field == "allow"))
    return best[1]


def test_robots_txt_opens_the_public_site_and_closes_the_private_pages(visitor, records):
    response = visitor.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.text.startswith("User-agent: *\n")
    assert "\nSitemap: http://testserver/sitemap.xml\n" in response.text
    rules = _robots_rules(response.text)
    for language in LANGUAGES:
        with translation.override(language):
            private = [
                reverse("contributions:queue"),
                reverse("contributions:review", args=[3]),
                reverse("contributions:status", args=["c0ffee"]),
                reverse("accounts:contributions"),
                reverse("account_login"),
                reverse("account_signup"),
            ]
            public = [
                reverse("core:home"),
                records["country"].get_absolute_url(),
                records["instrument"].get_absolute_url(),
                records["law_text"].get_absolute_url(),
                reverse("policies:timeline") + "?country=qma",
                reverse("contributions:contribute"),
                reverse("contributions:propose", args=["development"]),
                reverse("data:developments-rss"),
            ]
        assert not any(_allowed(rules, path) for path in private), private
        assert all(_allowed(rules, path) for path in public), public
    assert not _allowed(rules, "/admin/")
    assert not _allowed(rules, "/admin/login/")
    assert _allowed(rules, "/sitemap.xml")


# Canonical addresses


def _head_links(text: str) -> tuple[str | None, dict]:
    head = text.split("</head>", 1)[0]
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', head)
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head))
    return canonical and canonical.group(1).replace("&amp;", "&"), {
        k: v.replace("&amp;", "&") for k, v in alternates.items()
    }


def test_a_filtered_page_is_its_own_canonical_without_empty_fields_or_tracking_tags(
    visitor, records
):
    code = records["country"].code.lower()
    text = visitor.get(
        f"/en/developments/?type=&region=&country={code}&start=&end=&sort=added"
        "&page=1&utm_source=newsletter&fbclid=abc"
    ).text
    canonical, alternates = _head_links(text)
    assert canonical == f"http://testserver/en/developments/?country={code}&sort=added"
    assert alternates == {
        "en": canonical,
        "es": f"http://testserver/es/developments/?country={code}&sort=added",
        "fr": f"http://testserver/fr/developments/?country={code}&sort=added",
        "x-default": canonical,
    }
    assert _head_links(visitor.get(records["instrument"].get_absolute_url()).text)[0] == (
        f"http://testserver{records['instrument'].get_absolute_url()}"
    )


def test_pages_in_error_claim_no_canonical_address(visitor, records):
    for url, status in [
        ("/en/instruments/no-such-text/", 404),
        ("/es/countries/zzz/", 404),
        ("/en/developments/?country=zzz", 400),
        ("/fr/library/?year=soon", 400),
        ("/en/developments/?page=99", 404),
    ]:
        response = visitor.get(url)
        assert response.status_code == status, url
        assert _head_links(response.text) == (None, {}), url


# JSON-LD


def _json_ld(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    assert data["url"] == data["@id"] == f"http://testserver{url}"
    return data


def test_a_mechanism_describes_itself_as_a_government_service(visitor, records):
    mechanism = records["mechanism"]
    data = _json_ld(visitor, mechanism.get_absolute_url())
    assert data["@type"] == "GovernmentService"
    assert data["name"] == "State Protection Mechanism"
    assert data["alternateName"] == ["Mecanismo Estatal de Protección", "MEP"]
    assert data["provider"] == {
        "@type": "GovernmentOrganization",
        "name": "Ministry of the Interior",
    }
    assert data["areaServed"]["@type"] == "AdministrativeArea"
    assert data["areaServed"]["containedInPlace"]["name"] == "Testland"
    assert data["audience"] == [{"@type": "Audience", "audienceType": "journalists"}]
    spanish = _json_ld(visitor, f"/es{mechanism.get_absolute_url()[3:]}")
    assert spanish["areaServed"]["containedInPlace"]["name"] == "Tierra de prueba"


def test_documents_describe_themselves_by_kind(visitor, records):
    law_text = _json_ld(visitor, records["law_text"].get_absolute_url())
    assert law_text["@type"] == "Legislation"
    assert law_text["datePublished"] == "2012-06-25"
    assert sorted(law_text["inLanguage"]) == ["en", "es"]
    assert law_text["author"] == [
        {"@type": "GovernmentOrganization", "name": "Ministry of Justice", "alternateName": "MJ"}
    ]
    about = {item["@type"]: item for item in law_text["about"]}
    assert about["Country"]["url"] == f"http://testserver{records['country'].get_absolute_url()}"
    assert about["AdministrativeArea"]["name"] == "Test State"
    assert about["Legislation"]["url"].endswith(records["instrument"].get_absolute_url())
    assert law_text["sameAs"] == "https://gazette.example.org/act"
    evaluation = _json_ld(visitor, records["evaluation"].get_absolute_url())
    assert evaluation["@type"] == "Report"
    assert "datePublished" not in evaluation  # known to the month only
    assert evaluation["author"] == [{"@type": "Organization", "name": "Defenders NGO"}]
    assert evaluation["about"][0]["@type"] == "GovernmentService"


def test_a_country_page_is_a_web_page_about_the_country(visitor, records):
    country = records["country"]
    data = _json_ld(visitor, f"/es{country.get_absolute_url()[3:]}")
    assert data["@type"] == "WebPage"
    assert data["inLanguage"] == "es"
    assert data["about"] == {
        "@type": "Country",
        "name": "Tierra de prueba",
        "identifier": country.code,
        "containedInPlace": {"@type": "Place", "name": "Américas"},
    }
    assert data["description"].startswith("Tierra de prueba: ")


def test_the_sitemap_gives_the_analysis_but_no_draft(visitor):
    from focus.standards.tests.factories import (
        AssessmentFactory,
        CriterionFactory,
        RecommendationFactory,
        StandardFactory,
    )

    standard = StandardFactory()
    criterion = CriterionFactory()
    published = AssessmentFactory(framework=criterion.framework, status="published")
    draft = AssessmentFactory(framework=criterion.framework)
    recommendation = RecommendationFactory()
    urls = _sitemap(visitor)
    for record in (standard, criterion.framework, criterion, published, recommendation):
        for address in _everywhere(record.get_absolute_url).values():
            assert address in urls, address
    assert _everywhere(lambda: reverse("standards:compare"))["es"] in urls
    assert not any(draft.get_absolute_url().removeprefix("/en") in url for url in urls)
    for url in urls:
        assert visitor.get(urlsplit(url).path).status_code == 200, url

"""The public REST API, as a researcher's script uses it: fetch, filter, page, re-fetch."""

import pytest

from focus.library.models import Document
from focus.policies.models import Development, Instrument
from focus.policies.tests.factories import DevelopmentFactory, InstrumentFactory

API = "/api/v1"


def fetch_all(client, url: str) -> list[dict]:
    """Every item of a list, following `next` to the end."""
    items, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["items"]
        url, pages = body["next"], pages + 1
        assert pages < 1000
    return items


def test_the_index_links_every_resource_and_each_answers(client, observatory):
    index = client.get(f"{API}/").json()
    assert "CC BY 4.0" in index["licence"]
    for name, url in index["resources"].items():
        response = client.get(url + ("?q=law" if name == "search" else ""))
        assert response.status_code == 200, (name, response.content)
        assert response["Content-Type"].startswith("application/json")


def test_paging_through_a_list_gives_every_record_once(client, observatory):
    for n in range(7):
        DevelopmentFactory(instrument=observatory["law"], summary_en=f"Event {n}")
    items = fetch_all(client, f"{API}/developments?page_size=2")
    assert sorted(d["id"] for d in items) == sorted(
        Development.objects.values_list("pk", flat=True)
    )
    assert len({d["id"] for d in items}) == len(items)


def test_an_instrument_has_its_derived_status_and_history(client, observatory):
    law = client.get(f"{API}/instruments/qma-law").json()
    assert law["status"] == "adopted"
    assert law["status_date"] == "2012-06-25"
    assert [(c["status"], c["date"]) for c in law["status_history"]] == [
        ("under_debate", "2011-03-01"),
        ("adopted", "2012-06-25"),
    ]
    assert law["jurisdiction"] == "QMA"
    assert law["mechanisms"] == ["qma-mechanism"]
    assert law["sources"][0]["url"] == "https://example.org/gazette/1"
    assert law["page"].endswith("/en/instruments/qma-law/")
    listed = {i["slug"]: i for i in fetch_all(client, f"{API}/instruments")}
    assert listed["qma-law"] == law


@pytest.mark.parametrize(
    "query, expected",
    [
        ("country=qma", lambda o: Development.objects.in_country(o["land"])),
        ("country=QMA", lambda o: Development.objects.in_country(o["land"])),
        ("region=africa", lambda o: Development.objects.filter(jurisdiction=o["far"])),
        ("type=adopted", lambda o: Development.objects.filter(development_type="adopted")),
        (
            "start=2019-01-01&end=2020-12-31",
            lambda o: Development.objects.filter(date__year__in=[2019, 2020]),
        ),
    ],
)
def test_developments_take_the_timelines_filters(client, observatory, query, expected):
    items = fetch_all(client, f"{API}/developments?{query}")
    wanted = set(expected(observatory).values_list("pk", flat=True))
    assert wanted and {d["id"] for d in items} == wanted


def test_a_countrys_instruments_include_its_states(client, observatory):
    slugs = {i["slug"] for i in fetch_all(client, f"{API}/instruments?country=qma")}
    assert slugs == {"qma-law", "qm-st-law"}
    drafts = {i["slug"] for i in fetch_all(client, f"{API}/instruments?type=draft_bill")}
    assert drafts == {"qna-draft"}


def test_unpublished_documents_are_never_given(client, observatory):
    slugs = {d["slug"] for d in fetch_all(client, f"{API}/documents")}
    assert slugs == {"qma-report"}
    assert client.get(f"{API}/documents/qma-unpublished").status_code == 404
    by_author = fetch_all(client, f"{API}/documents?author=test-ngo")
    assert [d["authors"] for d in by_author] == [["test-ngo"]]


@pytest.mark.parametrize(
    "url, parameter",
    [
        ("/developments?colour=red", "colour"),
        ("/developments?country=zzz", "country"),
        ("/developments?type=invented", "type"),
        ("/developments?start=2020-13-01", "start"),
        ("/developments?start=2021-01-01&end=2020-01-01", "end"),
        ("/developments?cursor=not-a-cursor", "cursor"),
        ("/developments?cursor=b2Zmc2V0OjE", "cursor"),  # a search cursor, not a list's
        ("/developments?page_size=0", "page_size"),
        ("/developments?page_size=100000", "page_size"),
        ("/developments?page_size=ten", "page_size"),
        ("/documents?year=99999", "year"),
        ("/regions?page_size=2", "page_size"),
        ("/search?q=", "q"),
        ("/search", "q"),
        ("/search?q=law&type=planet", "type"),
    ],
)
def test_bad_input_is_a_400_that_names_the_parameter(client, observatory, url, parameter):
    response = client.get(f"{API}{url}")
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["detail"]
    assert [e["parameter"] for e in body["errors"]] == [parameter]
    assert all(e["message"] for e in body["errors"])


@pytest.mark.parametrize(
    "url", ["/instruments/nope", "/instruments/%00", "/mechanisms/a%20b", "/developments/0",
            "/developments/99999999999999999999", "/jurisdictions/QZZ", "/regions/mars"],
)  # fmt: skip
def test_unknown_or_malformed_records_are_4xx_never_5xx(client, observatory, url):
    response = client.get(f"{API}{url}")
    assert response.status_code in (400, 404)
    assert response.json()["detail"]


def test_a_repeated_request_is_answered_304_until_the_record_changes(client, observatory):
    url = f"{API}/instruments/qma-law"
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    listed = client.get(f"{API}/instruments")
    assert client.get(f"{API}/instruments", HTTP_IF_NONE_MATCH=listed["ETag"]).status_code == 304
    Instrument.objects.filter(slug="qma-law").update(title_en="Protection law, as amended")
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again.json()["title_en"] == "Protection law, as amended"


def test_any_site_may_read_the_api_from_a_browser(client, observatory):
    response = client.get(f"{API}/regions", HTTP_ORIGIN="https://research.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        f"{API}/regions",
        HTTP_ORIGIN="https://research.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    head = client.head(f"{API}/regions")
    assert head.status_code == 200 and head["ETag"] and not head.content
    # The site's own pages are not opened to other sites' scripts.
    assert not client.get("/en/").has_header("Access-Control-Allow-Origin")


def test_a_client_over_the_limit_is_told_to_wait(client, observatory, settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_RATE_LIMITS = ["3/m", "1000/h"]
    codes = [client.get(f"{API}/regions").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = client.get(f"{API}/regions")
    assert refused.json()["detail"]
    assert int(refused["Retry-After"]) > 0
    cache.clear()


def test_search_gives_what_the_site_search_finds(
    client, observatory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        InstrumentFactory(
            jurisdiction=observatory["other"], slug="qna-decree", title_en="Decree on journalists"
        )
        InstrumentFactory(jurisdiction=observatory["land"], title_en="Another law")
    body = client.get(f"{API}/search?q=journalists").json()
    assert body["count"] == 1
    assert body["items"][0]["slug"] == "qna-decree"
    assert "<mark>" in body["items"][0]["snippet"] or body["items"][0]["titles"]
    assert {"value": "qna", "count": 1} in body["facets"]["country"]
    page = client.get("/en/search/?q=journalists")
    assert b"qna-decree" in page.content
    refined = client.get(f"{API}/search?q=law&country=qma").json()
    assert refined["count"] >= 1
    assert all(item["country"] == "QMA" for item in refined["items"])


def test_search_pages_follow_their_cursor(client, observatory, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            InstrumentFactory(
                jurisdiction=observatory["other"], title_en=f"Decree on journalists {n}"
            )
    first = client.get(f"{API}/search?q=journalists&page_size=2").json()
    assert first["count"] == 5 and len(first["items"]) == 2
    seen = [i["record_id"] for i in first["items"]]
    url = first["next"]
    while url:
        page = client.get(url).json()
        seen += [i["record_id"] for i in page["items"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 5


@pytest.mark.parametrize("table", ["instruments", "developments", "mechanisms", "documents"])
def test_a_list_costs_the_same_queries_for_more_records(
    client, observatory, table, django_assert_max_num_queries
):
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{API}/{table}").status_code == 200
        # The rate limits' cache is not the database: only SQL counts.
        return len(
            [
                q
                for q in captured.captured_queries
                if not re.match(r"^\s*(SAVEPOINT|RELEASE)", q["sql"])
            ]
        )

    before = queries()
    for n in range(20):
        law = InstrumentFactory(jurisdiction=observatory["land"])
        DevelopmentFactory(instrument=law)
        document = Document.objects.create(
            slug=f"extra-{n}",
            title_en=f"Extra {n}",
            kind="publication",
            date=None,
            date_precision="unknown",
        )
        document.instruments.add(law)
    assert queries() == before


def test_the_schema_and_its_docs_are_served_by_the_project(client, observatory):
    schema = client.get(f"{API}/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert f"{API}/developments" in schema["paths"]
    docs = client.get(f"{API}/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html


def test_vocabularies_give_every_code_in_three_languages(client, observatory):
    body = client.get(f"{API}/vocabularies").json()
    assert body["development_type"]["adopted"] == {
        "en": "adopted",
        "es": "aprobado",
        "fr": "adopté",
    } or set(body["development_type"]["adopted"]) == {"en", "es", "fr"}
    assert set(body["status"]) >= {"in_force", "repealed", "under_debate"}

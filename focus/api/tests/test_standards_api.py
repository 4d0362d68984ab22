"""Standards, criteria, assessments, ratings, recommendations and good practices in the API
and the downloads, as a researcher's script reads them.

All the records are synthetic (the observatory fixture and the standards app's factories):
invented standards, assessments and recommendations, never the research's or UPR Info's.
"""

import csv
import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from focus.api import exports
from focus.geo.tests.factories import CountryFactory, RegionFactory, SubdivisionFactory
from focus.policies.tests.factories import InstrumentFactory
from focus.standards.models import Assessment, Recommendation
from focus.standards.tests.factories import (
    AssessmentFactory,
    CriterionFactory,
    FrameworkFactory,
    GoodPracticeFactory,
    ProvisionFactory,
    RatingFactory,
    RecommendationFactory,
    RecommendationThemeFactory,
    StandardFactory,
)
from focus.standards.vocabulary import (
    AssessmentStatus,
    Body,
    Implementation,
    RatingValue,
    Response,
    Theme,
)

from .test_api import fetch_all

API = "/api/v1"
PUBLISHED = AssessmentStatus.PUBLISHED


def download(client, url: str) -> tuple:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body.decode()


def csv_rows(client, url: str) -> list[dict]:
    response, text = download(client, url)
    assert response.status_code == 200, text[:500]
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def recommendations(observatory):
    """Recommendations to three states, from two bodies, over two UPR cycles (synthetic)."""
    land, other, far = observatory["land"], observatory["other"], observatory["far"]
    torture = RecommendationThemeFactory(name="Torture and other CID treatment")
    defenders = observatory["theme"]
    made = {
        "noted": RecommendationFactory(
            jurisdiction=land, session=5, response=Response.NOTED, themes=[defenders, torture]
        ),
        "implemented": RecommendationFactory(
            jurisdiction=other,
            session=31,
            implementation=Implementation.IMPLEMENTED,
            implementation_note_en="Synthetic: a protection law was adopted.",
            themes=[defenders],
        ),
        "far": RecommendationFactory(jurisdiction=far, session=31, themes=[torture]),
        "treaty": RecommendationFactory(
            jurisdiction=land,
            body=Body.TREATY_BODY,
            session=None,
            cycle=None,
            response=Response.PENDING,
            recommended_by="Synthetic committee",
        ),
    }
    made["first"] = observatory["recommendation"]
    return made


# --- lists and records ------------------------------------------------------------------


def test_the_index_lists_the_new_resources(client, observatory):
    resources = client.get(f"{API}/").json()["resources"]
    for name in ["standards", "criteria", "assessments", "recommendations", "good-practices"]:
        assert resources[name].endswith(f"/api/v1/{name}")
        assert client.get(resources[name]).status_code == 200


def test_a_standard_has_its_provisions_nested(client, observatory):
    (standard,) = fetch_all(client, f"{API}/standards")
    assert standard["slug"] == "test-declaration" and standard["code"] == "TEST-DECL"
    assert [p["reference"] for p in standard["provisions"]] == ["Article 12", "Article 13"]
    assert {p["standard"] for p in standard["provisions"]} == {"test-declaration"}
    assert standard["page"].endswith("/en/standards/test-declaration/")
    assert client.get(f"{API}/standards/test-declaration").json() == standard
    assert client.get(f"{API}/standards/nope").status_code == 404
    # The provisions table gives the same provisions, one row each.
    rows = csv_rows(client, "/en/data/provisions.csv")
    assert [r["reference"] for r in rows] == ["Article 12", "Article 13"]
    assert {int(r["id"]) for r in rows} == {p["id"] for p in standard["provisions"]}
    # In the standards CSV they are one JSON cell.
    (row,) = csv_rows(client, "/en/data/standards.csv")
    assert [p["reference"] for p in json.loads(row["provisions"])] == ["Article 12", "Article 13"]


def test_criteria_name_their_framework_and_provisions(client, observatory):
    criteria = {c["code"]: c for c in fetch_all(client, f"{API}/criteria")}
    assert set(criteria) == {"TF-2", "TF-10"}
    prevention = criteria["TF-2"]
    assert prevention["framework"] == "test-framework"
    assert prevention["framework_name_en"] == "Test framework"
    assert prevention["title_en"] == "Prevention"
    assert prevention["theme"] == "prevention"
    article = observatory["standard"].provisions.get(reference="Article 12")
    assert prevention["provisions"] == [article.pk]
    other = FrameworkFactory(slug="other-framework")
    CriterionFactory(framework=other, code="OF-1", theme=Theme.PREVENTION)
    by_framework = fetch_all(client, f"{API}/criteria?framework=other-framework")
    assert [c["code"] for c in by_framework] == ["OF-1"]
    by_theme = fetch_all(client, f"{API}/criteria?theme=prevention")
    assert sorted(c["code"] for c in by_theme) == ["OF-1", "TF-2"]


def test_an_assessment_has_its_ratings_and_their_evidence(client, observatory):
    (item,) = fetch_all(client, f"{API}/assessments")
    assert item["id"] == observatory["assessment"].pk
    assert (item["subject_type"], item["subject"], item["country"]) == (
        "instrument",
        "qma-law",
        "QMA",
    )
    assert item["framework"] == "test-framework" and item["as_of"] == "2024-01-31"
    assert item["summary_en"] == "The law meets most criteria."
    # In the order of the codes: TF-2 before TF-10.
    assert [r["criterion_code"] for r in item["ratings"]] == ["TF-2", "TF-10"]
    prevention = item["ratings"][0]
    assert prevention["criterion_title"] == "Prevention"
    assert prevention["value"] == "meets"
    assert prevention["justification_en"]
    assert prevention["source"].startswith("https://example.org/source/")
    assert prevention["document"] == "qma-report"
    assert prevention["passage"] == "Article 4"
    assert prevention["quote"] == "The State shall prevent attacks."
    assert prevention["document_page"] == 3
    assert prevention["page"].endswith(f"/en/assessments/{item['id']}/#c-TF-2")
    detail = client.get(f"{API}/assessments/{item['id']}")
    assert detail.json() == item and detail["Last-Modified"]


def test_a_rating_keeps_the_criterion_as_assessed(client, observatory):
    criterion = observatory["framework"].criteria.get(code="TF-10")
    criterion.title_en = "Budget, renamed after the assessment"
    criterion.save()
    (item,) = fetch_all(client, f"{API}/assessments")
    assert item["ratings"][1]["criterion_title"] == "Budget"
    criterion.delete()
    (item,) = fetch_all(client, f"{API}/assessments")
    assert [r["criterion_code"] for r in item["ratings"]] == ["TF-2", "TF-10"]


def test_a_recommendation_as_published(client, observatory):
    (item,) = fetch_all(client, f"{API}/recommendations")
    assert item["country"] == "QMA"
    assert (item["body"], item["cycle"], item["session"]) == ("upr", 3, 30)
    assert (item["recommending_state"], item["recommended_by"]) == ("QNA", "Otherland")
    assert item["text"] == "Adopt a law to protect human rights defenders."
    assert item["themes"] == ["Human rights defenders"]
    assert (item["response"], item["implementation"]) == ("accepted", "not_assessed")
    assert item["answered_by_instruments"] == ["qma-law"]
    assert item["sources"][0]["url"] == "https://www.upr-info.org/"
    detail = client.get(f"{API}/recommendations/{item['id']}")
    assert detail.json() == item and detail["Last-Modified"]
    assert client.get(f"{API}/recommendations/999999").status_code == 404


@pytest.mark.parametrize(
    "query, expected",
    [
        ("country=qma", {"first", "noted", "treaty"}),
        ("region=africa", {"far"}),
        ("body=treaty_body", {"treaty"}),
        ("response=noted", {"noted"}),
        ("implementation=implemented", {"implemented"}),
        ("session=31", {"implemented", "far"}),
        ("cycle=1", {"noted"}),
        ("theme=Torture+and+other+CID+treatment", {"noted", "far"}),
        ("theme=Human%20rights%20defenders&country=QMA", {"first", "noted"}),
        ("recommending_state=qna", {"first"}),
    ],
)
def test_recommendations_take_their_filters(client, recommendations, query, expected):
    names = {r.pk: name for name, r in recommendations.items()}
    items = fetch_all(client, f"{API}/recommendations?{query}")
    assert {names[i["id"]] for i in items} == expected
    # The download with the same filters gives the same records.
    rows = csv_rows(client, f"/en/data/recommendations.csv?{query}")
    assert {int(r["id"]) for r in rows} == {i["id"] for i in items}


def test_assessments_take_their_filters(client, observatory):
    land, other = observatory["land"], observatory["other"]
    framework = observatory["framework"]
    state = SubdivisionFactory(parent=land, code="QM-SX")
    state_law = InstrumentFactory(jurisdiction=state, slug="qm-sx-law")
    of_state = AssessmentFactory(framework=framework, instrument=state_law, status=PUBLISHED)
    elsewhere = AssessmentFactory(
        framework=FrameworkFactory(slug="second-framework"),
        instrument=InstrumentFactory(jurisdiction=other),
        status=PUBLISHED,
    )
    first = observatory["assessment"]

    def ids(query: str) -> set[int]:
        return {a["id"] for a in fetch_all(client, f"{API}/assessments?{query}")}

    assert ids("country=qma") == {first.pk, of_state.pk}  # a country's states included
    assert ids("country=QNA") == {elsewhere.pk}
    assert ids("region=americas") == {first.pk, of_state.pk, elsewhere.pk}
    assert ids("region=africa") == set()
    assert ids("framework=second-framework") == {elsewhere.pk}
    assert ids("framework=test-framework&country=qma") == {first.pk, of_state.pk}
    # A re-assessment: both are listed; `current` keeps the latest.
    again = AssessmentFactory(
        framework=framework, instrument=observatory["law"], as_of=dt.date(2025, 2, 1),
        status=PUBLISHED,
    )  # fmt: skip
    assert ids("country=qma") == {first.pk, of_state.pk, again.pk}
    assert ids("country=qma&current=true") == {of_state.pk, again.pk}
    assert ids("current=false") == ids("")
    rows = csv_rows(client, "/en/data/assessments.csv?country=qma&current=true")
    assert {int(r["id"]) for r in rows} == {of_state.pk, again.pk}


@pytest.mark.parametrize("endpoint", ["recommendations", "assessments", "criteria", "standards"])
def test_paging_through_each_new_list_gives_every_record_once(client, observatory, endpoint):
    framework = observatory["framework"]
    for _n in range(5):
        RecommendationFactory(jurisdiction=observatory["land"])
        AssessmentFactory(framework=framework, status=PUBLISHED)
        CriterionFactory(framework=framework)
        StandardFactory()
    first = client.get(f"{API}/{endpoint}?page_size=2").json()
    assert len(first["items"]) == 2 and first["next"]
    items = fetch_all(client, f"{API}/{endpoint}?page_size=2")
    expected = exports.TABLES[endpoint].queryset().values_list("pk", flat=True)
    assert [i["id"] for i in items] == sorted(expected)
    assert len(items) >= 6


def test_the_good_practices_list(client, observatory):
    (item,) = fetch_all(client, f"{API}/good-practices")
    assert item["title_en"] == "Published good practice"
    assert (item["framework"], item["criterion"]) == ("test-framework", "TF-2")
    assert (item["subject_type"], item["subject"]) == ("instrument", "qma-law")
    assert item["assessment"] == observatory["assessment"].pk


# --- what is never published --------------------------------------------------------------


def test_a_draft_assessment_is_never_published(client, observatory):
    draft = observatory["draft"]
    listed = fetch_all(client, f"{API}/assessments")
    assert draft.pk not in {a["id"] for a in listed}
    assert client.get(f"{API}/assessments/{draft.pk}").status_code == 404
    assert fetch_all(client, f"{API}/assessments?framework=test-framework&current=true")
    for table in ("assessments", "ratings"):
        for extension in ("csv", "json"):
            _response, text = download(client, f"/en/data/{table}.{extension}")
            assert "never public" not in text
            assert "qma-mechanism" not in text  # the draft's subject
    rows = csv_rows(client, "/en/data/ratings.csv")
    assert {int(r["assessment"]) for r in rows} == {observatory["assessment"].pk}
    # Published later, it appears.
    draft.status = PUBLISHED
    draft.save()
    assert draft.pk in {a["id"] for a in fetch_all(client, f"{API}/assessments")}


def test_unpublished_good_practices_and_those_of_drafts_are_never_published(client, observatory):
    titles = {g["title_en"] for g in fetch_all(client, f"{API}/good-practices")}
    assert titles == {"Published good practice"}
    for extension in ("csv", "json"):
        _response, text = download(client, f"/en/data/good_practices.{extension}")
        assert "Published good practice" in text
        assert "Unpublished good practice" not in text
        assert "of a draft assessment" not in text


def test_a_document_not_yet_published_is_not_named_as_evidence(client, observatory):
    assessment = AssessmentFactory(framework=observatory["framework"], status=PUBLISHED)
    from focus.library.models import Document

    hidden = Document.objects.get(slug="qma-unpublished")
    RatingFactory(assessment=assessment, document=hidden, value=RatingValue.PARTLY)
    item = client.get(f"{API}/assessments/{assessment.pk}").json()
    assert item["ratings"][0]["document"] is None
    assert "qma-unpublished" not in download(client, "/en/data/ratings.csv")[1]


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, parameter",
    [
        ("/standards?colour=red", "colour"),
        ("/criteria?colour=red", "colour"),
        ("/criteria?framework=nope", "framework"),
        ("/criteria?theme=weather", "theme"),
        ("/criteria?framework=a%00b", "framework"),
        ("/assessments?colour=red", "colour"),
        ("/assessments?status=draft", "status"),
        ("/assessments?country=zzz", "country"),
        ("/assessments?framework=nope", "framework"),
        ("/assessments?current=perhaps", "current"),
        ("/recommendations?colour=red", "colour"),
        ("/recommendations?country=zzz", "country"),
        ("/recommendations?body=parliament", "body"),
        ("/recommendations?response=maybe", "response"),
        ("/recommendations?implementation=soon", "implementation"),
        ("/recommendations?session=0", "session"),
        ("/recommendations?cycle=x", "cycle"),
        ("/recommendations?theme=Weather", "theme"),
        ("/recommendations?theme=a%00b", "theme"),
        ("/recommendations?recommending_state=zzz", "recommending_state"),
        ("/recommendations?cursor=not-a-cursor", "cursor"),
        ("/good-practices?colour=red", "colour"),
        ("/assessments/0", "id"),
    ],
)
def test_bad_input_is_a_400_that_names_the_parameter(client, observatory, url, parameter):
    response = client.get(f"{API}{url}")
    assert response.status_code == 400, response.content
    assert [e["parameter"] for e in response.json()["errors"]] == [parameter]


@pytest.mark.parametrize(
    "url",
    [
        "/en/data/recommendations.csv?colour=red",
        "/en/data/recommendations.csv?theme=Weather",
        "/en/data/assessments.csv?status=draft",
        "/en/data/ratings.json?framework=nope",
        "/en/data/good_practices.csv?country=qma",
    ],
)
def test_bad_downloads_are_a_400(client, observatory, url):
    response, _text = download(client, url)
    assert response.status_code == 400


# --- downloads, dictionary, vocabularies, licence -------------------------------------------


def test_the_recommendations_csv_has_its_header_and_rows(client, recommendations):
    response, text = download(client, "/en/data/recommendations.csv")
    assert response["Content-Type"].startswith("text/csv")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    assert header == exports.TABLES["recommendations"].columns()
    for column in ["id", "country", "body", "cycle", "session", "recommending_state"]:
        assert column in header
    rows = [dict(zip(header, row, strict=True)) for row in reader]
    assert len(rows) == Recommendation.objects.count() == 5
    first = next(r for r in rows if int(r["id"]) == recommendations["first"].pk)
    assert first["country"] == "QMA" and first["recommending_state"] == "QNA"
    assert first["recommended_by"] == "Otherland"
    assert first["themes"] == "Human rights defenders"
    assert first["answered_by_instruments"] == "qma-law"
    assert first["sources"] == "https://www.upr-info.org/"
    noted = next(r for r in rows if int(r["id"]) == recommendations["noted"].pk)
    assert noted["themes"] == "Human rights defenders; Torture and other CID treatment"
    # The JSON export holds the API's records, and says where they come from.
    _response, text = download(client, "/en/data/recommendations.json")
    body = json.loads(text)
    assert "UPR Info" in body["note"]
    from_api = client.get(f"{API}/recommendations/{recommendations['first'].pk}").json()
    assert from_api in body["items"]


def test_the_ratings_table_is_flat(client, observatory):
    rows = csv_rows(client, "/en/data/ratings.csv")
    assert [r["criterion_code"] for r in rows] == ["TF-2", "TF-10"]
    row = rows[0]
    assert row["assessment"] == str(observatory["assessment"].pk)
    assert (row["framework"], row["subject_type"], row["subject"], row["country"]) == (
        "test-framework",
        "instrument",
        "qma-law",
        "QMA",
    )
    assert (row["as_of"], row["value"], row["document"], row["document_page"]) == (
        "2024-01-31",
        "meets",
        "qma-report",
        "3",
    )
    assert not any(value.startswith("[") for value in row.values())  # no nested cells
    filtered = csv_rows(client, "/en/data/ratings.csv?framework=test-framework&country=qna")
    assert filtered == []


def test_the_open_data_pages_cite_upr_info_for_the_recommendations(client, observatory):
    for language in ("en", "fr"):
        page = client.get(f"/{language}/data/").content.decode()
        assert f"/{language}/data/recommendations.csv" in page
        assert "UPR Info" in page
        dictionary = client.get(f"/{language}/data/dictionary/").content.decode()
        assert 'id="recommendations"' in dictionary and "UPR Info" in dictionary
        assert 'id="vocabulary-rating_value"' in dictionary
        assert '<a href="#vocabulary-response">' in dictionary
    recommendations = client.get(f"{API}/openapi.json").json()["paths"]["/api/v1/recommendations"]
    assert "UPR Info" in recommendations["get"]["description"]


def test_the_new_vocabularies_are_listed(client, observatory):
    body = client.get(f"{API}/vocabularies").json()
    assert set(body["rating_value"]) == set(RatingValue.values)
    assert set(body["response"]) == {"accepted", "noted", "pending"}
    assert set(body["implementation"]) == set(Implementation.values)
    assert set(body["body"]) == set(Body.values)
    assert set(body["criterion_theme"]) == set(Theme.values)
    assert set(body["action_category"]) == {"1", "2", "3", "4", "5"}
    assert {"standard_kind", "standard_scope"} <= set(body)
    assert set(body["action_category"]["5"]) == {"en", "es", "fr"}


# --- cost -------------------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/assessments",
        "/assessments?country=qma&framework=test-framework",
        "/recommendations",
        "/standards",
        "/criteria",
        "/good-practices",
    ],
)
def test_a_new_list_costs_the_same_queries_for_more_records(
    client, observatory, url, django_assert_max_num_queries
):
    before = _queries(client, f"{API}{url}")
    framework, law = observatory["framework"], observatory["law"]
    region = RegionFactory()
    for _n in range(12):
        country = CountryFactory(region=region)
        instrument = InstrumentFactory(jurisdiction=SubdivisionFactory(parent=country))
        assessment = AssessmentFactory(framework=framework, instrument=instrument, status=PUBLISHED)
        for criterion in framework.criteria.all():
            RatingFactory(assessment=assessment, criterion=criterion)
        recommendation = RecommendationFactory(jurisdiction=country, recommending_state=country)
        recommendation.themes.add(observatory["theme"])
        recommendation.answered_by_instruments.add(law)
        GoodPracticeFactory(rating=assessment.ratings.first(), published=True)
        provision = ProvisionFactory(standard=StandardFactory())
        CriterionFactory(framework=framework).provisions.add(provision)
    AssessmentFactory.create_batch(3, framework=framework, instrument=law, status=PUBLISHED)
    assert Assessment.objects.published().count() >= 15
    with django_assert_max_num_queries(before):
        assert client.get(f"{API}{url}").status_code == 200

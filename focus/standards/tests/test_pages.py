"""The public pages of the analysis, as a visitor reads them: standards, assessments and
what changed between them, the comparison matrix, recommendations and good practices.

Assessments and recommendations here are synthetic (tests/factories.py); the standards
and criteria come from the project's own seed files.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from focus.core.seeding import load_file
from focus.geo.tests.factories import CountryFactory, RegionFactory
from focus.policies.tests.factories import InstrumentFactory, SourceFactory
from focus.standards import seeding
from focus.standards.models import Assessment, Criterion, Rating
from focus.standards.vocabulary import AssessmentStatus, Implementation, RatingValue, Response

from .factories import (
    AssessmentFactory,
    CriterionFactory,
    FrameworkFactory,
    GoodPracticeFactory,
    RatingFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db

PUBLISHED = AssessmentStatus.PUBLISHED


@pytest.fixture
def seeded_standards():
    for name, parse, model, key in seeding.FILES:
        load_file(seeding.SEED / name, parse, model, key)


def assess(instrument, framework, as_of, answers, status=PUBLISHED):
    """An assessment with one rating per (criterion, answer, passage)."""
    assessment = AssessmentFactory(
        instrument=instrument, framework=framework, as_of=as_of, status=status
    )
    for criterion, value, passage in answers:
        RatingFactory(
            assessment=assessment,
            criterion=criterion,
            value=value,
            passage=passage,
            quote=f"Words of {passage}",
        )
    return assessment


@pytest.fixture
def ishr(seeded_standards):
    from focus.standards.models import Framework

    framework = Framework.objects.get(slug="ishr-model-law")
    return framework, list(framework.criteria.all())


def test_the_standards_and_their_provisions_from_the_seed(visitor, seeded_standards):
    page = visitor.get("/en/standards/").text
    assert "UN Declaration on Human Rights Defenders" in page
    assert "ISHR Model Law" in page
    assert "20 provisions" in page
    declaration = visitor.get("/en/standards/undhrd/").text
    assert "Article 12: Protection against violence, threats and retaliation" in declaration
    assert "https://undocs.org/A/RES/53/144" in declaration
    guidelines = visitor.get("/en/standards/eu-hrd-guidelines/").text
    assert "revised 2006 and 2008" in guidelines  # the date's note, kept as given
    assert visitor.get("/en/standards/no-such-standard/").status_code == 404


def test_a_framework_lists_its_criteria_with_their_theme_and_source(visitor, ishr):
    page = visitor.get("/en/standards/frameworks/ishr-model-law/").text
    assert "ML-09 Independence of the mechanism" in page
    assert "Theme: independence" in page
    assert "ishr.ch" in page
    spanish = visitor.get("/es/standards/frameworks/ishr-model-law/")
    assert spanish.status_code == 200 and 'lang="es"' in spanish.text


def test_an_assessment_shows_each_answer_with_its_evidence(visitor, ishr):
    framework, criteria = ishr
    law = InstrumentFactory(title_en="Synthetic protection law")
    assessment = assess(
        law,
        framework,
        dt.date(2024, 3, 1),
        [
            (criteria[0], RatingValue.MEETS, "Article 2"),
            (criteria[5], RatingValue.RESTRICTIVE, "Article 40"),
        ],
    )
    page = visitor.get(assessment.get_absolute_url()).text
    assert "Synthetic protection law" in page
    assert "ML-01 Broad definition of human rights defender" in page
    assert "Contains a restrictive provision" in page
    assert "Article 40" in page and "Words of Article 40" in page
    assert "example.org/source/" in page  # the rating's source is linked
    # The criteria not answered are listed as such, not silently left out.
    assert "Not assessed" in page and "ML-17 Transparency and reporting" in page


def test_a_draft_assessment_is_for_editors_only(editor_client, ishr):
    visitor = Client()  # `editor_client` is the suite's one client, signed in
    framework, criteria = ishr
    draft = assess(
        InstrumentFactory(),
        framework,
        dt.date(2024, 3, 1),
        [(criteria[0], RatingValue.MEETS, "Article 1")],
        status=AssessmentStatus.DRAFT,
    )
    assert visitor.get(draft.get_absolute_url()).status_code == 404
    assert visitor.get(f"/en/compare/?framework={framework.slug}").text.count("Article 1") == 0
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200 and "Draft" in response.text


def test_a_reassessment_keeps_the_earlier_one_and_shows_what_changed(visitor, ishr):
    framework, criteria = ishr
    law = InstrumentFactory()
    first = assess(
        law,
        framework,
        dt.date(2019, 6, 1),
        [
            (criteria[0], RatingValue.PARTLY, "Article 2"),
            (criteria[1], RatingValue.MEETS, "Article 3"),
        ],
    )
    second = assess(
        law,
        framework,
        dt.date(2024, 6, 1),
        [
            (criteria[0], RatingValue.MEETS, "Article 2 as amended"),
            (criteria[1], RatingValue.MEETS, "Article 3"),
            (criteria[2], RatingValue.DOES_NOT, "Article 9"),
        ],
    )
    assert Assessment.objects.count() == 2
    page = visitor.get(second.get_absolute_url()).text
    assert "What changed since the assessment as of" in page
    assert "partly meets → meets" in page
    assert "newly assessed: does not meet" in page
    assert "ML-02" not in page.split("What changed")[1].split("</section>")[0]
    assert first.get_absolute_url() in page
    # The earlier one is still there, as it was.
    earlier = visitor.get(first.get_absolute_url()).text
    assert "Partly meets" in earlier and "What changed" not in earlier
    # Only the latest counts in the comparison and on the country page.
    assert list(Assessment.objects.current()) == [second]
    country = visitor.get(law.jurisdiction.get_absolute_url()).text
    assert second.get_absolute_url() in country and first.get_absolute_url() not in country


def test_a_criterion_deleted_from_its_framework_keeps_its_past_answers(visitor, ishr):
    framework, criteria = ishr
    assessment = assess(
        InstrumentFactory(),
        framework,
        dt.date(2023, 1, 1),
        [(criteria[3], RatingValue.DOES_NOT, "Article 7")],
    )
    criteria[3].delete()
    rating = Rating.objects.get()
    assert rating.criterion is None
    assert (rating.criterion_code, rating.value) == ("ML-04", RatingValue.DOES_NOT)
    page = visitor.get(assessment.get_absolute_url()).text
    assert "ML-04 Investigation, sanctions and fight against impunity" in page
    assert "no longer in the framework" in page
    matrix = visitor.get(f"/en/compare/?framework={framework.slug}").text
    assert "ML-04" in matrix and "no longer in the framework" in matrix


def test_editing_a_criterion_does_not_change_the_title_an_answer_was_given_to(ishr):
    framework, criteria = ishr
    assess(InstrumentFactory(), framework, dt.date(2023, 1, 1), [(criteria[0], "meets", "Art. 1")])
    Criterion.objects.filter(pk=criteria[0].pk).update(title_en="A new wording")
    assert Rating.objects.get().criterion_title == "Broad definition of human rights defender"


def _world(framework, criteria, countries: int):
    """Countries of two regions, each with an assessed law (synthetic)."""
    americas, africa = (
        RegionFactory(code="americas"),
        RegionFactory(code="africa", name_en="Africa"),
    )
    made = []
    for n in range(countries):
        country = CountryFactory(region=americas if n % 2 == 0 else africa)
        law = InstrumentFactory(jurisdiction=country, title_en=f"Law of {country.name_en}")
        answers = [(c, RatingValue.MEETS, f"Article {n}-{i}") for i, c in enumerate(criteria)]
        made.append(assess(law, framework, dt.date(2024, 1, 1), answers))
    return made


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_matrix_costs_the_same_queries_for_two_or_twelve_columns(visitor):
    framework = FrameworkFactory()
    criteria = CriterionFactory.create_batch(8, framework=framework)
    _world(framework, criteria, 2)
    url = f"/en/compare/?framework={framework.slug}"
    small = _queries(visitor, url)
    _world(framework, criteria, 10)
    assert _queries(visitor, url) == small
    page = visitor.get(url).text
    assert page.count('<th scope="col">') == 1 + 12
    assert page.count("<tr>") == 1 + 8


def test_the_matrix_filters_by_region_and_country_and_links_each_cell_to_its_evidence(visitor):
    framework = FrameworkFactory()
    criteria = CriterionFactory.create_batch(3, framework=framework)
    assessments = _world(framework, criteria, 4)
    americas = visitor.get(f"/en/compare/?framework={framework.slug}&region=americas").text
    assert "Law of Testland" in americas
    assert americas.count('<th scope="col">') == 1 + 2
    one = assessments[1]
    page = visitor.get(
        f"/en/compare/?framework={framework.slug}&country={one.country.code.lower()}"
    ).text
    assert page.count('<th scope="col">') == 1 + 1
    rating = one.ratings.first()
    assert f'href="{rating.get_absolute_url()}"' in page
    assert rating.passage in page


def test_by_country_the_matrix_shows_each_countrys_latest_assessment(visitor):
    framework = FrameworkFactory()
    criterion = CriterionFactory(framework=framework)
    country = CountryFactory()
    old = assess(InstrumentFactory(jurisdiction=country), framework, dt.date(2020, 1, 1), [])
    new = assess(
        InstrumentFactory(jurisdiction=country),
        framework,
        dt.date(2024, 1, 1),
        [(criterion, RatingValue.PARTLY, "Art. 5")],
    )
    by_record = visitor.get(f"/en/compare/?framework={framework.slug}").text
    assert by_record.count('<th scope="col">') == 1 + 2
    by_country = visitor.get(f"/en/compare/?framework={framework.slug}&columns=countries").text
    assert by_country.count('<th scope="col">') == 1 + 1
    assert new.get_absolute_url() in by_country and old.get_absolute_url() not in by_country


@pytest.mark.parametrize(
    "query", ["framework=nope", "columns=diagonal", "region=atlantis", "country=zzz"]
)
def test_bad_comparison_choices_are_a_400_that_says_so(visitor, query):
    FrameworkFactory()
    response = visitor.get(f"/en/compare/?{query}")
    assert response.status_code == 400
    assert "Some filters could not be read" in response.text


def test_one_criterion_side_by_side_across_countries(visitor, ishr):
    framework, criteria = ishr
    mexico = CountryFactory(code="MEX", name_en="Mexico")
    colombia = CountryFactory(code="COL", name_en="Colombia")
    assess(
        InstrumentFactory(jurisdiction=mexico),
        framework,
        dt.date(2024, 1, 1),
        [(criteria[0], RatingValue.MEETS, "Artículo 2")],
    )
    assess(
        InstrumentFactory(jurisdiction=colombia),
        framework,
        dt.date(2024, 1, 1),
        [(criteria[0], RatingValue.PARTLY, "Artículo 81")],
    )
    page = visitor.get(criteria[0].get_absolute_url()).text
    assert page.index("Colombia") < page.index("Mexico")  # by name
    assert "Artículo 2" in page and "Artículo 81" in page
    assert "Words of Artículo 81" in page
    # Criteria of other frameworks on the same theme are offered.
    assert "PI-02" in page


def test_recommendations_on_the_country_page_and_in_the_list(visitor):
    country = CountryFactory(name_en="Testland of recommendations")
    law = InstrumentFactory(jurisdiction=country, title_en="The law that answers")
    answered = RecommendationFactory(
        jurisdiction=country,
        session=4,
        text="Adopt a law to protect human rights defenders.",
        implementation=Implementation.IMPLEMENTED,
    )
    answered.answered_by_instruments.add(law)
    RecommendationFactory(jurisdiction=country, response=Response.NOTED, text="Noted one.")
    RecommendationFactory(text="Elsewhere.")
    page = visitor.get(country.get_absolute_url()).text
    assert "2 recommendations received: 1 accepted, 1 noted." in page
    assert "UPR session 4 (cycle 1)" in page
    assert "1 record answers it" in page
    listing = visitor.get(f"/en/recommendations/?country={country.code.lower()}").text
    assert "2 recommendations" in listing and "Elsewhere." not in listing
    noted = visitor.get(f"/en/recommendations/?country={country.code.lower()}&response=noted")
    assert "1 recommendation" in noted.text and "Noted one." in noted.text
    words = visitor.get("/en/recommendations/?q=law+defenders").text
    assert "1 recommendation" in words and "Adopt a law" in words
    detail = visitor.get(answered.get_absolute_url()).text
    assert "The law that answers" in detail and "Implemented" in detail
    assert visitor.get("/en/recommendations/?session=x").status_code == 400
    assert visitor.get("/en/recommendations/999999/").status_code == 404


def test_good_practices_are_grouped_by_criterion_and_only_published_ones_show(visitor, ishr):
    framework, criteria = ishr
    assessment = assess(
        InstrumentFactory(),
        framework,
        dt.date(2024, 1, 1),
        [(criteria[8], RatingValue.MEETS, "Article 30")],
    )
    rating = assessment.ratings.get()
    shown = GoodPracticeFactory(rating=rating, published=True, title_en="An independent board")
    GoodPracticeFactory(rating=rating, published=False, title_en="Not yet reviewed")
    assert shown.criterion == criteria[8]  # taken from the rating
    page = visitor.get("/en/good-practices/").text
    assert "ML-09 Independence of the mechanism" in page
    assert "An independent board" in page and "Not yet reviewed" not in page
    assert rating.get_absolute_url() in page
    assessment_page = visitor.get(assessment.get_absolute_url()).text
    assert "Good practice: An independent board" in assessment_page


def test_an_unpublished_assessments_good_practice_does_not_leak(visitor, ishr):
    framework, criteria = ishr
    draft = assess(
        InstrumentFactory(),
        framework,
        dt.date(2024, 1, 1),
        [(criteria[0], RatingValue.MEETS, "Article 1")],
        status=AssessmentStatus.DRAFT,
    )
    SourceFactory()
    GoodPracticeFactory(rating=draft.ratings.get(), published=True, title_en="Early")
    assert "Early" not in visitor.get("/en/good-practices/").text


def test_recommendations_are_found_by_the_search(visitor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = RecommendationFactory(
            jurisdiction=CountryFactory(name_en="Searchland"),
            text="Guarantee a safe environment for environmental defenders.",
        )
    page = visitor.get("/en/search/?q=environmental+defenders&type=recommendation").text
    assert "Recommendation to Searchland" in page
    assert item.get_absolute_url() in page


def test_an_assessment_offers_its_law_side_by_side_with_another_countrys(visitor, ishr):
    framework, criteria = ishr
    made = {}
    for code, name, value in (
        ("HND", "Honduras", RatingValue.MEETS),
        ("COL", "Colombia", RatingValue.PARTLY),
        ("MEX", "Mexico", RatingValue.DOES_NOT),
    ):
        country = CountryFactory(code=code, name_en=name)
        made[code] = assess(
            InstrumentFactory(jurisdiction=country, title_en=f"Law of {name}"),
            framework,
            dt.date(2024, 1, 1),
            [(criteria[0], value, f"{name} article 4")],
        )
    page = visitor.get(made["HND"].get_absolute_url()).text
    link = f"/en/compare/?framework={framework.slug}&amp;country=hnd&amp;country=col"
    assert f'href="{link}">Colombia</a>' in page
    matrix = visitor.get(link.replace("&amp;", "&")).text
    assert matrix.count('<th scope="col">') == 1 + 2
    assert "Law of Honduras" in matrix and "Law of Colombia" in matrix
    assert "Law of Mexico" not in matrix
    assert "Honduras article 4" in matrix and "Colombia article 4" in matrix


def test_an_instruments_page_shows_its_latest_assessments_and_what_it_answers(visitor, ishr):
    framework, criteria = ishr
    law = InstrumentFactory(title_en="The answering law")
    old = assess(law, framework, dt.date(2019, 1, 1), [(criteria[0], RatingValue.PARTLY, "A1")])
    new = assess(
        law,
        framework,
        dt.date(2024, 1, 1),
        [(criteria[0], RatingValue.MEETS, "A1"), (criteria[1], RatingValue.MEETS, "A2")],
    )
    recommendation = RecommendationFactory(
        jurisdiction=law.jurisdiction, session=17, text="Adopt and implement a protection law."
    )
    recommendation.answered_by_instruments.add(law)
    page = visitor.get(law.get_absolute_url()).text
    assert "Analysis against the standards" in page
    assert new.get_absolute_url() in page and old.get_absolute_url() not in page
    assert "meets: 2" in page
    assert "Recommendations it answers" in page
    assert "Adopt and implement a protection law." in page
    assert recommendation.get_absolute_url() in page


def test_evidence_in_an_unpublished_document_is_not_linked(visitor, ishr):
    from focus.library.models import Document

    framework, criteria = ishr
    undated = {"kind": "official_text", "date_precision": "unknown"}
    hidden = Document.objects.create(
        slug="withheld-text", title_en="Withheld", published=False, **undated
    )
    shown = Document.objects.create(slug="official-text", title_en="Official text", **undated)
    assessment = assess(InstrumentFactory(), framework, dt.date(2024, 1, 1), [])
    RatingFactory(assessment=assessment, criterion=criteria[0], document=hidden, passage="Art. 3")
    RatingFactory(assessment=assessment, criterion=criteria[1], document=shown, passage="Art. 9")
    page = visitor.get(assessment.get_absolute_url()).text
    assert "withheld-text" not in page and "Withheld" not in page
    assert 'href="/en/library/official-text/?q=Art.%209"' in page

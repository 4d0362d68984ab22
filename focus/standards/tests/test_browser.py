"""The analysis in a real browser with JavaScript off: from a country to the article
behind each answer, to the comparison with a neighbour. The assessments are synthetic
(the seed holds none: assessing is editors' work); the criteria are the real ones."""

import datetime as dt

import pytest

from focus.core.seeding import load_file
from focus.core.tests.browser import axe_violations
from focus.geo.tests.factories import CountryFactory, RegionFactory
from focus.policies.tests.factories import InstrumentFactory
from focus.standards import seeding
from focus.standards.models import Framework
from focus.standards.vocabulary import AssessmentStatus, RatingValue

from .factories import AssessmentFactory, RatingFactory, RecommendationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def assessed():
    for name, parse, model, key in seeding.FILES:
        load_file(seeding.SEED / name, parse, model, key)
    framework = Framework.objects.get(slug="ishr-model-law")
    criteria = list(framework.criteria.all()[:3])
    americas = RegionFactory(code="americas")
    made = {}
    for code, name, values in (
        ("HND", "Honduras", [RatingValue.MEETS, RatingValue.PARTLY, RatingValue.DOES_NOT]),
        ("COL", "Colombia", [RatingValue.PARTLY, RatingValue.MEETS, RatingValue.MEETS]),
    ):
        country = CountryFactory(code=code, name_en=name, region=americas)
        law = InstrumentFactory(jurisdiction=country, title_en=f"Synthetic law of {name}")
        assessment = AssessmentFactory(
            instrument=law, framework=framework, status=AssessmentStatus.PUBLISHED,
            as_of=dt.date(2024, 5, 1),
        )  # fmt: skip
        for n, (criterion, value) in enumerate(zip(criteria, values, strict=True), start=1):
            RatingFactory(
                assessment=assessment, criterion=criterion, value=value,
                passage=f"{name} article {n}", quote=f"Quoted words of {name} article {n}",
            )  # fmt: skip
        made[code] = assessment
    RecommendationFactory(
        jurisdiction=made["HND"].country, session=9, text="Synthetic: protect defenders."
    )
    return made


def test_from_a_country_to_the_article_behind_an_answer_and_a_neighbours_law(
    browser_page, live_server, assessed
):
    page = browser_page.page
    page.goto(f"{live_server.url}/en/countries/hnd/")
    assert "1 recommendation received: 1 accepted." in page.locator("#recommendations").inner_text()
    page.locator("#analysis a", has_text="against ISHR Model Law").click()
    assert page.url.endswith(assessed["HND"].get_absolute_url())
    ml01 = page.locator("#c-ML-01")
    assert "Meets" in ml01.inner_text() and "Honduras article 1" in ml01.inner_text()
    assert "Quoted words of Honduras article 1" in ml01.locator("blockquote").inner_text()

    page.locator("a", has_text="Compare with other countries of").click()
    matrix = page.locator("table.matrix")
    assert matrix.locator("thead th", has_text="Colombia").count() == 1
    assert matrix.locator("thead th", has_text="Honduras").count() == 1
    cell = matrix.locator("tbody tr", has_text="ML-03").locator("td").nth(0)
    assert "does not meet" in cell.inner_text() or "meets" in cell.inner_text()
    cell.locator("a").click()
    assert "#c-ML-03" in page.url
    assert browser_page.other_hosts(live_server.url) == set()


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_the_comparison_and_an_assessment_are_accessible_on_a_phone(
    chromium, live_server, assessed, language
):
    context = chromium.new_context(java_script_enabled=True, viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in (
        f"/{language}/compare/?framework=ishr-model-law",
        assessed["COL"].get_absolute_url().replace("/en/", f"/{language}/"),
        f"/{language}/standards/frameworks/ishr-model-law/ML-01/",
    ):
        page.goto(live_server.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, overflow)
        assert axe_violations(page) == [], path
    context.close()

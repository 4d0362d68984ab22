"""The editors' back office for the analysis: assessments are written with their ratings
and evidence, re-assessed as new drafts that leave the earlier ones as they were,
criteria are versioned, and recommendations' implementation is followed up.

Everything goes through the admin's pages and forms, as an editor would use them.
"""

import datetime as dt

import pytest
from django.urls import reverse

from focus.accounts.tests.factories import add_totp
from focus.geo.tests.factories import CountryFactory, SubdivisionFactory
from focus.policies.tests.factories import InstrumentFactory, MechanismFactory, SourceFactory
from focus.standards.models import (
    Assessment,
    Criterion,
    GoodPractice,
    Rating,
    RecommendationTheme,
)

from .factories import (
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

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def _management(prefix: str, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _assessment_form(framework, instrument=None, mechanism=None, **extra) -> dict:
    data = {
        "framework": framework.pk,
        "instrument": instrument.pk if instrument else "",
        "mechanism": mechanism.pk if mechanism else "",
        "as_of": "2024-03-01",
        "status": "draft",
        "summary_en": "A synthetic assessment.",
        "summary_es": "",
        "summary_fr": "",
        "assessed_by": "Test team",
    }
    return data | _management("ratings") | extra


def _rating(index: int, criterion=None, *, rating=None, source=None, **extra) -> dict:
    """One row of the ratings inline, as the browser posts it."""
    prefix = f"ratings-{index}-"
    values = {
        "id": rating.pk if rating else "",
        "assessment": rating.assessment_id if rating else "",
        "criterion": criterion.pk if criterion else "",
        "value": "meets",
        "justification_en": "The law says so in its article 2.",
        "justification_es": "",
        "justification_fr": "",
        "source": source.pk if source else "",
        "document": "",
        "passage": "Article 2",
        "quote": "",
        "page": "",
    } | extra
    return {prefix + key: value for key, value in values.items()}


def _errors(response) -> str:
    if response.context is None:
        return ""
    inline = [f.errors for f in response.context.get("inline_admin_formsets", [])]
    return f"{response.context['adminform'].form.errors} {inline}"


# Adding an assessment with its ratings


def test_an_editor_adds_an_assessment_with_two_ratings(editor_client, alice):
    framework = FrameworkFactory()
    first, second = CriterionFactory.create_batch(2, framework=framework)
    instrument = InstrumentFactory()
    source = SourceFactory()
    data = (
        _assessment_form(framework, instrument)
        | _management("ratings", 2)
        | _rating(0, first, source=source)
        | _rating(1, second, source=source, value="partly", justification_es="En parte.")
    )
    response = editor_client.post(reverse("admin:standards_assessment_add"), data)
    assert response.status_code == 302, _errors(response)
    assessment = Assessment.objects.get()
    assert assessment.instrument == instrument
    assert assessment.created_by == alice
    ratings = {r.criterion_code: r for r in assessment.ratings.all()}
    assert set(ratings) == {first.code, second.code}
    assert ratings[second.code].value == "partly"
    assert ratings[second.code].justification_es == "En parte."
    assert ratings[first.code].criterion_title == first.title_en
    assert assessment.history.get().history_user == alice
    assert ratings[first.code].history.get().history_user == alice


def test_an_assessment_of_a_mechanism_is_added_without_ratings(editor_client, alice):
    framework = FrameworkFactory()
    mechanism = MechanismFactory()
    response = editor_client.post(
        reverse("admin:standards_assessment_add"), _assessment_form(framework, mechanism=mechanism)
    )
    assert response.status_code == 302, _errors(response)
    assessment = Assessment.objects.get()
    assert (assessment.mechanism, assessment.created_by) == (mechanism, alice)
    assert not assessment.ratings.exists()


def test_a_rating_without_evidence_is_refused_and_nothing_is_saved(editor_client):
    framework = FrameworkFactory()
    criterion = CriterionFactory(framework=framework)
    data = (
        _assessment_form(framework, InstrumentFactory())
        | _management("ratings", 1)
        | _rating(0, criterion, value="meets")
    )
    response = editor_client.post(reverse("admin:standards_assessment_add"), data)
    assert response.status_code == 200
    assert "Give the evidence: a source or a document of the library" in response.text
    assert "Please correct the error below." in response.text
    assert not Assessment.objects.exists()
    assert not Rating.objects.exists()


def test_a_criterion_that_does_not_apply_needs_no_evidence(editor_client):
    framework = FrameworkFactory()
    criterion = CriterionFactory(framework=framework)
    data = (
        _assessment_form(framework, InstrumentFactory())
        | _management("ratings", 1)
        | _rating(0, criterion, value="not_applicable", passage="")
    )
    response = editor_client.post(reverse("admin:standards_assessment_add"), data)
    assert response.status_code == 302, _errors(response)
    assert Rating.objects.get().value == "not_applicable"


def test_assessing_both_an_instrument_and_a_mechanism_is_refused(editor_client):
    data = _assessment_form(FrameworkFactory(), InstrumentFactory(), MechanismFactory())
    response = editor_client.post(reverse("admin:standards_assessment_add"), data)
    assert response.status_code == 200
    assert "Assess either an instrument or a mechanism, not both." in response.text
    assert not Assessment.objects.exists()


def test_a_criterion_of_another_framework_is_refused(editor_client):
    framework = FrameworkFactory()
    elsewhere = CriterionFactory()
    data = (
        _assessment_form(framework, InstrumentFactory())
        | _management("ratings", 1)
        | _rating(0, elsewhere, source=SourceFactory())
    )
    response = editor_client.post(reverse("admin:standards_assessment_add"), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Assessment.objects.exists()


def test_rating_a_criterion_twice_is_refused(editor_client):
    framework = FrameworkFactory()
    criterion = CriterionFactory(framework=framework, code="PI-07")
    source = SourceFactory()
    data = (
        _assessment_form(framework, InstrumentFactory())
        | _management("ratings", 2)
        | _rating(0, criterion, source=source)
        | _rating(1, criterion, source=source, value="partly")
    )
    response = editor_client.post(reverse("admin:standards_assessment_add"), data)
    assert response.status_code == 200
    assert "Criterion PI-07 is already rated in this assessment." in response.text
    assert not Assessment.objects.exists()


def test_a_new_row_needs_its_criterion(editor_client):
    framework = FrameworkFactory()
    data = (
        _assessment_form(framework, InstrumentFactory())
        | _management("ratings", 1)
        | _rating(0, None, source=SourceFactory())
    )
    response = editor_client.post(reverse("admin:standards_assessment_add"), data)
    assert response.status_code == 200
    assert "Choose the criterion this answer is about." in response.text
    assert not Assessment.objects.exists()


def test_the_add_page_offers_every_criterion_with_its_framework(editor_client):
    CriterionFactory(framework=FrameworkFactory(name_en="Model Law"), code="ML-01")
    response = editor_client.get(reverse("admin:standards_assessment_add"))
    assert response.status_code == 200
    assert "Model Law: ML-01" in response.text


# Editing an assessment


def test_the_change_page_has_a_row_for_each_criterion_not_rated_yet(editor_client):
    rating = RatingFactory(criterion__code="PI-01")
    framework = rating.assessment.framework
    unrated = CriterionFactory(framework=framework, code="PI-02")
    CriterionFactory(code="XX-01")  # another framework's
    url = reverse("admin:standards_assessment_change", args=[rating.assessment.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    formset = page.context["inline_admin_formsets"][0].formset
    assert formset.initial_form_count() == 1
    assert [f.initial.get("criterion") for f in formset.extra_forms] == [unrated.pk]
    assert "XX-01" not in page.text
    assert "Delete selected criterion" not in page.text  # criteria are edited on their own

    # Saving leaves the empty row out, and an answer in it adds the rating.
    assessment = rating.assessment
    base = _assessment_form(framework, assessment.instrument) | _rating(
        0, rating.criterion, rating=rating, source=rating.source
    )
    empty_row = {
        f"ratings-1-{k}": v for k, v in {"criterion": unrated.pk, "assessment": ""}.items()
    }
    response = editor_client.post(url, base | _management("ratings", 2, 1) | empty_row)
    assert response.status_code == 302, _errors(response)
    assert assessment.ratings.count() == 1
    data = base | _management("ratings", 2, 1) | _rating(1, unrated, source=SourceFactory())
    response = editor_client.post(url, data)
    assert response.status_code == 302, _errors(response)
    assert set(assessment.ratings.values_list("criterion_code", flat=True)) == {"PI-01", "PI-02"}


def test_a_criterion_of_another_framework_is_not_offered_on_an_assessment(editor_client):
    rating = RatingFactory()
    elsewhere = CriterionFactory()
    assessment = rating.assessment
    data = (
        _assessment_form(assessment.framework, assessment.instrument)
        | _management("ratings", 1, 1)
        | _rating(0, elsewhere, rating=rating, source=rating.source)
    )
    response = editor_client.post(
        reverse("admin:standards_assessment_change", args=[assessment.pk]), data
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    rating.refresh_from_db()
    assert rating.criterion != elsewhere


# Re-assessing


def test_reassessing_copies_an_assessment_as_a_new_draft_and_keeps_the_first(editor_client, alice):
    earlier = AssessmentFactory(status="published", as_of=dt.date(2022, 5, 1))
    first = RatingFactory(assessment=earlier, value="partly", justification_fr="En partie.")
    RatingFactory(assessment=earlier, value="does_not")
    before = list(earlier.ratings.order_by("pk").values())
    response = editor_client.post(
        reverse("admin:standards_assessment_changelist"),
        {"action": "reassess", "_selected_action": [earlier.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "copied as a new draft dated today" in response.text
    assert Assessment.objects.count() == 2
    new = Assessment.objects.exclude(pk=earlier.pk).get()
    assert (new.framework, new.instrument, new.mechanism) == (
        earlier.framework,
        earlier.instrument,
        None,
    )
    assert (new.as_of, new.status, new.created_by) == (dt.date.today(), "draft", alice)
    copy = new.ratings.get(criterion_code=first.criterion_code)
    assert (copy.value, copy.justification_fr, copy.source) == (
        "partly",
        "En partie.",
        first.source,
    )
    assert new.ratings.count() == 2
    assert copy.history.get().history_user == alice

    earlier.refresh_from_db()
    assert (earlier.status, earlier.as_of) == ("published", dt.date(2022, 5, 1))
    assert list(earlier.ratings.order_by("pk").values()) == before


# Criteria are versioned; deleting one keeps the past answers


def test_deleting_a_criterion_keeps_the_ratings_given_on_it(editor_client):
    rating = RatingFactory(criterion__code="PI-03", criterion__title_en="Budget of its own")
    criterion = rating.criterion
    url = reverse("admin:standards_criterion_delete", args=[criterion.pk])
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Criterion.objects.filter(pk=criterion.pk).exists()
    rating.refresh_from_db()
    assert rating.criterion is None
    assert (rating.criterion_code, rating.criterion_title) == ("PI-03", "Budget of its own")

    # The assessment still opens, shows the answer as it was, and can be saved.
    assessment = rating.assessment
    url = reverse("admin:standards_assessment_change", args=[assessment.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    assert "PI-03 Budget of its own" in page.text
    data = (
        _assessment_form(assessment.framework, assessment.instrument)
        | _management("ratings", 1, 1)
        | _rating(0, None, rating=rating, source=rating.source, value="partly")
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, _errors(response)
    rating.refresh_from_db()
    assert (rating.value, rating.criterion_code) == ("partly", "PI-03")


def _criterion_form(criterion, **extra) -> dict:
    return {
        "framework": criterion.framework_id,
        "code": criterion.code,
        "title_en": criterion.title_en,
        "title_es": "",
        "title_fr": "",
        "description_en": "",
        "description_es": "",
        "description_fr": "",
        "theme": "",
        "position": criterion.position,
    } | extra


def test_an_edited_criterion_keeps_its_versions(editor_client, alice):
    criterion = CriterionFactory(title_en="Participation of defenders")
    provision = ProvisionFactory()
    url = reverse("admin:standards_criterion_change", args=[criterion.pk])
    response = editor_client.post(
        url,
        _criterion_form(
            criterion,
            title_en="Participation of defenders in its design",
            theme="participation",
            provisions=[provision.pk],
        ),
    )
    assert response.status_code == 302, _errors(response)
    criterion.refresh_from_db()
    assert criterion.title_en == "Participation of defenders in its design"
    page = editor_client.get(reverse("admin:standards_criterion_history", args=[criterion.pk]))
    assert page.status_code == 200
    assert "alice" in page.text
    assert "Participation of defenders in its design" in page.text
    first = criterion.history.earliest()
    revert = reverse("admin:standards_criterion_simple_history", args=[criterion.pk, first.pk])
    assert editor_client.get(revert).status_code == 200


def test_a_framework_lists_its_criteria_in_order(editor_client):
    framework = FrameworkFactory()
    CriterionFactory(framework=framework, code="ZZ-01", position=1)
    CriterionFactory(framework=framework, code="AA-09", position=2)
    page = editor_client.get(reverse("admin:standards_framework_change", args=[framework.pk]))
    assert page.status_code == 200
    assert page.text.index('value="ZZ-01"') < page.text.index('value="AA-09"')


def test_a_standard_lists_its_provisions_in_order(editor_client):
    standard = StandardFactory()
    ProvisionFactory(standard=standard, reference="Article 12", position=2)
    ProvisionFactory(standard=standard, reference="Article 1", position=1)
    page = editor_client.get(reverse("admin:standards_standard_change", args=[standard.pk]))
    assert page.status_code == 200
    assert page.text.index('value="Article 1"') < page.text.index('value="Article 12"')


# Who may reach the forms


def _add_page_is_refused(client):
    response = client.get(reverse("admin:standards_assessment_add"))
    assert response.status_code in (302, 403)
    assert 'name="framework"' not in response.text
    return response


@pytest.mark.parametrize("signed_in", [False, True])
def test_visitors_and_people_without_a_role_cannot_add_an_assessment(
    client, django_user_model, signed_in
):
    if signed_in:
        user = django_user_model.objects.create_user("carol", "carol@example.org", PASSWORD)
        client.force_login(user)
    response = _add_page_is_refused(client)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    framework = FrameworkFactory()
    response = client.post(
        reverse("admin:standards_assessment_add"),
        _assessment_form(framework, InstrumentFactory()),
    )
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not Assessment.objects.exists()


def test_staff_without_the_editors_role_cannot_add_an_assessment(client, django_user_model):
    user = django_user_model.objects.create_user(
        "dave", "dave@example.org", PASSWORD, is_staff=True
    )
    add_totp(user)
    client.force_login(user)
    assert _add_page_is_refused(client).status_code == 403
    response = client.post(
        reverse("admin:standards_assessment_add"),
        _assessment_form(FrameworkFactory(), InstrumentFactory()),
    )
    assert response.status_code == 403
    assert not Assessment.objects.exists()


# Lists, filters and look-ups


def test_assessment_list_filters_by_framework_status_and_country(editor_client):
    country = CountryFactory(name_en="Testland")
    province = SubdivisionFactory(parent=country)
    of_province = AssessmentFactory(
        instrument__title_en="Provincial decree", instrument__jurisdiction=province
    )
    of_mechanism = AssessmentFactory(
        instrument=None,
        mechanism=MechanismFactory(name_en="National protection unit", jurisdiction=country),
        status="published",
    )
    AssessmentFactory(instrument__title_en="Law elsewhere")
    url = reverse("admin:standards_assessment_changelist")
    page = editor_client.get(url)
    assert page.status_code == 200
    assert "Testland" in page.text  # offered as a filter
    page = editor_client.get(url, {"country": country.code})
    assert "Provincial decree" in page.text
    assert "National protection unit" in page.text
    assert "Law elsewhere" not in page.text
    page = editor_client.get(url, {"status__exact": "published"})
    assert "National protection unit" in page.text
    assert "Provincial decree" not in page.text
    page = editor_client.get(url, {"framework__id__exact": of_province.framework_id})
    assert "Provincial decree" in page.text
    assert "National protection unit" not in page.text
    assert of_mechanism.framework_id != of_province.framework_id


def test_instruments_are_looked_up_by_name_for_an_assessment(editor_client):
    InstrumentFactory(title_en="Law on the protection of defenders")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "standards",
            "model_name": "assessment",
            "field_name": "instrument",
            "term": "protection of defenders",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Law on the protection of defenders"]


@pytest.mark.parametrize(
    "model",
    [
        "standard",
        "provision",
        "framework",
        "criterion",
        "assessment",
        "rating",
        "recommendation",
        "recommendationtheme",
        "goodpractice",
    ],
)
def test_every_list_and_form_opens(editor_client, model):
    GoodPracticeFactory()
    RecommendationFactory(themes=[RecommendationThemeFactory()])
    ProvisionFactory()
    changelist = editor_client.get(reverse(f"admin:standards_{model}_changelist"))
    assert changelist.status_code == 200
    if model != "rating":  # ratings are added on their assessment
        assert editor_client.get(reverse(f"admin:standards_{model}_add")).status_code == 200
    record = changelist.context["cl"].result_list[0]
    for view in ("change", "history"):
        page = editor_client.get(reverse(f"admin:standards_{model}_{view}", args=[record.pk]))
        assert page.status_code == 200


# Recommendations


def _recommendation_form(recommendation, **extra) -> dict:
    return {
        "jurisdiction": recommendation.jurisdiction_id,
        "body": recommendation.body,
        "cycle": recommendation.cycle or "",
        "session": recommendation.session or "",
        "date": "",
        "recommending_state": recommendation.recommending_state_id or "",
        "recommended_by": recommendation.recommended_by,
        "text": recommendation.text,
        "themes": [t.pk for t in recommendation.themes.all()],
        "response": recommendation.response,
        "action_category": recommendation.action_category or "",
        "implementation": recommendation.implementation,
        "implementation_as_of": "",
        "implementation_note_en": "",
        "implementation_note_es": "",
        "implementation_note_fr": "",
        "confidence": recommendation.confidence,
        "verification_note": "",
        "contributed_by": "",
    } | extra


def test_an_editor_records_how_a_recommendation_was_implemented(editor_client, alice):
    theme = RecommendationThemeFactory(name="Human rights defenders")
    recommendation = RecommendationFactory(themes=[theme], import_key="a" * 64)
    law = InstrumentFactory(jurisdiction=recommendation.jurisdiction)
    source = SourceFactory()
    url = reverse("admin:standards_recommendation_change", args=[recommendation.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    assert "a" * 64 in page.text  # shown, not editable
    response = editor_client.post(
        url,
        _recommendation_form(
            recommendation,
            implementation="partially",
            implementation_as_of="2024-06-30",
            implementation_note_en="A law was adopted; the mechanism has no budget yet.",
            answered_by_instruments=[law.pk],
            sources=[source.pk],
            import_key="changed",
        ),
    )
    assert response.status_code == 302, _errors(response)
    recommendation.refresh_from_db()
    assert recommendation.implementation == "partially"
    assert recommendation.implementation_as_of == dt.date(2024, 6, 30)
    assert recommendation.implementation_note_en.startswith("A law was adopted")
    assert list(recommendation.answered_by_instruments.all()) == [law]
    assert recommendation.import_key == "a" * 64
    assert list(recommendation.themes.all()) == [theme]
    latest = recommendation.history.first()
    assert (latest.history_user, latest.implementation) == (alice, "partially")


def test_recommendation_list_filters_and_search(editor_client):
    RecommendationFactory(text="Protect journalists and defenders.", implementation="implemented")
    RecommendationFactory(text="Ratify the convention.", recommended_by="Norway")
    url = reverse("admin:standards_recommendation_changelist")
    page = editor_client.get(url, {"q": "journalists"})
    assert "Protect journalists" in page.text
    assert "Ratify the convention" not in page.text
    page = editor_client.get(url, {"q": "Norway"})
    assert "Ratify the convention" in page.text
    page = editor_client.get(url, {"implementation__exact": "implemented"})
    assert "Protect journalists" in page.text
    assert "Ratify the convention" not in page.text


def test_an_editor_translates_a_theme_and_its_english_name_stays_the_key(editor_client):
    theme = RecommendationThemeFactory(name="Human rights defenders")
    url = reverse("admin:standards_recommendationtheme_change", args=[theme.pk])
    response = editor_client.post(
        url,
        {"name_en": "Changed", "name_es": "Defensores de derechos humanos", "name_fr": ""},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 302, _errors(response)
    theme.refresh_from_db()
    assert (theme.name_en, theme.name_es) == (
        "Human rights defenders",
        "Defensores de derechos humanos",
    )
    stored = RecommendationTheme.objects.rewrite(False).values_list("name", flat=True)
    assert list(stored) == ["Human rights defenders"]


def test_a_theme_cannot_be_added_twice(editor_client):
    RecommendationThemeFactory(name="Women's rights")
    response = editor_client.post(
        reverse("admin:standards_recommendationtheme_add"),
        {"name_en": "Women's rights", "name_es": "", "name_fr": ""},
    )
    assert response.status_code == 200
    assert "A theme with this name already exists." in response.text
    assert RecommendationTheme.objects.count() == 1


# Good practices


def _good_practice_form(**extra) -> dict:
    return {
        "title_en": "Defenders sit on the mechanism's board",
        "title_es": "",
        "title_fr": "",
        "explanation_en": "They take part in each decision on their protection.",
        "explanation_es": "",
        "explanation_fr": "",
        "criterion": "",
        "rating": "",
        "instrument": "",
        "mechanism": "",
    } | extra


def test_an_editor_singles_out_a_rating_as_good_practice(editor_client):
    rating = RatingFactory()
    response = editor_client.post(
        reverse("admin:standards_goodpractice_add"),
        _good_practice_form(rating=rating.pk, published="on"),
    )
    assert response.status_code == 302, _errors(response)
    practice = GoodPractice.objects.get()
    assert (practice.rating, practice.criterion, practice.published) == (
        rating,
        rating.criterion,
        True,
    )
    page = editor_client.get(reverse("admin:standards_goodpractice_changelist"))
    assert str(rating.assessment.instrument) in page.text


def test_a_good_practice_about_nothing_is_refused(editor_client):
    response = editor_client.post(
        reverse("admin:standards_goodpractice_add"), _good_practice_form()
    )
    assert response.status_code == 200
    assert "Say what the good practice is" in response.text
    assert not GoodPractice.objects.exists()


def test_swapping_the_criteria_of_two_ratings_is_saved(editor_client):
    first = RatingFactory(criterion__code="PI-01", value="meets")
    assessment = first.assessment
    second = RatingFactory(
        assessment=assessment, criterion__code="PI-02", value="does_not", passage="Article 9"
    )
    url = reverse("admin:standards_assessment_change", args=[assessment.pk])
    data = (
        _assessment_form(assessment.framework, assessment.instrument)
        | _management("ratings", 2, 2)
        | _rating(0, second.criterion, rating=first, source=first.source)
        | _rating(1, first.criterion, rating=second, source=second.source, value="does_not")
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, _errors(response)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.criterion_code, first.value) == ("PI-02", "meets")
    assert (second.criterion_code, second.value) == ("PI-01", "does_not")

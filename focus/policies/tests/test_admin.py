"""The editorial back office: editors curate, administrators also manage people;
every change is kept with who, when and what, and can be reverted."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from focus.core.roles import ADMINISTRATORS, EDITORS
from focus.geo.tests.factories import CountryFactory
from focus.policies.lifecycle import DevelopmentType
from focus.policies.models import Development, Instrument

from .factories import DevelopmentFactory, InstrumentFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _inline_management(prefix: str, total: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _instrument_form(country, **extra) -> dict:
    data = {
        "slug": "ley-de-proteccion-2030",
        "instrument_type": "law",
        "title_en": "Protection Law",
        "title_es": "",
        "title_fr": "",
        "title_original": "Ley de Protección",
        "reference": "Decreto 1/2030",
        "jurisdiction": country.pk,
        "issuing_authority": "Congreso",
        "summary_en": "A synthetic test law.",
        "summary_es": "",
        "summary_fr": "",
        "creates_mechanism": "",
        "created_mechanism_note": "",
        "confidence": "high",
        "verification_note": "",
        "locality": "",
    }
    data |= _inline_management("developments")
    data |= _inline_management("relations_from")
    return data | extra


def _form_of(instrument, **extra) -> dict:
    """The change form of a factory-made instrument, as the admin would post it back."""
    values = {
        "slug": instrument.slug,
        "title_en": instrument.title_en,
        "title_original": "",
        "reference": "",
        "summary_en": "",
        "issuing_authority": "",
        "confidence": "medium",
        "instrument_type": "law",
    }
    return _instrument_form(instrument.jurisdiction, **(values | extra))


def test_editors_and_administrators_groups_exist_with_the_right_permissions():
    editors = Group.objects.get(name=EDITORS)
    administrators = Group.objects.get(name=ADMINISTRATORS)
    editor_perms = set(editors.permissions.values_list("content_type__app_label", "codename"))
    assert ("policies", "change_instrument") in editor_perms
    assert ("policies", "add_development") in editor_perms
    assert ("geo", "change_jurisdiction") in editor_perms
    assert ("geo", "add_jurisdiction") not in editor_perms
    assert not any(app == "auth" for app, _ in editor_perms)
    admin_perms = set(administrators.permissions.values_list("content_type__app_label", "codename"))
    assert {("auth", "change_user"), ("auth", "change_group")} <= admin_perms
    assert editor_perms <= admin_perms


def test_an_editor_cannot_manage_users_or_groups(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:policies_instrument_changelist")).status_code == 200


def test_an_administrator_manages_users(administrator_client):
    assert administrator_client.get(reverse("admin:auth_user_changelist")).status_code == 200


def test_a_visitor_is_sent_to_the_login_page(visitor):
    response = visitor.get(reverse("admin:policies_instrument_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_instrument_list_filters_and_search(editor_client):
    country = CountryFactory(name_en="Testland")
    law = InstrumentFactory(jurisdiction=country, title_en="Law on defenders")
    DevelopmentFactory(
        instrument=law, development_type=DevelopmentType.ADOPTED, date=dt.date(2014, 6, 20)
    )
    InstrumentFactory(title_en="Unrelated decree", instrument_type="decree")
    url = reverse("admin:policies_instrument_changelist")
    response = editor_client.get(url, {"q": "defenders"})
    assert "Law on defenders" in response.text
    assert "Unrelated decree" not in response.text
    response = editor_client.get(url, {"status": "adopted"})
    assert "Law on defenders" in response.text
    assert "Unrelated decree" not in response.text
    response = editor_client.get(url, {"instrument_type__exact": "decree"})
    assert "Unrelated decree" in response.text


def test_an_editor_adds_an_instrument_with_a_development_inline(editor_client, alice):
    country = CountryFactory()
    data = (
        _instrument_form(country)
        | _inline_management("developments", 1)
        | {
            "developments-0-when": "2030-01-15",
            "developments-0-development_type": "adopted",
            "developments-0-jurisdiction": country.pk,
            "developments-0-summary_en": "Adopted by Congress.",
            "developments-0-confidence": "high",
        }
    )
    response = editor_client.post(reverse("admin:policies_instrument_add"), data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else ""
    )
    instrument = Instrument.objects.get(slug="ley-de-proteccion-2030")
    assert instrument.status_on(dt.date(2030, 1, 15)) == "adopted"
    assert instrument.history.get().history_user == alice


@pytest.mark.parametrize("when", ["2014-02-30", "June 2014", "2014-13"])
def test_an_impossible_date_is_refused_with_a_message(editor_client, when):
    country = CountryFactory()
    data = (
        _instrument_form(country)
        | _inline_management("developments", 1)
        | {
            "developments-0-when": when,
            "developments-0-development_type": "adopted",
            "developments-0-jurisdiction": country.pk,
            "developments-0-summary_en": "Adopted.",
            "developments-0-confidence": "high",
        }
    )
    response = editor_client.post(reverse("admin:policies_instrument_add"), data)
    assert response.status_code == 200
    assert f"“{when}” is not a date: write YYYY, YYYY-MM or YYYY-MM-DD." in response.text
    assert not Instrument.objects.exists()


def _development_form(instrument, jurisdiction, when: str) -> dict:
    return {
        "when": when,
        "development_type": "adopted",
        "jurisdiction": jurisdiction.pk,
        "instrument": instrument.pk,
        "summary_en": "Adopted.",
        "summary_es": "",
        "summary_fr": "",
        "confidence": "medium",
        "verification_note": "",
    }


def test_a_development_known_to_the_month_is_entered_as_yyyy_mm(editor_client):
    instrument = InstrumentFactory()
    response = editor_client.post(
        reverse("admin:policies_development_add"),
        _development_form(instrument, instrument.jurisdiction, "2014-06"),
    )
    assert response.status_code == 302
    development = Development.objects.get()
    assert (development.date, development.date_precision) == (dt.date(2014, 6, 1), "month")
    assert instrument.status_on(dt.date(2014, 6, 30)) == "adopted"
    page = editor_client.get(reverse("admin:policies_development_change", args=[development.pk]))
    assert 'value="2014-06"' in page.text


def test_a_development_in_another_country_than_its_instrument_is_refused(editor_client):
    instrument = InstrumentFactory()
    response = editor_client.post(
        reverse("admin:policies_development_add"),
        _development_form(instrument, CountryFactory(), "2014"),
    )
    assert response.status_code == 200
    assert "must be in the instrument" in response.text
    assert not Development.objects.exists()


def test_an_unknown_vocabulary_value_is_refused(editor_client):
    response = editor_client.post(
        reverse("admin:policies_instrument_add"),
        _instrument_form(CountryFactory(), instrument_type="statute"),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Instrument.objects.exists()


def test_a_duplicate_slug_is_refused(editor_client):
    InstrumentFactory(slug="ley-de-proteccion-2030")
    response = editor_client.post(
        reverse("admin:policies_instrument_add"), _instrument_form(CountryFactory())
    )
    assert response.status_code == 200
    assert "Instrument with this Slug already exists" in response.text
    assert Instrument.objects.count() == 1


def test_history_shows_who_changed_what_and_can_revert(editor_client, alice):
    instrument = InstrumentFactory(title_en="Original title")
    source = SourceFactory()
    instrument.sources.add(source)
    instrument.title_en = "Wrong title"
    instrument._history_user = alice
    instrument.save()
    history_url = reverse("admin:policies_instrument_history", args=[instrument.pk])
    response = editor_client.get(history_url)
    assert response.status_code == 200
    assert "alice" in response.text
    assert "Wrong title" in response.text  # the change is shown field by field

    first = instrument.history.earliest()
    revert_url = reverse(
        "admin:policies_instrument_simple_history", args=[instrument.pk, first.history_id]
    )
    form = editor_client.get(revert_url)
    assert form.status_code == 200
    data = _form_of(instrument, title_en="Original title")
    data["sources"] = [source.pk]
    response = editor_client.post(revert_url, data)
    assert response.status_code == 302
    instrument.refresh_from_db()
    assert instrument.title_en == "Original title"
    assert instrument.history.count() == 4


def test_changing_an_instruments_sources_in_the_admin_is_kept_in_history(editor_client, alice):
    instrument = InstrumentFactory(title_en="Law on defenders")
    old, new = SourceFactory(), SourceFactory(url="https://example.org/gazette/2014")
    instrument.sources.add(old)
    data = _form_of(instrument, title_en="Law on defenders")
    data["sources"] = [old.pk, new.pk]
    response = editor_client.post(
        reverse("admin:policies_instrument_change", args=[instrument.pk]), data
    )
    assert response.status_code == 302
    assert set(instrument.sources.all()) == {old, new}
    latest = instrument.history.first()
    assert latest.history_user == alice
    assert {s.source_id for s in latest.sources.all()} == {old.pk, new.pk}
    page = editor_client.get(reverse("admin:policies_instrument_history", args=[instrument.pk]))
    assert "https://example.org/gazette/2014" in page.text


def test_development_admin_lists_developments_with_a_bounded_number_of_queries(
    editor_client, django_assert_max_num_queries
):
    for _ in range(30):
        DevelopmentFactory()
    with django_assert_max_num_queries(15):
        response = editor_client.get(reverse("admin:policies_development_changelist"))
    assert response.status_code == 200
    assert Development.objects.count() == 30

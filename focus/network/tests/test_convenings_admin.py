"""The editors' back office for convenings: Alice the editor adds and changes convenings
(dates at their precision, history kept), opens registration, sees who registered
without being able to change it, and exports the list for the organisers. The
convenings and participants are SYNTHETIC."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from focus.core.dates import DatePrecision
from focus.core.roles import EDITORS
from focus.geo.tests.factories import CountryFactory
from focus.network.models import Convening, Registration

from .factories import ConveningFactory, RegistrationFactory, TopicFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


def _form(**extra) -> dict:
    data = {
        "title_en": "Synthetic regional forum",
        "title_es": "",
        "title_fr": "",
        "title_original": "",
        "slug": "synthetic-regional-forum-2031",
        "kind": "forum",
        "organisers": "Synthetic NGO",
        "start": "2031-05",
        "end": "",
        "city": "Synthetic City",
        "attendance": "no",
        "languages": "es",
        "summary_en": "A synthetic forum.",
        "summary_es": "",
        "summary_fr": "",
        "outcome_en": "",
        "outcome_es": "",
        "outcome_fr": "",
        "confidence": "high",
        "published": "on",
        "registration_open": "on",
        "capacity": "30",
    }
    data.update(extra)
    return data


def test_editors_may_manage_convenings_and_only_see_registrations():
    editors = Group.objects.get(name=EDITORS)
    codenames = set(
        editors.permissions.filter(content_type__app_label="network").values_list(
            "codename", flat=True
        )
    )
    assert {"add_convening", "change_convening", "delete_convening", "view_convening"} <= codenames
    assert "view_registration" in codenames
    assert not {"add_registration", "change_registration", "delete_registration"} & codenames


def test_an_editor_adds_a_convening_known_to_the_month(editor_client, alice):
    country = CountryFactory()
    topic = TopicFactory()
    response = editor_client.post(
        reverse("admin:network_convening_add"),
        _form(country=country.pk, topics=[topic.pk]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    convening = Convening.objects.get(slug="synthetic-regional-forum-2031")
    assert convening.start_date_precision == DatePrecision.MONTH
    assert convening.start_date.isoformat() == "2031-05-01"
    assert convening.end_date is None and convening.end_date_precision == DatePrecision.UNKNOWN
    assert convening.registration_open and convening.capacity == 30
    assert list(convening.topics.all()) == [topic]
    assert {h.history_user for h in convening.history.all()} == {alice}


def test_a_date_that_cannot_be_read_is_refused(editor_client):
    response = editor_client.post(reverse("admin:network_convening_add"), _form(start="May 2031"))
    assert response.status_code == 200
    assert "is not a date" in response.content.decode()
    assert not Convening.objects.exists()


def test_the_change_list_counts_places(editor_client):
    convening = ConveningFactory(registration_open=True, capacity=2)
    RegistrationFactory.create_batch(2, convening=convening)
    RegistrationFactory(convening=convening, status=Status.WAITING)
    response = editor_client.get(reverse("admin:network_convening_changelist"))
    assert response.status_code == 200
    text = response.content.decode()
    assert convening.title in text
    assert '<td class="field-confirmed">2</td>' in text
    assert '<td class="field-waiting">1</td>' in text


def test_more_places_go_to_the_waiting_list_who_are_told(
    editor_client, django_capture_on_commit_callbacks
):
    convening = ConveningFactory(registration_open=True, capacity=1)
    RegistrationFactory(convening=convening)
    waiting = RegistrationFactory(convening=convening, status=Status.WAITING)
    data = _form(
        title_en=convening.title_en, slug=convening.slug, country=convening.country.pk,
        start=convening.start_date.isoformat(), end=convening.end_date.isoformat(), capacity="2",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:network_convening_change", args=[convening.pk]), data
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_registrations_are_read_only_and_exported_for_the_organisers(editor_client):
    convening = ConveningFactory(slug="synthetic-forum", registration_open=True)
    ana = RegistrationFactory(convening=convening, name="Synthetic Ana", email="ana@example.org")
    RegistrationFactory(convening=convening, name="=HYPERLINK(1)", email="formula@example.org")
    listing = editor_client.get(reverse("admin:network_registration_changelist"))
    assert listing.status_code == 200 and "ana@example.org" in listing.content.decode()
    change = editor_client.get(reverse("admin:network_registration_change", args=[ana.pk]))
    assert change.status_code == 200
    assert 'name="email"' not in change.content.decode()  # shown, not editable
    assert str(ana.uuid) not in change.content.decode()  # the link is the participant's alone
    assert editor_client.get(reverse("admin:network_registration_add")).status_code == 403
    assert (
        editor_client.post(reverse("admin:network_registration_delete", args=[ana.pk])).status_code
        == 403
    )
    response = editor_client.post(
        reverse("admin:network_registration_changelist"),
        {"action": "export_csv", "_selected_action": [r.pk for r in Registration.objects.all()]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["convening", "name", "email", "language", "status", "created"]
    assert rows[1][:5] == ["synthetic-forum", "Synthetic Ana", "ana@example.org", "en", "confirmed"]
    assert rows[2][1] == "'=HYPERLINK(1)"  # a spreadsheet does not run it
    assert Registration.objects.count() == 2


def test_a_visitor_never_reaches_the_registrations(visitor):
    RegistrationFactory()
    response = visitor.get(reverse("admin:network_registration_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

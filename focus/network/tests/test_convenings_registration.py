"""Registering for a convening: a place while places remain, then the waiting list; an
e-mail in the page's language with a link to cancel; cancelling gives the place to the
first on the waiting list, who is told. Bad input (a closed, past or unknown convening,
the same address twice, a bad address, markup, a robot, too many requests) gets a clear
answer and stores nothing wrong. Participants are SYNTHETIC."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.cache import cache

from focus.core.dates import DatePrecision
from focus.network import registration as registrations
from focus.network.models import Registration

from .factories import ConveningFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def convening():
    return ConveningFactory(
        slug="synthetic-forum", title_en="Synthetic forum", title_es="Foro sintético",
        registration_open=True, capacity=2,
    )  # fmt: skip


def _register(client, convening, name, email, language="en", **extra):
    data = {"name": name, "email": email, "consent": "on", "website": "", **extra}
    return client.post(f"/{language}/convenings/{convening.slug}/register/", data)


def _link(message) -> str:
    found = re.search(
        r"http://127\.0\.0\.1:8000(/\w\w/convenings/registration/[0-9a-f-]+/)", message.body
    )
    assert found, message.body
    return found.group(1)


def test_places_are_confirmed_until_full_then_the_waiting_list_and_each_is_told(
    visitor, convening, django_capture_on_commit_callbacks
):
    page = visitor.get("/en/convenings/synthetic-forum/")
    assert "2 places in all; some are still free." in page.text
    assert 'name="consent"' in page.text and "What Focus keeps" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        first = _register(visitor, convening, "Synthetic Ana", "ana@example.org")
        _register(visitor, convening, "Synthetic Ben", "ben@example.org")
        _register(visitor, convening, "Synthetic Chloé", "chloe@example.org", language="es")
    assert first.status_code == 302
    assert first["Location"] == "/en/convenings/synthetic-forum/registered/"
    thanks = visitor.get(first["Location"])
    assert thanks.status_code == 200 and "check your e-mail" in thanks.text
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "ana@example.org": Status.CONFIRMED,
        "ben@example.org": Status.CONFIRMED,
        "chloe@example.org": Status.WAITING,
    }
    assert Registration.objects.get(email="chloe@example.org").language == "es"
    assert [m.to for m in mail.outbox] == [
        ["ana@example.org"],
        ["ben@example.org"],
        ["chloe@example.org"],
    ]
    assert mail.outbox[0].subject == "Focus: Your place at Synthetic forum"
    assert "You have a place at Synthetic forum." in mail.outbox[0].body
    assert "Dear Synthetic Ana," in mail.outbox[0].body
    # Chloé registered from the Spanish page: her e-mail is in Spanish, with a Spanish link.
    assert "Foro sintético" in mail.outbox[2].subject
    assert "(number 1)" in mail.outbox[2].body or "(número 1)" in mail.outbox[2].body
    assert _link(mail.outbox[2]).startswith("/es/convenings/registration/")
    assert "<" not in mail.outbox[0].body and mail.outbox[0].alternatives == []

    full = visitor.get("/en/convenings/synthetic-forum/")
    assert "All 2 places are taken." in full.text and "Join the waiting list" in full.text


def test_cancelling_frees_a_place_for_the_first_on_the_waiting_list_who_is_told(
    visitor, convening, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("ana", "ben", "chloe", "dan"):
            _register(visitor, convening, f"Synthetic {name}", f"{name}@example.org")
    ana_link = _link(mail.outbox[0])
    dan = Registration.objects.get(email="dan@example.org")
    assert registrations.waiting_position(dan) == 2
    mail.outbox.clear()

    page = visitor.get(ana_link)
    assert page.status_code == 200
    assert "You have a place." in page.text and "Cancel my registration" in page.text
    assert "ana@example.org" not in page.text  # the page shows where it stands, not who
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in page.text
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = visitor.post(ana_link)
    assert cancelled.status_code == 302 and cancelled["Location"] == ana_link
    assert "This registration is cancelled." in visitor.get(ana_link).text
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses["ana@example.org"] == Status.CANCELLED
    assert statuses["chloe@example.org"] == Status.CONFIRMED  # the first waiting
    assert statuses["dan@example.org"] == Status.WAITING
    assert registrations.waiting_position(Registration.objects.get(email="dan@example.org")) == 1
    assert [m.to for m in mail.outbox] == [["chloe@example.org"]]
    assert "it is yours" in mail.outbox[0].body

    # Cancelling again changes nothing and tells nobody.
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post(ana_link)
    assert len(mail.outbox) == 1
    # A waiting person who cancels frees no place.
    dan_link = (
        f"/en/convenings/registration/{Registration.objects.get(email='dan@example.org').uuid}/"
    )
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post(dan_link)
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 2
    assert len(mail.outbox) == 1


def test_the_same_address_twice_makes_no_second_registration_and_says_nothing_to_others(
    visitor, convening, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _register(visitor, convening, "Synthetic Ana", "ana@example.org")
        again = _register(visitor, convening, "Someone Else", "ANA@Example.ORG")
    # The page answers alike, so that nobody learns from it whether an address registered;
    # the e-mail to that address says so.
    assert again.status_code == first.status_code == 302
    assert again["Location"] == first["Location"]
    assert Registration.objects.count() == 1
    assert Registration.objects.get().name == "Synthetic Ana"
    assert len(mail.outbox) == 2
    assert "It is registered already, so nothing was changed." in mail.outbox[1].body
    assert "You have a place." in mail.outbox[1].body
    assert _link(mail.outbox[1]) == _link(mail.outbox[0])


def test_an_address_that_cancelled_may_register_again_at_the_end_of_the_queue(
    visitor, convening, django_capture_on_commit_callbacks
):
    old = RegistrationFactory(convening=convening, email="ana@example.org", status=Status.CANCELLED)
    RegistrationFactory(convening=convening, status=Status.CONFIRMED)
    RegistrationFactory(convening=convening, status=Status.CONFIRMED)
    RegistrationFactory(convening=convening, status=Status.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        _register(visitor, convening, "Synthetic Ana", "ana@example.org")
    again = Registration.objects.get(email="ana@example.org")
    assert again.pk == old.pk and again.uuid != old.uuid  # the old link no longer works
    assert again.status == Status.WAITING and registrations.waiting_position(again) == 2
    assert visitor.get(f"/en/convenings/registration/{old.uuid}/").status_code == 404


@pytest.mark.parametrize(
    ("name", "email", "consent", "message"),
    [
        ("Synthetic Ana", "not-an-address", "on", "Enter a valid email address."),
        ("Synthetic Ana", "", "on", "This field is required."),
        ("", "ana@example.org", "on", "This field is required."),
        ("   ", "ana@example.org", "on", "This field is required."),
        ("Synthetic Ana", "ana@example.org", "", "Tick the box to agree"),
        ("<script>alert(1)</script>", "ana@example.org", "on", "without the characters"),
        ("Ana<b>", "ana@example.org", "on", "without the characters"),
        ("A" * 201, "ana@example.org", "on", "at most 200 characters"),
        ("Synthetic Ana", "a" * 250 + "@example.org", "on", "at most 254 characters"),
    ],
)
def test_bad_input_is_refused_with_its_reason_and_nothing_is_stored(
    visitor, convening, name, email, consent, message
):
    response = visitor.post(
        "/en/convenings/synthetic-forum/register/",
        {"name": name, "email": email, "consent": consent},
    )
    assert response.status_code == 400
    assert "You are not registered yet." in response.text
    assert message in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_a_robot_filling_the_trap_is_refused(visitor, convening):
    response = _register(visitor, convening, "Robot", "robot@example.org", website="spam")
    assert response.status_code == 400
    assert not Registration.objects.exists()


@pytest.mark.parametrize("state", ["closed", "past", "unpublished"])
def test_a_closed_or_past_convening_takes_no_registration(visitor, convening, state):
    if state == "closed":
        convening.registration_open = False
        message = "This convening takes no registration on Focus."
    elif state == "past":
        convening.start_date = dt.date(2019, 6, 12)
        convening.end_date = dt.date(2019, 6, 14)
        message = "Registration is closed: this convening is over."
    else:
        convening.published = False
    convening.save()
    response = _register(visitor, convening, "Synthetic Ana", "ana@example.org")
    if state == "unpublished":
        assert response.status_code == 404
    else:
        assert response.status_code == 409
        assert message in response.text
        assert 'name="email"' not in response.text
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_a_month_precise_convening_is_open_until_its_month_ends(visitor, convening):
    convening.start_date = dt.date.today().replace(day=1)
    convening.start_date_precision = DatePrecision.MONTH
    convening.end_date, convening.end_date_precision = None, DatePrecision.UNKNOWN
    convening.save()
    assert _register(visitor, convening, "Synthetic Ana", "ana@example.org").status_code == 302


def test_no_capacity_means_no_limit(visitor, convening):
    convening.capacity = None
    convening.save()
    for n in range(4):
        _register(visitor, convening, f"Synthetic {n}", f"p{n}@example.org")
    assert set(Registration.objects.values_list("status", flat=True)) == {Status.CONFIRMED}
    assert "places in all" not in visitor.get("/en/convenings/synthetic-forum/").text


def test_registrations_are_rate_limited_per_client_and_what_was_typed_is_kept(visitor, convening):
    convening.capacity = None
    convening.save()
    for n in range(5):
        assert (
            _register(visitor, convening, f"Synthetic {n}", f"p{n}@example.org").status_code == 302
        )
    response = _register(visitor, convening, "Synthetic Six", "six@example.org")
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Please wait an hour" in response.text
    assert 'value="six@example.org"' in response.text
    assert Registration.objects.count() == 5


def test_the_form_needs_its_csrf_token(convening):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = _register(client, convening, "Synthetic Ana", "ana@example.org")
    assert response.status_code == 403
    assert not Registration.objects.exists()
    page = client.get("/en/convenings/synthetic-forum/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = _register(
        client, convening, "Synthetic Ana", "ana@example.org", csrfmiddlewaretoken=token
    )
    assert response.status_code == 302


def test_a_forged_or_unknown_registration_link_is_a_404(visitor, convening):
    RegistrationFactory(convening=convening)
    assert (
        visitor.get("/en/convenings/registration/00000000-0000-4000-8000-000000000000/").status_code
        == 404
    )
    assert visitor.get("/en/convenings/registration/1/").status_code == 404
    assert (
        visitor.post(
            "/en/convenings/registration/00000000-0000-4000-8000-000000000000/"
        ).status_code
        == 404
    )
    assert Registration.objects.get().status == Status.CONFIRMED
    assert visitor.get("/en/convenings/synthetic-forum/register/").status_code == 405


def test_a_mail_server_that_is_down_loses_no_registration(
    visitor, convening, django_capture_on_commit_callbacks, monkeypatch
):
    def down(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("focus.network.registration.send_mail", down)
    with django_capture_on_commit_callbacks(execute=True):
        response = _register(visitor, convening, "Synthetic Ana", "ana@example.org")
    assert response.status_code == 302
    assert Registration.objects.get().status == Status.CONFIRMED


def test_more_places_go_to_the_waiting_list_at_once(convening, django_capture_on_commit_callbacks):
    RegistrationFactory.create_batch(2, convening=convening, status=Status.CONFIRMED)
    waiting = RegistrationFactory.create_batch(3, convening=convening, status=Status.WAITING)
    convening.capacity = 4
    convening.save()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = registrations.promote_waiting(convening)
    assert [r.pk for r in promoted] == [w.pk for w in waiting[:2]]
    assert [m.to for m in mail.outbox] == [[waiting[0].email], [waiting[1].email]]


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_registering_works_in_english_spanish_and_french(
    visitor, convening, language, django_capture_on_commit_callbacks
):
    page = visitor.get(f"/{language}/convenings/synthetic-forum/")
    assert (
        page.status_code == 200
        and f'action="/{language}/convenings/synthetic-forum/register/"' in page.text
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = _register(
            visitor, convening, "Synthetic Ana", "ana@example.org", language=language
        )
    assert response["Location"] == f"/{language}/convenings/synthetic-forum/registered/"
    assert Registration.objects.get().language == language
    assert _link(mail.outbox[0]).startswith(f"/{language}/")
    assert visitor.get(_link(mail.outbox[0])).status_code == 200


def test_registrations_are_erased_a_month_after_the_convening(settings):
    settings.REGISTRATION_KEEP_DAYS = 30
    today = dt.date(2026, 12, 6)
    ended_long_ago = ConveningFactory(
        start_date=dt.date(2026, 10, 1), end_date=dt.date(2026, 10, 3)
    )
    ended_lately = ConveningFactory(
        start_date=dt.date(2026, 11, 20), end_date=dt.date(2026, 11, 22)
    )
    no_end = ConveningFactory(start_date=dt.date(2026, 9, 1), end_date=None)
    upcoming = ConveningFactory()
    for convening in (ended_long_ago, ended_lately, no_end, upcoming):
        RegistrationFactory(convening=convening)
    assert registrations.erase_past_registrations(today) == 2
    left = set(Registration.objects.values_list("convening", flat=True))
    assert left == {ended_lately.pk, upcoming.pk}

"""Subscribing without an account, through the pages as a visitor: the form and its
Follow links, double opt-in, the subscription's own page, unsubscribing, and the clearing
of unconfirmed addresses. SYNTHETIC data and example.org addresses only."""

import datetime as dt
import re

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from focus.alerts import services
from focus.alerts.models import Subscription

from .conftest import link

pytestmark = pytest.mark.django_db


# The form and its Follow links


def test_the_form_is_there_in_each_language_and_writes_in_it_by_default(client, world):
    for language in ("en", "es", "fr"):
        response = client.get(f"/{language}/alerts/")
        assert response.status_code == 200
        assert f'<html lang="{language}">' in response.text
        checked = re.search(
            r'<input type="radio" name="language" value="(\w+)"[^>]* checked', response.text
        )
        assert checked.group(1) == language


def test_a_country_link_opens_the_form_with_the_country_chosen(client, world):
    response = client.get("/en/alerts/?country=qma")
    assert response.status_code == 200
    assert 'value="QMA" id="country-QMA" checked' in response.text
    assert 'value="QMB" id="country-QMB" checked' not in response.text
    # Its region's list is unfolded, the others folded.
    assert "<details open>\n<summary>Countries of Americas (1 chosen)" in response.text


def test_an_instrument_mechanism_or_search_link_offers_it_ticked(client, world):
    response = client.get("/en/alerts/?instrument=testland-protection-law")
    assert 'name="instrument" value="testland-protection-law" id="follow-instrument" checked' in (
        response.text
    )
    assert "Synthetic law on the protection of defenders" in response.text
    response = client.get("/es/alerts/?mechanism=testland-mechanism")
    assert 'name="mechanism" value="testland-mechanism"' in response.text
    response = client.get("/en/alerts/?q=protection&country=qma&sort=date&utm_source=x")
    assert 'name="search" value="country=qma&amp;q=protection" id="follow-search" checked' in (
        response.text
    )
    assert "“protection”; Country: Testland" in response.text
    # A search's country is the search's: it does not tick the country itself.
    assert 'id="country-QMA" checked' not in response.text


@pytest.mark.parametrize(
    "query, status",
    [
        ("?country=zzz", 400),
        ("?country=qma&country=xx1", 400),
        ("?region=atlantis", 400),
        ("?instrument=no-such-law", 404),
        ("?mechanism=no-such-mechanism", 404),
        ("?q=protection&type=instrument", 400),
        ("?q=protection&year=abc", 400),
    ],
)
def test_a_follow_link_to_nothing_says_so(client, world, query, status):
    response = client.get(f"/en/alerts/{query}")
    assert response.status_code == status
    assert "Server Error" not in response.text


def test_the_form_costs_the_same_few_queries_whatever_the_data(
    client, world, django_assert_max_num_queries
):
    from focus.geo.tests.factories import CountryFactory

    with django_assert_max_num_queries(6):
        client.get("/en/alerts/?instrument=testland-protection-law")
    for _ in range(30):
        CountryFactory(region=world.americas)
    with django_assert_max_num_queries(6):
        response = client.get("/en/alerts/?instrument=testland-protection-law")
    assert response.status_code == 200


# Subscribing: double opt-in


def test_subscribing_sends_one_e_mail_to_confirm_and_keeps_only_what_it_needs(
    client, world, subscribe
):
    response = subscribe("ana@example.org", "es", countries=["qma"], instrument_types=["law"])
    assert response.status_code == 302
    assert response["Location"] == "/es/alerts/sent/"
    assert client.get(response["Location"]).status_code == 200
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org"]
    assert "/es/alerts/confirm/" in message.body
    assert "Tierra de Prueba" in message.body  # the choices, in the language chosen
    subscription = Subscription.objects.get()
    assert subscription.confirmed is None
    assert subscription.language == "es"
    assert [c.code for c in subscription.countries.all()] == ["QMA"]
    assert subscription.instrument_types == ["law"]
    # Nothing about the client: the model has no field for it.
    names = {f.name for f in Subscription._meta.get_fields()}
    assert names == {
        "id", "email", "language", "countries", "regions", "instrument_types",
        "beneficiaries", "instrument", "mechanism", "search", "frequency", "key",
        "created", "confirmed", "cursor",
    }  # fmt: skip


def test_the_confirmation_link_shows_a_button_and_only_the_button_confirms(
    client, world, subscribe
):
    subscribe("ana@example.org", countries=["qma"])
    path = link(mail.outbox[0])
    page = client.get(path)
    assert page.status_code == 200
    assert "Confirm my alerts" in page.text
    assert "Testland" in page.text
    assert Subscription.objects.get().confirmed is None  # a link checker confirms nothing
    response = client.post(path)
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.confirmed is not None
    assert subscription.cursor == subscription.confirmed
    assert response["Location"] == subscription.manage_path() + "?done=confirmed"
    assert "Your alerts are confirmed." in client.get(response["Location"]).text
    # Opened again, the link says so and changes nothing.
    again = client.get(path)
    assert again.status_code == 200
    assert "were confirmed already" in again.text


def test_the_answer_is_the_same_whether_the_address_subscribes_or_not(
    client, world, subscribe, confirmed
):
    confirmed("ana@example.org", countries=["qma"])
    first = subscribe("ana@example.org", countries=["qmb"])  # subscribes already
    second = subscribe("new@example.org", countries=["qmb"])  # does not
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert client.get(first["Location"]).text == client.get(second["Location"]).text


def test_a_confirmed_address_asked_again_is_sent_a_link_to_take_the_new_choices(
    client, world, subscribe, confirmed
):
    from django.core.cache import cache

    subscription = confirmed("ana@example.org", countries=["qma"])
    cache.clear()  # ten minutes later
    subscribe("ana@example.org", countries=["qmb"])
    message = mail.outbox[-1]
    assert "already receives alerts" in message.body
    assert "Otherland" in message.body
    # Nothing changes until the link is used.
    assert [c.code for c in subscription.countries.all()] == ["QMA"]
    path = link(message)
    assert "Take these choices" in client.get(path).text
    assert client.post(path).status_code == 302
    assert [c.code for c in subscription.countries.all()] == ["QMB"]
    # Replayed, the link is out of date: the choices it was made for have changed.
    replayed = client.post(path)
    assert replayed.status_code == 400
    assert "out of date" in replayed.text


def test_an_unconfirmed_address_asked_again_takes_the_new_choices_and_the_old_link_dies(
    client, world, subscribe
):
    from django.core.cache import cache

    subscribe("ana@example.org", countries=["qma"])
    old = link(mail.outbox[0])
    cache.clear()
    subscribe("ana@example.org", countries=["qmb"])
    assert Subscription.objects.count() == 1
    assert client.post(old).status_code == 400
    assert client.post(link(mail.outbox[1])).status_code == 302
    assert [c.code for c in Subscription.objects.get().countries.all()] == ["QMB"]


def test_a_confirmation_link_expires_after_seven_days(client, world, subscribe, monkeypatch):
    import time

    subscribe("ana@example.org", countries=["qma"])
    path = link(mail.outbox[0])
    later = time.time() + 7 * 86400 + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.post(path)
    assert response.status_code == 400
    assert "expired" in response.text
    assert Subscription.objects.get().confirmed is None


@pytest.mark.parametrize(
    "path",
    [
        "/en/alerts/confirm/not-a-token/",
        "/en/alerts/confirm/eyJrIjoieCJ9:1tXyZa:forged/",
        "/en/alerts/manage/not-a-token/",
        "/en/alerts/manage/abcdefabcdefabcdefabcdef.forged/",
        "/en/alerts/unsubscribe/abcdefabcdefabcdefabcdef:forged/",
        "/en/alerts/unsubscribe/%00%0A/",
    ],
)
def test_forged_links_are_not_found(client, world, path):
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 404, (path, response.status_code)


def test_a_link_signed_for_another_purpose_is_refused(client, world, confirmed):
    subscription = confirmed("ana@example.org", countries=["qma"])
    # The manage token is not a confirmation token, nor the other way round.
    assert client.get(f"/en/alerts/confirm/{subscription.token}/").status_code == 404
    token = signing.dumps({"k": subscription.key}, salt=services.CONFIRM_SALT)
    assert client.get(f"/en/alerts/manage/{token}/").status_code == 404
    # A key without its signature is no key.
    assert client.get(f"/en/alerts/manage/{subscription.key}/").status_code == 404


# Hostile input


@pytest.mark.parametrize(
    "email",
    [
        "ana@example.org\r\nBcc: everyone@example.org",
        "ana@example.org\nSubject: hello",
        "ana@example.org, bob@example.org",
        "Ana <ana@example.org>",
        '"ana smith"@example.org',
        "jösé@example.org",
        "x" * 243 + "@example.org",
        "ana@" + "a" * 250 + ".org",
        "ana",
        "",
        "<script>@example.org",
    ],
)
def test_hostile_addresses_are_refused_and_nothing_is_sent(client, world, subscribe, email):
    response = subscribe(email, countries=["qma"])
    assert response.status_code == 400
    assert 'id="id_email-error"' in response.text or "e-mail" in response.text
    assert Subscription.objects.count() == 0
    assert mail.outbox == []


def test_an_international_domain_is_accepted(client, world, subscribe):
    assert subscribe("ana@bücher.example", countries=["qma"]).status_code == 302
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "choices",
    [
        {},
        {"countries": ["zzz"]},
        {"regions": ["atlantis"]},
        {"instrument_types": ["spell"]},
        {"beneficiaries": ["wizards"]},
        {"instrument": "no-such-law"},
        {"search": "type=instrument&q=law"},
        {"search": "year=abc&q=law"},
        {"search": "country=qma"},
        {"countries": ["qma"], "frequency": "hourly"},
        {"countries": ["qma"], "language": "de"},
        {"countries": ["qma"], "website": "http://spam.example"},
    ],
)
def test_choices_that_cannot_be_followed_are_a_400(client, world, subscribe, choices):
    response = subscribe("ana@example.org", **choices)
    assert response.status_code == 400
    assert "Nothing was sent yet" in response.text
    assert Subscription.objects.count() == 0
    assert mail.outbox == []


def test_a_followed_search_is_kept_as_the_search_page_writes_it(client, world, subscribe):
    subscribe("ana@example.org", search="q=protecci%C3%B3n&country=qma&sort=date")
    assert Subscription.objects.get().search == "country=qma&q=protecci%C3%B3n"


# Rate limits


def test_one_client_cannot_send_a_flood_of_subscriptions(client, world, subscribe):
    statuses = [
        subscribe(f"person{i}@example.org", countries=["qma"]).status_code for i in range(7)
    ]
    assert statuses[:5] == [302] * 5
    assert statuses[5:] == [429, 429]
    assert Subscription.objects.count() == 5
    assert len(mail.outbox) == 5


def test_one_address_gets_one_confirmation_e_mail_however_many_ask(client, world, subscribe):
    for i in range(4):
        other = Client(REMOTE_ADDR=f"192.0.2.{i + 1}")  # four clients, one address
        response = subscribe("ana@example.org", countries=["qma"], client=other)
        assert response.status_code == 302  # the same answer, not a tell
    assert len(mail.outbox) == 1
    assert Subscription.objects.count() == 1


# The subscription's own page


def test_the_manage_page_changes_the_choices(client, world, confirmed):
    subscription = confirmed("ana@example.org", countries=["qma"])
    page = client.get(subscription.manage_path())
    assert page.status_code == 200
    assert "ana@example.org" in page.text
    assert 'value="QMA" id="country-QMA" checked' in page.text
    response = client.post(
        subscription.manage_path(),
        {"regions": ["europe"], "frequency": "weekly", "language": "fr"},
    )
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert (subscription.frequency, subscription.language) == ("weekly", "fr")
    assert list(subscription.countries.all()) == []
    assert [r.code for r in subscription.regions.all()] == ["europe"]
    bad = client.post(subscription.manage_path(), {"frequency": "weekly", "language": "fr"})
    assert bad.status_code == 400
    assert "Choose at least one thing to follow" in bad.text


def test_unsubscribing_by_the_link_asks_first_then_deletes_everything(client, world, confirmed):
    subscription = confirmed("ana@example.org", countries=["qma"])
    path = subscription.unsubscribe_path()
    page = client.get(path)
    assert page.status_code == 200
    assert "Stop my alerts" in page.text
    assert Subscription.objects.exists()  # a link checker stops nothing
    done = client.post(path)
    assert done.status_code == 200
    assert "Your alerts are stopped" in done.text
    assert not Subscription.objects.exists()
    assert not Subscription.countries.through.objects.exists()
    # Replayed, the link leads nowhere.
    assert client.post(path).status_code == 404
    assert client.get(subscription.manage_path()).status_code == 404


def test_one_click_unsubscribe_needs_no_cookie_and_no_csrf_token(world, confirmed):
    subscription = confirmed("ana@example.org", countries=["qma"])
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        subscription.unsubscribe_path(),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    # Other forms still need their token.
    other = confirmed("bob@example.org", countries=["qma"])
    assert mail_program.post(other.manage_path(), {"countries": ["QMB"]}).status_code == 403


# Unconfirmed addresses are deleted after 7 days


def test_unconfirmed_addresses_are_deleted_after_seven_days(world, subscribe, confirmed):
    confirmed("kept@example.org", countries=["qma"])
    subscribe("recent@example.org", countries=["qma"])
    subscribe("old@example.org", countries=["qma"])
    Subscription.objects.filter(email__in=["old@example.org", "kept@example.org"]).update(
        created=timezone.now() - dt.timedelta(days=8)
    )
    assert services.delete_unconfirmed() == 1
    assert sorted(Subscription.objects.values_list("email", flat=True)) == [
        "kept@example.org",
        "recent@example.org",
    ]
    in_eight_days = timezone.now() + dt.timedelta(days=8)
    assert services.delete_unconfirmed(in_eight_days) == 1
    assert list(Subscription.objects.values_list("email", flat=True)) == ["kept@example.org"]


def test_the_command_and_the_task_delete_unconfirmed_addresses(world, subscribe, run_worker):
    from io import StringIO

    from focus.alerts.tasks import delete_unconfirmed_subscriptions

    subscribe("old@example.org", countries=["qma"])
    Subscription.objects.update(created=timezone.now() - dt.timedelta(days=8))
    out = StringIO()
    call_command("delete_unconfirmed_subscriptions", stdout=out)
    assert "1 unconfirmed subscription deleted" in out.getvalue()
    subscribe("older@example.org", countries=["qma"])
    Subscription.objects.update(created=timezone.now() - dt.timedelta(days=9))
    delete_unconfirmed_subscriptions.enqueue()
    run_worker()
    assert not Subscription.objects.exists()

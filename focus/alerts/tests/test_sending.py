"""The alerts' run: who is written to, about what, in which language, and how the
messages are made (plain text and HTML, one-click unsubscribe, no tracking). SYNTHETIC
data only: Testland countries, synthetic laws, example.org addresses."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from focus.alerts import sending
from focus.alerts.models import AlertedRecord, Subscription
from focus.geo.tests.factories import CountryFactory
from focus.library.models import Document
from focus.library.vocabulary import DocumentKind
from focus.policies.lifecycle import DevelopmentType
from focus.policies.tests.factories import DevelopmentFactory

pytestmark = pytest.mark.django_db


def run(now=None):
    """One run of the alerts, with the e-mails of the run counted from empty."""
    mail.outbox.clear()
    return sending.send_alerts(now)


def development(instrument, **fields):
    fields.setdefault("development_type", DevelopmentType.ADOPTED)
    fields.setdefault("summary_en", "Synthetic: the law was adopted by the assembly.")
    fields.setdefault("summary_es", "Sintético: la asamblea aprobó la ley.")
    return DevelopmentFactory(instrument=instrument, jurisdiction=instrument.jurisdiction, **fields)


def document(*places, published=True, **fields):
    item = Document.objects.create(
        slug=fields.pop("slug", "synthetic-report"),
        title_en=fields.pop("title_en", "Synthetic report on defenders"),
        kind=DocumentKind.CIVIL_SOCIETY_REPORT,
        date=dt.date(2025, 3, 1),
        published=published,
        **fields,
    )
    item.jurisdictions.set(places)
    return item


def test_a_new_development_reaches_the_spanish_subscriber_of_its_country_in_spanish(
    world, confirmed
):
    """The issue's case: a visitor follows Testland (Mexico-like), confirms, and the next
    development there comes to them in Spanish; nobody else hears of it."""
    ana = confirmed("ana@example.org", "es", countries=["qma"])
    confirmed("bob@example.org", "en", countries=["qmb"])
    confirmed("chloe@example.org", "fr", instrument_types=["decree"])
    assert run().messages == 0  # nothing new yet

    adopted = development(world.law)
    result = run()
    assert result.messages == 1
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert message.subject == "Focus: 1 novedad o documento nuevo de lo que sigue"
    assert message.body.startswith("Nuevo en Focus, sobre lo que sigue:\n\nNOVEDADES\n")
    assert "Dejar de recibir estas alertas:" in message.body
    assert "Ley sintética de protección de personas defensoras" in message.body
    assert "Tierra de Prueba" in message.body
    assert "Sintético: la asamblea aprobó la ley." in message.body
    assert f"http://127.0.0.1:8000/es/instruments/testland-protection-law/#d{adopted.pk}" in (
        message.body
    )
    assert f"/es/alerts/manage/{ana.token}/" in message.body
    assert f"/es/alerts/unsubscribe/{ana.token}/" in message.body
    # Nothing twice.
    assert run().messages == 0


def test_every_message_has_one_click_unsubscribe_and_an_html_part_without_tracking(
    world, confirmed
):
    ana = confirmed("ana@example.org", "es", countries=["qma"])
    development(world.law)
    run()
    [message] = mail.outbox
    unsubscribe = f"http://127.0.0.1:8000/es/alerts/unsubscribe/{ana.token}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert html.startswith('<!doctype html><html lang="es">')
    assert "<img" not in html and "<script" not in html and "style=" not in html
    links = re.findall(r'href="([^"]+)"', html)
    assert links and all(link.startswith("http://127.0.0.1:8000/es/") for link in links)
    assert unsubscribe in links
    # The header's one-click POST, as a mail program sends it: no cookie, no CSRF token.
    path = unsubscribe.removeprefix("http://127.0.0.1:8000")
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    development(world.law)
    assert run().messages == 0


def test_the_link_in_the_message_unsubscribes_after_a_button(client, world, confirmed):
    confirmed("ana@example.org", "es", countries=["qma"])
    development(world.law)
    run()
    path = re.search(r"http://[^/]+(/es/alerts/unsubscribe/\S+/)", mail.outbox[0].body).group(1)
    assert client.get(path).status_code == 200
    assert Subscription.objects.exists()
    assert client.post(path).status_code == 200
    assert not Subscription.objects.exists()


def test_nothing_is_sent_to_an_address_that_did_not_confirm(world, subscribe):
    subscribe("ana@example.org", "es", countries=["qma"])
    mail.outbox.clear()
    development(world.law)
    assert run().messages == 0
    assert mail.outbox == []


def test_unpublished_documents_are_not_sent_until_published(world, confirmed):
    confirmed("ana@example.org", "en", countries=["qma"])
    report = document(world.testland, published=False)
    assert run().messages == 0
    assert not AlertedRecord.objects.filter(document=report).exists()
    report.published = True
    report.save()
    assert run().messages == 1
    assert "Synthetic report on defenders" in mail.outbox[0].body
    assert "/en/library/synthetic-report/" in mail.outbox[0].body


def test_what_was_published_before_confirming_is_not_sent(world, confirmed):
    development(world.law)  # before anyone subscribed
    confirmed("ana@example.org", "en", countries=["qma"])
    assert run().messages == 0


def test_as_it_happens_one_message_per_run_with_all_that_is_new(world, confirmed):
    confirmed("ana@example.org", "en", countries=["qma"])
    for _ in range(3):
        development(world.law)
    assert run().messages == 1
    assert mail.outbox[0].subject == "Focus: 3 new developments and documents you follow"
    assert mail.outbox[0].body.count("• ") == 3


def test_the_weekly_digest_comes_once_a_week_with_the_weeks_records(world, confirmed):
    start = timezone.now()
    ana = confirmed("ana@example.org", "fr", countries=["qma"], frequency="weekly")
    ana.frequency = "weekly"
    ana.save()
    first = development(world.law, summary_fr="Synthétique : la loi est adoptée.")
    assert run(start + dt.timedelta(days=1)).messages == 0  # the week is not up
    second = development(world.law, development_type=DevelopmentType.ENTERED_INTO_FORCE)
    development(world.decree)  # Otherland: not followed
    assert run(start + dt.timedelta(days=3)).messages == 0
    digest = run(start + dt.timedelta(days=7, minutes=1))
    assert digest.messages == 1
    [message] = mail.outbox
    with translation.override("fr"):
        assert gettext("New on Focus this week, for what you follow:") in message.body
    assert message.body.count("• ") == 2
    assert f"#d{first.pk}" in message.body and f"#d{second.pk}" in message.body
    assert "Synthétique : la loi est adoptée." in message.body
    assert "Otherland" not in message.body and "Autre Terre" not in message.body
    assert "/fr/instruments/testland-protection-law/" in message.body
    # The next week starts empty.
    assert run(start + dt.timedelta(days=8)).messages == 0
    development(world.law)
    assert run(start + dt.timedelta(days=10)).messages == 0
    assert run(start + dt.timedelta(days=14, minutes=2)).messages == 1


@pytest.mark.parametrize(
    "choices, hears",
    [
        ({"countries": ["qma"]}, True),
        ({"countries": ["qmb"]}, False),
        ({"regions": ["americas"]}, True),
        ({"regions": ["europe"]}, False),
        ({"instrument_types": ["law"]}, True),
        ({"instrument_types": ["decree"]}, False),
        ({"beneficiaries": ["journalists"]}, True),
        ({"beneficiaries": ["lawyers"]}, False),
        ({"countries": ["qma"], "instrument_types": ["law"]}, True),
        ({"countries": ["qma"], "instrument_types": ["decree"]}, False),  # groups: all
        ({"countries": ["qma", "qmb"], "instrument_types": ["decree", "law"]}, True),
        ({"regions": ["europe"], "beneficiaries": ["journalists"]}, False),
        ({"instrument": "testland-protection-law"}, True),
        ({"instrument": "otherland-decree"}, False),
        ({"countries": ["qmb"], "instrument": "testland-protection-law"}, True),  # besides
        ({"mechanism": "testland-mechanism"}, True),
        ({"search": "q=assembly"}, True),
        ({"search": "q=asamblea"}, True),  # any language of the record
        ({"search": "q=parliament"}, False),
        ({"search": "q=assembly&country=qmb"}, False),
        ({"search": "q=assembly&type=document"}, False),
    ],
)
def test_a_development_reaches_those_whose_choices_it_matches(
    world, confirmed, on_commit, choices, hears
):
    confirmed("ana@example.org", "en", **choices)
    adopted = on_commit(development, world.law)  # the search index follows on commit
    adopted.mechanisms.add(world.mechanism)
    assert run().messages == int(hears)


def test_a_subnational_development_counts_for_its_country_and_region(world, confirmed):
    from focus.policies.tests.factories import InstrumentFactory

    confirmed("ana@example.org", "en", countries=["qma"])
    confirmed("bob@example.org", "en", regions=["americas"])
    confirmed("chloe@example.org", "en", countries=["qmb"])
    local = InstrumentFactory(jurisdiction=world.province, slug="province-protocol")
    development(local)
    run()
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "bob@example.org"]


def test_a_document_reaches_those_who_follow_what_it_is_about(world, confirmed):
    confirmed("ana@example.org", "en", mechanism="testland-mechanism")
    confirmed("bob@example.org", "en", regions=["europe"])
    confirmed("chloe@example.org", "en", instrument_types=["law"])
    report = document(world.otherland)
    report.mechanisms.add(world.mechanism)
    run()
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "bob@example.org"]


def test_a_followed_search_is_run_once_for_all_who_follow_it(
    world, confirmed, on_commit, monkeypatch
):
    for name in ("ana", "bob", "chloe"):
        confirmed(f"{name}@example.org", "en", search="q=assembly")
    confirmed("dan@example.org", "en", search="q=assembly&country=qma")
    calls = []
    real = sending.search_matches
    monkeypatch.setattr(
        sending, "search_matches", lambda text, *a: calls.append(text) or real(text, *a)
    )
    on_commit(development, world.law)
    assert run().messages == 4
    assert sorted(calls) == ["country=qma&q=assembly", "q=assembly"]


def test_a_long_list_is_cut_with_a_link_to_the_rest(world, confirmed, monkeypatch):
    monkeypatch.setattr(sending, "MAX_LISTED", 2)
    confirmed("ana@example.org", "en", countries=["qma"])
    for _ in range(5):
        development(world.law)
    run()
    body = mail.outbox[0].body
    assert body.count("• ") == 2
    assert "And 3 more records; see the latest on the site:" in body
    assert "http://127.0.0.1:8000/en/developments/" in body


def test_a_run_costs_the_same_queries_for_five_or_fifty_subscribers(world, confirmed):
    """One pass: the number of queries does not grow with the subscribers or records."""
    from django.core.cache import cache

    def cost(count: int) -> int:
        Subscription.objects.all().delete()
        for i in range(count):
            cache.clear()
            confirmed(f"person{count}-{i}@example.org", "es", countries=["qma"])
        for _ in range(count):
            development(world.law)
        mail.outbox.clear()
        with CaptureQueriesContext(connection) as queries:
            result = sending.send_alerts()
        assert result.messages == count
        return len(queries)

    assert cost(5) == cost(50)


def test_the_command_and_the_task_run_the_alerts(world, confirmed, run_worker):
    from focus.alerts.tasks import send_alerts

    confirmed("ana@example.org", "en", countries=["qma"])
    development(world.law)
    out = StringIO()
    mail.outbox.clear()
    call_command("send_alerts", stdout=out)
    assert "1 messages sent" in out.getvalue()
    development(world.law)
    mail.outbox.clear()
    send_alerts.enqueue()
    run_worker()
    assert len(mail.outbox) == 1
    call_command("send_alerts", "--enqueue", stdout=out)
    assert "queued" in out.getvalue()


def test_two_runs_at_once_do_not_send_twice(world, confirmed):
    from django.core.cache import cache

    confirmed("ana@example.org", "en", countries=["qma"])
    development(world.law)
    cache.add(sending.LOCK, True, 60)  # another run is going
    assert run().messages == 0
    cache.delete(sending.LOCK)
    assert run().messages == 1


def test_a_country_gone_from_the_choices_is_not_followed_any_more(world, confirmed, client):
    ana = confirmed("ana@example.org", "en", countries=["qma"])
    client.post(
        ana.manage_path(), {"countries": ["QMB"], "frequency": "immediate", "language": "en"}
    )
    development(world.law)
    assert run().messages == 0
    CountryFactory(code="QMC", region=world.europe)

"""The bill tracker and the resources of a network's members' space: the drafts, bills
under debate and stalled bills in the members' countries, their status derived from
their developments, what a parliamentarian can do at each stage, and a call to act on a
bill; the network's resources and the standards to work from. Members only (404 to
anyone else). Countries, bills, people and resources are SYNTHETIC."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from focus.core.dates import DatePrecision, format_partial_date
from focus.geo.tests.factories import CountryFactory, SubdivisionFactory
from focus.library.models import Document
from focus.network.models import Resource
from focus.network.vocabulary import MembershipStatus
from focus.policies.lifecycle import DevelopmentType
from focus.policies.tests.factories import DevelopmentFactory, InstrumentFactory
from focus.policies.vocabulary import InstrumentType
from focus.standards.tests.factories import StandardFactory
from focus.standards.vocabulary import StandardKind

from .factories import join, make_network, signed_in

pytestmark = pytest.mark.django_db

TRACKER = "/en/networks/mpforhrd/space/bills/"
RESOURCES = "/en/networks/mpforhrd/space/resources/"


def _bill(country, title, *steps, instrument_type=InstrumentType.DRAFT_BILL):
    """An instrument with developments given as (type, date, precision)."""
    instrument = InstrumentFactory(
        jurisdiction=country, title_en=title, instrument_type=instrument_type
    )
    for development_type, date, precision in steps:
        DevelopmentFactory(
            instrument=instrument,
            development_type=development_type,
            date=date,
            date_precision=precision,
            summary_en=f"Synthetic: {title}, {development_type}.",
        )
    return instrument


def _draft(country, title):
    return _bill(country, title, (DevelopmentType.DRAFT_PRESENTED, dt.date(2023, 3, 1), "month"))


@pytest.fixture
def world(django_user_model):
    mp = make_network("mpforhrd")
    other = make_network("other-network")
    north = CountryFactory(name_en="Northland")
    austral = CountryFactory(name_en="Austral")
    nowhere = CountryFactory(name_en="Nomemberland")
    people = {
        name: django_user_model.objects.create_user(username=name, password="x" * 20)
        for name in ("member", "austral", "applicant", "elsewhere", "outsider")
    }
    join(mp, people["member"], north)
    join(mp, people["austral"], austral)
    join(mp, people["applicant"], nowhere, status=MembershipStatus.APPLIED)
    join(other, people["elsewhere"], nowhere)
    law = StandardFactory(
        code="ISHR_MODEL_LAW",
        slug="ishr-model-law",
        kind=StandardKind.MODEL_LAW,
        title_en="Synthetic model law",
        position=5,
    )
    bills = {
        "draft": _draft(north, "Synthetic defenders bill"),
        "debate": _bill(
            north,
            "Synthetic protection bill",
            (DevelopmentType.DRAFT_PRESENTED, dt.date(2022, 1, 1), DatePrecision.YEAR),
            (DevelopmentType.BILL_INTRODUCED, dt.date(2023, 5, 10), DatePrecision.DAY),
            # A statement changes no status but is the latest development.
            (DevelopmentType.STATEMENT, dt.date(2024, 1, 15), DatePrecision.DAY),
        ),
        "adopted": _bill(
            north,
            "Synthetic adopted law",
            (DevelopmentType.BILL_INTRODUCED, dt.date(2020, 2, 1), DatePrecision.DAY),
            (DevelopmentType.ADOPTED, dt.date(2021, 2, 1), DatePrecision.DAY),
            instrument_type=InstrumentType.LAW,
        ),
        "provincial": _draft(SubdivisionFactory(parent=north), "Synthetic provincial bill"),
        "austral": _draft(austral, "Synthetic austral bill"),
        "stalled": _bill(
            austral,
            "Synthetic stalled bill",
            (DevelopmentType.BILL_INTRODUCED, dt.date(2019, 4, 1), DatePrecision.DAY),
            (DevelopmentType.STALLED, dt.date(2020, 6, 1), DatePrecision.MONTH),
        ),
        "elsewhere": _draft(nowhere, "Synthetic bill where no member sits"),
    }
    return {"network": mp, "north": north, "austral": austral, "nowhere": nowhere,
            "people": people, "law": law, "bills": bills}  # fmt: skip


def _article(page: str, title: str) -> str:
    """The tracker's entry for one bill."""
    match = re.search(rf'<article class="bill"(?:(?!</article>).)*{title}.*?</article>', page, re.S)
    assert match, title
    return match.group(0)


def test_a_member_sees_the_drafts_of_their_country_with_what_to_do(world):
    page = signed_in(world["people"]["member"]).get(TRACKER)
    assert page.status_code == 200
    text = page.content.decode()
    draft = _article(text, "Synthetic defenders bill")
    assert f'href="{world["bills"]["draft"].get_absolute_url()}"' in draft
    assert "Northland" in draft
    assert '<span class="status status-draft">draft</span>' in draft
    assert "since March 2023" in draft  # the partial date of the development that gave it
    assert "Ask the government to publish the draft" in draft
    assert "Compare it with the Model Law" in draft
    assert 'href="/en/standards/ishr-model-law/"' in draft
    assert "Bill tracker" in text and "Resources" in text  # the members' space's menu


def test_a_bill_introduced_is_under_debate_with_its_latest_development(world):
    text = signed_in(world["people"]["member"]).get(TRACKER).content.decode()
    debate = _article(text, "Synthetic protection bill")
    assert '<span class="status status-under_debate">under debate</span>' in debate
    assert f"since {format_partial_date(dt.date(2023, 5, 10), DatePrecision.DAY)}" in debate
    latest = format_partial_date(dt.date(2024, 1, 15), DatePrecision.DAY)
    assert (
        "Latest development" in debate and f'<time datetime="2024-01-15">{latest}</time>' in debate
    )
    assert ">Statement</a>" in debate
    assert "Propose amendments that bring it in line with the Model Law" in debate
    assert "Ask the committee to hear defenders" in debate
    assert "Ask the government to publish the draft" not in debate


def test_adopted_laws_and_bills_where_no_member_sits_are_not_tracked(world):
    text = signed_in(world["people"]["member"]).get(TRACKER).content.decode()
    assert "Synthetic adopted law" not in text
    assert "Synthetic bill where no member sits" not in text
    assert "Nomemberland" not in text  # an applicant's country is not a member's


def test_a_subnational_bill_of_a_members_country_is_tracked(world):
    text = signed_in(world["people"]["member"]).get(TRACKER).content.decode()
    provincial = _article(text, "Synthetic provincial bill")
    assert "Province" in provincial and "draft" in provincial


def test_stalled_bills_are_in_their_own_group(world):
    text = signed_in(world["people"]["member"]).get(TRACKER).content.decode()
    pending, stalled = text.split('<section id="stalled"')
    assert "Synthetic stalled bill" in stalled and "Synthetic stalled bill" not in pending
    entry = _article(stalled, "Synthetic stalled bill")
    assert '<span class="status status-stalled">stalled</span>' in entry
    assert "since June 2020" in entry
    assert "Ask a parliamentary question about the delay" in entry


def test_the_members_own_country_comes_first(world):
    north_first = signed_in(world["people"]["member"]).get(TRACKER).content.decode()
    assert north_first.index("<h3>Northland") < north_first.index("<h3>Austral")
    austral_first = signed_in(world["people"]["austral"]).get(TRACKER).content.decode()
    assert austral_first.index("<h3>Austral") < austral_first.index("<h3>Northland")


def test_the_tracker_is_filtered_by_a_members_country(world):
    client = signed_in(world["people"]["member"])
    code = world["austral"].code.lower()
    text = client.get(TRACKER, {"country": code}).content.decode()
    assert "Synthetic austral bill" in text and "Synthetic stalled bill" in text
    assert "Synthetic defenders bill" not in text
    assert f'<option value="{code}" selected>' in text
    everything = client.get(TRACKER, {"country": ""}).content.decode()
    assert "Synthetic defenders bill" in everything and "Synthetic austral bill" in everything


def test_a_country_not_in_the_list_is_a_400_that_says_why(world):
    client = signed_in(world["people"]["member"])
    for value in (world["nowhere"].code.lower(), "zzz", "<b>x</b>"):
        response = client.get(TRACKER, {"country": value})
        assert response.status_code == 400, value
        assert "is not among the members’ countries" in response.content.decode()
    assert "<b>x</b>" not in client.get(TRACKER, {"country": "<b>x</b>"}).content.decode()


def test_calling_members_to_act_on_a_bill_fills_in_the_bill(world):
    client = signed_in(world["people"]["member"])
    draft = world["bills"]["draft"]
    text = client.get(TRACKER).content.decode()
    link = f"/en/networks/mpforhrd/space/actions/new/?instrument={draft.pk}"
    assert f'<a href="{link}">Call members to act on this bill</a>' in text
    form = client.get(link)
    assert form.status_code == 200
    select = re.search(r'<select name="instrument".*?</select>', form.content.decode(), re.S)
    assert f'<option value="{draft.pk}" selected>' in select.group(0)
    # A provincial bill is offered too, and its country chosen with it.
    provincial = world["bills"]["provincial"]
    form = client.get(f"/en/networks/mpforhrd/space/actions/new/?instrument={provincial.pk}")
    select = re.search(r'<select name="instrument".*?</select>', form.content.decode(), re.S)
    assert f'<option value="{provincial.pk}" selected>' in select.group(0)
    country = provincial.jurisdiction.parent_id
    assert f'<option value="{country}" selected>' in form.content.decode()
    for ignored in ("abc", "-1", "99999999", "\uff11\uff12", "9" * 40):
        response = client.get("/en/networks/mpforhrd/space/actions/new/", {"instrument": ignored})
        assert response.status_code == 200, ignored
        select = re.search(
            r'<select name="instrument".*?</select>', response.content.decode(), re.S
        )
        assert select.group(0).count("selected") == 1, ignored
        assert '<option value="" selected>' in select.group(0), ignored


def test_the_tracker_costs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    client = signed_in(world["people"]["member"])
    client.get(TRACKER)  # the session, once
    with CaptureQueriesContext(connection) as few:
        client.get(TRACKER)
    for n in range(8):
        _bill(
            world["north"] if n % 2 else world["austral"],
            f"Synthetic extra bill {n}",
            (DevelopmentType.DRAFT_PRESENTED, dt.date(2022, 1, 1), DatePrecision.DAY),
            (DevelopmentType.BILL_INTRODUCED, dt.date(2023, 1, 1), DatePrecision.DAY),
            (DevelopmentType.STATEMENT, dt.date(2024, 1, 1), DatePrecision.DAY),
        )
    with django_assert_max_num_queries(len(few)) as many:
        text = client.get(TRACKER).content.decode()
    assert "Synthetic extra bill 7" in text
    # The network, the session, the account, the membership; the members' countries, the
    # Model Law, the instruments, their developments.
    assert len(many) == len(few) == 8


def test_the_tracker_is_a_404_to_everyone_outside(world, alice):
    people = world["people"]
    outsiders = {
        "anonymous": Client(),
        "member of another network": signed_in(people["elsewhere"]),
        "applicant": signed_in(people["applicant"]),
        "signed-in outsider": signed_in(people["outsider"]),
        "editor": signed_in(alice),
    }
    for who, client in outsiders.items():
        for url in (TRACKER, RESOURCES, f"{TRACKER}?country=zzz"):
            response = client.get(url)
            assert response.status_code == 404, (who, url)
            assert "Synthetic defenders bill" not in response.content.decode()


def test_the_resources_show_sanitised_text_and_the_standards(world, django_assert_max_num_queries):
    law = world["law"]
    declaration = StandardFactory(title_en="Synthetic declaration", position=0)
    document = Document.objects.create(
        slug="synthetic-guide", title_en="Synthetic guide", date=dt.date(2020, 1, 1)
    )
    hidden = Document.objects.create(
        slug="synthetic-unpublished",
        title_en="Synthetic unpublished",
        date=dt.date(2020, 1, 1),
        published=False,
    )
    Resource.objects.create(
        network=world["network"],
        title="Synthetic model question",
        body="**Ask** the minister.\n\n<script>alert(1)</script>",
        standard=law,
        document=document,
    )
    Resource.objects.create(network=world["network"], title="Synthetic letter", document=hidden)
    Resource.objects.create(network=make_network("third"), title="Synthetic other network's")
    client = signed_in(world["people"]["member"])
    with django_assert_max_num_queries(6):  # 4 to know the member, resources, standards
        page = client.get(RESOURCES)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Synthetic model question" in text and "<strong>Ask</strong>" in text
    assert "<script>alert(1)</script>" not in text and "&lt;script&gt;" in text
    assert f'href="{document.get_absolute_url()}"' in text
    assert "Synthetic letter" in text and hidden.get_absolute_url() not in text
    assert "Synthetic other network" not in text
    standards = text.split('<section id="standards"')[1]
    assert f'href="{law.get_absolute_url()}"' in standards
    assert f'href="{declaration.get_absolute_url()}"' in standards
    # The Model Law first, whatever its position among the standards.
    assert standards.index("Synthetic model law") < standards.index("Synthetic declaration")

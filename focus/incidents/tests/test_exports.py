"""Exports of cases: an analyst asks, another administrator approves or refuses once, and
the analyst alone downloads the file until it expires; to anyone else, and before or
after, it does not exist (404). Names only when approved with them. The cases are
SYNTHETIC."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from focus.accounts.tests.factories import add_totp
from focus.core.roles import ADMINISTRATORS, ANALYSTS, EDITORS, REVIEWERS
from focus.geo.tests.factories import CountryFactory
from focus.incidents import exports
from focus.incidents.models import (
    Act,
    CaseExport,
    CaseRead,
    Incident,
    IncidentSource,
    Perpetrator,
    Victim,
)
from focus.incidents.vocabulary import Confidentiality

pytestmark = pytest.mark.django_db

NAME = "Synthetic Defender Name"
CONTACT = "Synthetic contact: +00 000"
NARRATIVE = "Synthetic narrative of a threat"
LIST = "/cases/incidents/caseexport/"
ASK = "/cases/incidents/caseexport/add/"
DECISIONS = "/admin/incidents/caseexport/"


class Person:
    def __init__(self, user):
        self.user = user
        self.client = Client()
        self.client.force_login(user)


def _person(django_user_model, username, *groups, staff=False) -> Person:
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.org", password="x" * 20, is_staff=staff
    )
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    if groups or staff:
        add_totp(user)
    return Person(user)


@pytest.fixture
def people(django_user_model):
    return {
        "analyst": _person(django_user_model, "ana", ANALYSTS),
        "other analyst": _person(django_user_model, "arturo", ANALYSTS),
        "reviewer": _person(django_user_model, "rosa", REVIEWERS),
        "editor": _person(django_user_model, "alice", EDITORS, staff=True),
        "administrator": _person(django_user_model, "bob", ADMINISTRATORS, staff=True),
        "contributor": _person(django_user_model, "carla"),
    }


@pytest.fixture
def scope():
    """Cases in two countries and several years; the export asks for one country, 2020-2022."""
    here, elsewhere = CountryFactory(), CountryFactory()
    threatened = Incident.objects.create(
        country=here,
        date=dt.date(2021, 3, 4),
        narrative=NARRATIVE,
        place="Synthetic hills",
    )
    victim = Victim.objects.create(
        incident=threatened, name=NAME, contact=CONTACT, profile="journalist", gender="woman"
    )
    police = Perpetrator.objects.create(incident=threatened, kind="police", note="Synthetic unit")
    Act.objects.create(incident=threatened, kind="threat", victim=victim, perpetrator=police)
    Act.objects.create(incident=threatened, kind="surveillance", victim=victim)
    IncidentSource.objects.create(incident=threatened, reference="Synthetic testimony")
    confidential = Incident.objects.create(
        country=here,
        date=dt.date(2022, 1, 1),
        date_precision="year",
        confidentiality=Confidentiality.CONFIDENTIAL,
    )
    Victim.objects.create(incident=confidential, name="Synthetic Second Name")
    # Outside the scope: another year, another country, no date.
    Incident.objects.create(country=here, date=dt.date(2019, 5, 5), narrative="Out of years")
    Incident.objects.create(country=elsewhere, date=dt.date(2021, 5, 5), narrative="Elsewhere")
    Incident.objects.create(country=here, date_precision="unknown", narrative="Undated")
    return {"country": here, "threatened": threatened, "confidential": confidential}


def _ask(person: Person, country, with_sealed: bool) -> CaseExport:
    data = {
        "reason": "Synthetic reason: a report for the Special Rapporteur",
        "country": country.pk,
        "year_from": 2020,
        "year_to": 2022,
    }
    if with_sealed:
        data["with_sealed"] = "on"
    before = set(CaseExport.objects.values_list("pk", flat=True))
    response = person.client.post(ASK, data)
    assert response.status_code == 302, response.content
    (made,) = CaseExport.objects.exclude(pk__in=before)
    return made


def _decide(person: Person, export: CaseExport, decision: str):
    return person.client.post(f"{DECISIONS}{export.pk}/decide/", {decision: decision}, follow=True)


def _download_url(export: CaseExport) -> str:
    return f"/cases/incidents/caseexport/{export.uuid}/download/"


def _rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_an_approved_export_is_downloaded_by_its_analyst_until_it_expires(people, scope):
    analyst, administrator = people["analyst"], people["administrator"]
    assert analyst.client.get(ASK).status_code == 200
    export = _ask(analyst, scope["country"], with_sealed=True)
    assert export.requested_by == analyst.user
    assert export.status == CaseExport.Status.REQUESTED
    assert analyst.client.get(_download_url(export)).status_code == 404  # not yet approved

    # The administrator sees who asked, why and how many cases, never a case.
    listing = administrator.client.get(DECISIONS)
    assert listing.status_code == 200 and "ana" in listing.text
    page = administrator.client.get(f"{DECISIONS}{export.pk}/change/")
    assert page.status_code == 200
    assert "Special Rapporteur" in page.text  # the reason, opened
    assert 'name="approve"' in page.text
    assert '<div class="readonly">2</div>' in page.text  # the cases covered
    assert NAME not in page.text and NARRATIVE not in page.text

    response = _decide(administrator, export, "approve")
    assert response.status_code == 200
    export.refresh_from_db()
    assert export.status == CaseExport.Status.APPROVED
    assert export.decided_by == administrator.user
    expected = timezone.now() + dt.timedelta(hours=48)
    assert abs(export.expires - expected) < dt.timedelta(minutes=1)

    mine = analyst.client.get(LIST)
    assert mine.status_code == 200 and _download_url(export) in mine.text
    assert _download_url(export) in analyst.client.get(f"{LIST}{export.pk}/change/").text
    response = analyst.client.get(_download_url(export))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _rows(response)
    threatened, confidential = str(scope["threatened"].uuid), str(scope["confidential"].uuid)
    # One row per act; a case without acts, one per victim.
    assert [(r["case"], r["act"]) for r in rows] == [
        (threatened, "threat"),
        (threatened, "surveillance"),
        (confidential, ""),
    ]
    first = rows[0]
    assert first["date"] == "2021-03-04" and first["date_precision"] == "day"
    assert first["country"] == scope["country"].code
    assert (first["profile"], first["gender"], first["perpetrator"]) == (
        "journalist",
        "woman",
        "police",
    )
    assert first["victim_name"] == NAME and first["victim_contact"] == CONTACT
    assert first["narrative"] == NARRATIVE and first["place"] == "Synthetic hills"
    assert first["perpetrator_note"] == "Synthetic unit"
    assert first["sources"] == "Synthetic testimony"
    assert rows[2]["confidentiality"] == "confidential"
    assert rows[2]["victim_name"] == "Synthetic Second Name"

    export.refresh_from_db()
    assert export.downloads == 1 and export.last_downloaded is not None
    # Taking the cases out is reading them: each is logged.
    reads = CaseRead.objects.filter(user=analyst.user, page=CaseRead.Page.EXPORT)
    assert sorted(reads.values_list("incident_id", flat=True)) == sorted(
        [scope["threatened"].pk, scope["confidential"].pk]
    )
    assert analyst.client.get(_download_url(export)).status_code == 200
    export.refresh_from_db()
    assert export.downloads == 2

    CaseExport.objects.filter(pk=export.pk).update(expires=timezone.now() - dt.timedelta(minutes=1))
    assert analyst.client.get(_download_url(export)).status_code == 404
    assert "expired" in analyst.client.get(LIST).text


def test_without_the_sealed_fields_the_file_holds_plain_facts_only(people, scope):
    analyst = people["analyst"]
    export = _ask(analyst, scope["country"], with_sealed=False)
    _decide(people["administrator"], export, "approve")
    response = analyst.client.get(_download_url(export))
    text = b"".join(response.streaming_content).decode("utf-8")
    header = text.splitlines()[0].split(",")
    assert header == exports.PLAIN_COLUMNS
    assert NAME not in text and CONTACT not in text and NARRATIVE not in text
    assert "Synthetic" not in text
    assert len(text.splitlines()) == 4


def test_the_file_holds_only_the_cases_the_analyst_may_read_now(people, scope):
    analyst = people["analyst"]
    export = _ask(analyst, scope["country"], with_sealed=True)
    _decide(people["administrator"], export, "approve")
    # An analyst who has left the role downloads nothing.
    analyst.user.groups.remove(Group.objects.get(name=ANALYSTS))
    analyst.user.groups.add(Group.objects.get(name=REVIEWERS))
    assert analyst.client.get(_download_url(export)).status_code == 404
    export.refresh_from_db()
    assert export.downloads == 0


def test_a_refused_export_cannot_be_downloaded_and_stays_refused(people, scope):
    analyst, administrator = people["analyst"], people["administrator"]
    export = _ask(analyst, scope["country"], with_sealed=True)
    response = _decide(administrator, export, "refuse")
    assert response.status_code == 200
    export.refresh_from_db()
    assert export.status == CaseExport.Status.REFUSED and export.expires is None
    assert analyst.client.get(_download_url(export)).status_code == 404
    # Decided once.
    response = _decide(administrator, export, "approve")
    assert "already been decided" in response.text
    export.refresh_from_db()
    assert export.status == CaseExport.Status.REFUSED
    assert 'name="approve"' not in administrator.client.get(f"{DECISIONS}{export.pk}/change/").text


def test_nobody_but_the_analyst_who_asked_reaches_an_export(people, scope):
    export = _ask(people["analyst"], scope["country"], with_sealed=True)
    _decide(people["administrator"], export, "approve")
    own = f"{LIST}{export.pk}/change/"
    for person in ("other analyst", "reviewer", "editor", "administrator", "contributor"):
        client = people[person].client
        assert client.get(_download_url(export)).status_code == 404, person
        assert client.get(own).status_code == 404, person
        assert client.get(f"{LIST}{export.pk}/history/").status_code == 404, person
    visitor = Client()
    for url in (_download_url(export), own, LIST, ASK):
        assert visitor.get(url).status_code == 404, url
    # Another analyst has a list of their own, without this request.
    theirs = people["other analyst"].client.get(LIST)
    assert theirs.status_code == 200 and str(export.uuid)[:8] not in theirs.text
    # Reviewers read cases but take none out; nobody else knows the place exists.
    for person in ("reviewer", "editor", "administrator", "contributor"):
        client = people[person].client
        assert client.get(LIST).status_code == 404, person
        assert client.get(ASK).status_code == 404, person
        response = client.post(ASK, {"reason": "x", "country": scope["country"].pk})
        assert response.status_code == 404, person
    assert CaseExport.objects.count() == 1
    export.refresh_from_db()
    assert export.downloads == 0


def test_an_administrator_does_not_approve_their_own_request(django_user_model, people, scope):
    both = _person(django_user_model, "adela", ANALYSTS, ADMINISTRATORS, staff=True)
    export = _ask(both, scope["country"], with_sealed=True)
    page = both.client.get(f"{DECISIONS}{export.pk}/change/")
    assert page.status_code == 200 and 'name="approve"' not in page.text
    assert "another administrator decides" in page.text
    response = _decide(both, export, "approve")
    assert "Another administrator must decide" in response.text
    export.refresh_from_db()
    assert export.status == CaseExport.Status.REQUESTED
    with pytest.raises(exports.NotAllowed):
        exports.approve(export, both.user)
    _decide(people["administrator"], export, "approve")
    export.refresh_from_db()
    assert export.status == CaseExport.Status.APPROVED
    assert both.client.get(_download_url(export)).status_code == 200


def test_only_administrators_decide_and_editors_do_not_see_the_requests(people, scope):
    export = _ask(people["analyst"], scope["country"], with_sealed=False)
    editor = people["editor"].client
    index = editor.get("/admin/")
    assert index.status_code == 200 and "caseexport" not in index.text
    assert editor.get(DECISIONS).status_code == 403
    assert editor.get(f"{DECISIONS}{export.pk}/change/").status_code == 403
    assert _decide(people["editor"], export, "approve").status_code == 403
    for person in ("editor", "analyst", "reviewer"):
        with pytest.raises(exports.NotAllowed):
            exports.approve(export, people[person].user)
    export.refresh_from_db()
    assert export.status == CaseExport.Status.REQUESTED
    assert "caseexport" in people["administrator"].client.get("/admin/").text
    # A decision is a POST with its token.
    administrator = people["administrator"].client
    assert administrator.get(f"{DECISIONS}{export.pk}/decide/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people["administrator"].user)
    assert strict.post(f"{DECISIONS}{export.pk}/decide/", {"approve": "1"}).status_code == 403
    export.refresh_from_db()
    assert export.status == CaseExport.Status.REQUESTED


def test_a_superuser_decides_too(django_user_model, people, scope):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 20)
    add_totp(root)
    export = _ask(people["analyst"], scope["country"], with_sealed=False)
    _decide(Person(root), export, "approve")
    export.refresh_from_db()
    assert export.status == CaseExport.Status.APPROVED and export.decided_by == root


def test_the_request_form_checks_its_years_and_asks_a_reason(people, scope):
    client = people["analyst"].client
    response = client.post(ASK, {"reason": "", "year_from": 2023, "year_to": 2020})
    assert response.status_code == 200
    assert "The first year comes after the last." in response.text
    assert "This field is required." in response.text
    assert CaseExport.objects.count() == 0
    with pytest.raises(exports.NotAllowed):
        exports.request(people["reviewer"].user, "A reason")


def test_the_time_to_download_is_a_setting(people, scope, settings):
    settings.CASE_EXPORT_HOURS = 2
    export = _ask(people["analyst"], scope["country"], with_sealed=False)
    exports.approve(export, people["administrator"].user)
    assert export.expires - export.decided == dt.timedelta(hours=2)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_is_made_plain_text(people, start):
    country = CountryFactory()
    formula = f'{start}HYPERLINK("https://evil.example","click")'
    incident = Incident.objects.create(
        country=country, date=dt.date(2021, 1, 1), narrative=formula, place=formula
    )
    Victim.objects.create(incident=incident, name=formula, contact=formula)
    export = exports.request(people["analyst"].user, "Synthetic reason", with_sealed=True)
    exports.approve(export, people["administrator"].user)
    out = io.StringIO()
    exports.write_csv(export, people["analyst"].user, out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    for column in ("place", "narrative", "victim_name", "victim_contact"):
        assert row[column] == "'" + formula, column
    export.refresh_from_db()
    assert export.downloads == 1


def test_the_lists_of_exports_cost_the_same_with_more_requests(people, scope):
    def cost(person: Person, url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert person.client.get(url).status_code == 200
        return len(queries)

    analyst, administrator = people["analyst"], people["administrator"]
    exports.approve(_ask(analyst, scope["country"], with_sealed=False), administrator.user)
    few = (cost(analyst, LIST), cost(administrator, DECISIONS))
    for _ in range(5):
        exports.approve(_ask(analyst, scope["country"], with_sealed=True), administrator.user)
    assert (cost(analyst, LIST), cost(administrator, DECISIONS)) == few

"""Who reaches the cases, role by role and address by address: analysts read and write,
reviewers read the restricted cases, anyone else (administrators included) gets a 404
everywhere, and every reading of a case is logged. The cases are SYNTHETIC."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from focus.accounts.tests.factories import add_totp
from focus.core.roles import ANALYSTS, REVIEWERS
from focus.geo.tests.factories import CountryFactory
from focus.incidents.models import CaseRead, Incident, Victim
from focus.incidents.vocabulary import Confidentiality

pytestmark = pytest.mark.django_db

NAME = "Synthetic Defender Name"
NO_SUCH_EXPORT = "00000000-0000-4000-8000-000000000000"


def _person(django_user_model, username, group=None, staff=False, totp=True):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.org", password="x" * 20, is_staff=staff
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    if totp and (group or staff):
        add_totp(user)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def people(django_user_model, alice, bob):
    editor, administrator = Client(), Client()
    editor.force_login(alice)
    administrator.force_login(bob)
    return {
        "visitor": Client(),
        "contributor": _person(django_user_model, "carla"),
        "editor": editor,
        "administrator": administrator,
        "reviewer": _person(django_user_model, "rosa", REVIEWERS),
        "analyst": _person(django_user_model, "ana", ANALYSTS),
    }


@pytest.fixture
def cases():
    country = CountryFactory()
    restricted = Incident.objects.create(
        country=country, date_precision="unknown", narrative="Synthetic narrative"
    )
    Victim.objects.create(incident=restricted, name=NAME)
    confidential = Incident.objects.create(
        country=country,
        date_precision="unknown",
        confidentiality=Confidentiality.CONFIDENTIAL,
        narrative="Synthetic confidential narrative",
    )
    return restricted, confidential


def _addresses(restricted, confidential) -> dict[str, str]:
    case = f"/cases/incidents/incident/{restricted.pk}"
    return {
        "index": "/cases/",
        "app": "/cases/incidents/",
        "list": "/cases/incidents/incident/",
        "add": "/cases/incidents/incident/add/",
        "case": f"{case}/change/",
        "history": f"{case}/history/",
        "delete": f"{case}/delete/",
        "confidential case": f"/cases/incidents/incident/{confidential.pk}/change/",
        "reads": "/cases/incidents/caseread/",
        "login": "/cases/login/",
        "logout": "/cases/logout/",
        "password": "/cases/password_change/",
        "translations": "/cases/jsi18n/",
        "no such case": "/cases/incidents/incident/999999/change/",
        "exports": "/cases/incidents/caseexport/",
        "ask for an export": "/cases/incidents/caseexport/add/",
        "no such export": f"/cases/incidents/caseexport/{NO_SUCH_EXPORT}/download/",
        "imports": "/cases/incidents/caseimport/",
        "import a file": "/cases/incidents/caseimport/new/",
        "no such import": f"/cases/incidents/caseimport/{NO_SUCH_EXPORT}/",
    }


EXPECTED = {
    "analyst": {
        **dict.fromkeys(["index", "app", "list", "add", "case", "history", "delete", "reads"], 200),
        "confidential case": 200,
        "password": 200,
        "translations": 200,
        "login": 404,
        "logout": 404,
        "no such case": 404,
        # Analysts ask for exports of cases (test_exports.py follows one through).
        "exports": 200,
        "ask for an export": 200,
        "no such export": 404,
        # Analysts import files of cases (test_import.py follows one through).
        "imports": 200,
        "import a file": 200,
        "no such import": 404,
    },
    "reviewer": {
        **dict.fromkeys(["index", "app", "list", "case", "history"], 200),
        # A reviewer knows cases exist, and may not write one.
        "add": 403,
        "delete": 403,
        "reads": 403,
        "confidential case": 404,
        "password": 200,
        "translations": 200,
        "login": 404,
        "logout": 404,
        "no such case": 404,
        # Reviewers take no case out: to them exports do not exist.
        "exports": 404,
        "ask for an export": 404,
        "no such export": 404,
        # Nor imports: reviewers write nothing.
        "imports": 404,
        "import a file": 404,
        "no such import": 404,
    },
}


def test_the_role_and_address_matrix_leaks_nothing(people, cases):
    addresses = _addresses(*cases)
    seen = {}
    for person, client in people.items():
        for name, url in addresses.items():
            response = client.get(url)
            seen[(person, name)] = response.status_code
            if person not in EXPECTED:
                assert NAME not in response.text and "narrative" not in response.text, url
    for person in ("visitor", "contributor", "editor", "administrator"):
        for name in addresses:
            assert seen[(person, name)] == 404, (person, name, seen[(person, name)])
    for person, expected in EXPECTED.items():
        got = {name: seen[(person, name)] for name in addresses}
        assert got == expected, person


def test_outsiders_cannot_write_a_case(people, cases):
    restricted, _ = cases
    for person in ("visitor", "contributor", "editor", "administrator", "reviewer"):
        client = people[person]
        response = client.post("/cases/incidents/incident/add/", {"country": restricted.country_id})
        assert response.status_code in (403, 404), person
        response = client.post(
            f"/cases/incidents/incident/{restricted.pk}/delete/", {"post": "yes"}
        )
        assert response.status_code in (403, 404), person
    assert Incident.objects.count() == 2


def test_every_reading_of_a_case_is_logged(people, cases):
    restricted, confidential = cases
    people["analyst"].get(f"/cases/incidents/incident/{confidential.pk}/change/")
    people["reviewer"].get(f"/cases/incidents/incident/{restricted.pk}/change/")
    people["reviewer"].get(f"/cases/incidents/incident/{restricted.pk}/history/")
    people["reviewer"].get(f"/cases/incidents/incident/{confidential.pk}/change/")  # a 404
    people["editor"].get(f"/cases/incidents/incident/{restricted.pk}/change/")  # a 404
    reads = [(r.user.username, r.incident_id, r.page) for r in CaseRead.objects.order_by("pk")]
    assert reads == [
        ("ana", confidential.pk, "case"),
        ("rosa", restricted.pk, "case"),
        ("rosa", restricted.pk, "history"),
    ]
    log = people["analyst"].get("/cases/incidents/caseread/").text
    assert "rosa" in log and "ana" in log


def test_the_case_page_shows_the_opened_names_to_an_analyst(people, cases):
    restricted, _ = cases
    page = people["analyst"].get(f"/cases/incidents/incident/{restricted.pk}/change/").text
    assert NAME in page and "Synthetic narrative" in page


def test_an_analyst_without_a_second_factor_is_sent_to_set_one_up(django_user_model, cases):
    client = _person(django_user_model, "newcomer", ANALYSTS, totp=False)
    response = client.get("/cases/")
    assert response.status_code == 302
    assert "/2fa/" in response["Location"] or "totp" in response["Location"]

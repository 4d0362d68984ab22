"""Case data is sealed at rest: in the tables, in their history and in dumps, each value
bound to its row and column, and keys can be rotated. Read from the database itself,
not through the models. The cases here are SYNTHETIC."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test import override_settings

from focus.geo.tests.factories import CountryFactory
from focus.incidents import crypto
from focus.incidents.models import Incident, Victim

pytestmark = pytest.mark.django_db

OLD = f"old:{crypto.new_key()}"
NEW = f"new:{crypto.new_key()}"
SECRET = "Ana María, threatened at her home in the hills"


def _raw(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@pytest.fixture
def case():
    with override_settings(INCIDENT_KEYS=OLD):
        incident = Incident.objects.create(
            country=CountryFactory(), date_precision="unknown", narrative=SECRET, place="La Loma"
        )
        victim = Victim.objects.create(incident=incident, name="Ana María", contact="+00 000")
    return incident, victim


@override_settings(INCIDENT_KEYS=OLD)
def test_names_and_narratives_are_sealed_in_the_table_and_read_plain_on_the_record(case):
    incident, victim = case
    ((narrative, place),) = _raw(
        "SELECT narrative, place FROM incidents_incident WHERE id = %s", [incident.pk]
    )
    assert narrative.startswith("fe1.old.") and "Ana María" not in narrative
    assert place.startswith("fe1.old.") and "La Loma" not in place
    ((name,),) = _raw("SELECT name FROM incidents_victim WHERE id = %s", [victim.pk])
    assert name.startswith("fe1.") and "Ana María" not in name
    assert Incident.objects.get(pk=incident.pk).narrative == SECRET
    assert Victim.objects.get(pk=victim.pk).name == "Ana María"
    # The same text is sealed differently every time.
    other = Incident.objects.create(
        country=incident.country, date_precision="unknown", narrative=SECRET
    )
    ((again,),) = _raw("SELECT narrative FROM incidents_incident WHERE id = %s", [other.pk])
    assert again != narrative


@override_settings(INCIDENT_KEYS=OLD)
def test_the_history_tables_hold_only_sealed_values(case):
    incident, _ = case
    incident.narrative = "A second version of what happened"
    incident.save()
    rows = _raw("SELECT narrative FROM incidents_historicalincident WHERE id = %s", [incident.pk])
    assert len(rows) == 2
    assert all(value.startswith("fe1.") and "version" not in value for (value,) in rows)
    texts = [h.narrative for h in incident.history.order_by("history_id")]
    assert texts == [SECRET, "A second version of what happened"]
    contacts = _raw("SELECT contact FROM incidents_historicalvictim")
    assert contacts and all("+00 000" not in value for (value,) in contacts)


@override_settings(INCIDENT_KEYS=OLD)
def test_a_value_copied_into_another_row_or_column_does_not_open(case):
    incident, victim = case
    second = Victim.objects.create(incident=incident, name="Someone else")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE incidents_victim SET name = (SELECT name FROM incidents_victim WHERE id = %s)"
            " WHERE id = %s",
            [victim.pk, second.pk],
        )
        cursor.execute(
            "UPDATE incidents_victim SET contact = (SELECT name FROM incidents_victim WHERE id = %s)"
            " WHERE id = %s",
            [victim.pk, victim.pk],
        )
    with pytest.raises(crypto.CannotOpen):
        Victim.objects.get(pk=second.pk).name  # noqa: B018
    with pytest.raises(crypto.CannotOpen):
        Victim.objects.get(pk=victim.pk).contact  # noqa: B018
    assert Victim.objects.get(pk=victim.pk).name == "Ana María"


@override_settings(INCIDENT_KEYS=OLD)
def test_an_altered_value_does_not_open(case):
    incident, _ = case
    ((sealed,),) = _raw("SELECT narrative FROM incidents_incident WHERE id = %s", [incident.pk])
    flipped = sealed[:-3] + ("A" if sealed[-3] != "A" else "B") + sealed[-2:]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE incidents_incident SET narrative = %s WHERE id = %s", [flipped, incident.pk]
        )
    with pytest.raises(crypto.CannotOpen):
        Incident.objects.get(pk=incident.pk).narrative  # noqa: B018


@override_settings(INCIDENT_KEYS=OLD)
def test_dumps_hold_sealed_values_and_load_back(case):
    incident, victim = case
    out = io.StringIO()
    call_command("dumpdata", "incidents", stdout=out)
    dump = out.getvalue()
    # Whole words with spaces and accents: a sealed value cannot hold them by chance.
    assert "Ana María" not in dump and "La Loma" not in dump and "+00 000" not in dump
    assert '"fe1.old.' in dump
    records = json.loads(dump)
    Victim.objects.all().delete()
    Incident.objects.all().delete()
    from django.core import serializers

    for item in serializers.deserialize("json", json.dumps(records)):
        item.save()
    assert Incident.objects.get(pk=incident.pk).narrative == SECRET
    assert Victim.objects.get(pk=victim.pk).contact == "+00 000"
    ((raw,),) = _raw("SELECT narrative FROM incidents_incident WHERE id = %s", [incident.pk])
    assert raw.startswith("fe1.old.")  # loaded as it was, not sealed twice


def test_rotating_the_keys_seals_every_value_again_history_included(case):
    incident, victim = case
    with override_settings(INCIDENT_KEYS=f"{NEW},{OLD}"):
        assert Incident.objects.get(pk=incident.pk).narrative == SECRET  # both keys open
        out = io.StringIO()
        call_command("rotate_incident_keys", stdout=out)
        assert "now sealed with key new" in out.getvalue()
        tables = ["incidents_incident", "incidents_historicalincident"]
        for table in tables:
            for (value,) in _raw(f"SELECT narrative FROM {table}"):  # noqa: S608
                assert value.startswith("fe1.new."), table
        for (value,) in _raw("SELECT name FROM incidents_historicalvictim"):
            assert value.startswith("fe1.new.")
        again = io.StringIO()
        call_command("rotate_incident_keys", stdout=again)
        assert "0 value(s) now sealed" in again.getvalue()
    with override_settings(INCIDENT_KEYS=NEW):  # the old key gone
        assert Incident.objects.get(pk=incident.pk).narrative == SECRET
        assert [h.narrative for h in incident.history.all()] == [SECRET]
        assert Victim.objects.get(pk=victim.pk).name == "Ana María"
    with override_settings(INCIDENT_KEYS=OLD), pytest.raises(crypto.CannotOpen):
        Incident.objects.get(pk=incident.pk).narrative  # noqa: B018


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ("", "holds no key"),
        ("k1", "<id>:<key>"),
        ("k1:not base64!", "not base64"),
        (f"k1:{crypto.new_key()[:20]}", "not 32 bytes"),
        (f"k1:{crypto.new_key()},k1:{crypto.new_key()}", "given twice"),
    ],
    # Fixed names: the keys are random, and every test worker must collect the same tests.
    ids=["empty", "no key", "not base64", "too short", "twice"],
)
def test_unusable_keys_are_refused_with_a_reason(keys, message):
    with override_settings(INCIDENT_KEYS=keys), pytest.raises(crypto.KeysUnusable, match=message):
        crypto.keyring()
    with override_settings(INCIDENT_KEYS=keys), pytest.raises(CommandError, match=message):
        call_command("rotate_incident_keys")


def test_the_keys_are_not_the_secret_key(settings):
    assert settings.SECRET_KEY not in settings.INCIDENT_KEYS


@override_settings(INCIDENT_KEYS=OLD)
def test_plain_text_never_reaches_the_database(case):
    _, victim = case
    with pytest.raises(ValueError, match="never compared"), transaction.atomic():
        Victim.objects.filter(pk=victim.pk).update(name="Written around the field")
    with pytest.raises(ValueError, match="never compared"), transaction.atomic():
        list(Victim.objects.filter(name="Ana María"))
    ((name,),) = _raw("SELECT name FROM incidents_victim WHERE id = %s", [victim.pk])
    assert name.startswith("fe1.")

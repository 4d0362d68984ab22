"""An editor publishes the report for 2024 from the real seed (its places and policies),
and it stays the same after new data arrives."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client

from focus.geo import seeding as geo_seeding
from focus.geo.models import Jurisdiction
from focus.policies import seeding as policies_seeding
from focus.policies.lifecycle import DevelopmentType
from focus.policies.tests.factories import DevelopmentFactory, InstrumentFactory
from focus.reports import annual
from focus.reports.models import AnnualReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(tmp_path):
    (tmp_path / "geo").symlink_to(geo_seeding.SEED)
    (tmp_path / "policies").symlink_to(policies_seeding.SEED)
    call_command("load_seed", seed_dir=tmp_path, verbosity=0)


def test_the_2024_report_from_the_seed_is_frozen_when_published(seeded):
    report = AnnualReport.objects.create(year=2024, introduction_en="Synthetic introduction.")
    annual.publish(report, None)
    visitor = Client()
    page = visitor.get("/en/reports/2024/").content.decode()
    # The Central African Republic's National Assembly adopted its law on 27 December 2024
    # (focus/policies/seed/instruments.csv, with its sources).
    assert "Law on the promotion and protection of human rights defenders in the Central" in page
    assert "Dec. 27, 2024" in page
    assert "Central African Republic</a>: draft under discussion → specific law in force" in page
    french = visitor.get("/fr/reports/2024/").content.decode()
    assert "Loi portant promotion et protection des défenseurs des droits humains" in french

    # A SYNTHETIC development dated 2024 arrives after publication: nothing changes.
    country = Jurisdiction.objects.get(code="CAF")
    late = InstrumentFactory(jurisdiction=country, title_en="SYNTHETIC decree reported late")
    DevelopmentFactory(
        instrument=late,
        jurisdiction=country,
        development_type=DevelopmentType.ADOPTED,
        date=dt.date(2024, 3, 1),
        date_precision="day",
    )
    assert visitor.get("/en/reports/2024/").content.decode() == page
    assert "SYNTHETIC decree reported late" in "".join(
        r["title"] for r in annual.figures(2024)["adopted"]
    )

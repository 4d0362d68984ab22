"""The annual Focus report: its figures from the data, the editor's preview, publication
that freezes it, new editions, the PDF, and bad input. All records are SYNTHETIC."""

import datetime as dt
import io
import re
import socket

import pytest
from django.test import Client
from pypdf import PdfReader

from focus.core.dates import DatePrecision
from focus.geo.tests.factories import CountryFactory, RegionFactory
from focus.policies.lifecycle import DevelopmentType
from focus.policies.tests.factories import (
    DevelopmentFactory,
    InstrumentFactory,
    MechanismFactory,
)
from focus.policies.vocabulary import InstrumentType
from focus.reports import annual
from focus.reports.models import AnnualReport

pytestmark = pytest.mark.django_db

DAY = DatePrecision.DAY


def _instrument(country, title, *steps, instrument_type=InstrumentType.LAW):
    instrument = InstrumentFactory(
        jurisdiction=country,
        title_en=title,
        title_fr=f"{title} (fr)",
        instrument_type=instrument_type,
    )
    for kind, date, precision in steps:
        DevelopmentFactory(
            instrument=instrument,
            jurisdiction=country,
            development_type=kind,
            date=date,
            date_precision=precision,
        )
    return instrument


@pytest.fixture
def year_2024():
    africa = RegionFactory(code="africa", name_en="Africa", name_fr="Afrique")
    americas = RegionFactory(code="americas", name_en="Americas", name_fr="Amériques")
    north = CountryFactory(name_en="Northland", region=americas)
    south = CountryFactory(name_en="Southland", region=africa)
    east = CountryFactory(name_en="Eastland", region=africa)
    _instrument(
        north,
        "Synthetic defenders law",
        (DevelopmentType.DRAFT_PRESENTED, dt.date(2023, 3, 1), DAY),
        (DevelopmentType.ADOPTED, dt.date(2024, 5, 10), DAY),
    )
    _instrument(
        south,
        "Synthetic stalled bill",
        (DevelopmentType.BILL_INTRODUCED, dt.date(2022, 1, 1), DAY),
        (DevelopmentType.STALLED, dt.date(2024, 7, 1), DatePrecision.MONTH),
        instrument_type=InstrumentType.DRAFT_BILL,
    )
    _instrument(
        east,
        "Synthetic repealed decree",
        (DevelopmentType.ADOPTED, dt.date(2015, 1, 1), DatePrecision.YEAR),
        (DevelopmentType.REPEALED, dt.date(2024, 11, 2), DAY),
        instrument_type=InstrumentType.DECREE,
    )
    # Not in 2024: before, after, and a development without a known date.
    _instrument(
        north,
        "Synthetic older law",
        (DevelopmentType.ADOPTED, dt.date(2019, 2, 2), DAY),
        (DevelopmentType.STATEMENT, dt.date(2025, 2, 2), DAY),
    )
    MechanismFactory(
        jurisdiction=south,
        name_en="Synthetic protection unit",
        start_date=dt.date(2024, 9, 1),
        start_date_precision=DatePrecision.MONTH,
    )
    return north, south, east


def test_the_figures_of_a_year_come_from_its_dated_developments(year_2024):
    north, south, _east = year_2024
    found = annual.figures(2024)
    titles = {
        key: [r["title"] for r in found[key]] for key in ("adopted", "advanced", "stalled", "ended")
    }
    assert titles == {
        "adopted": ["Synthetic defenders law"],
        "advanced": ["Synthetic defenders law"],
        "stalled": ["Synthetic stalled bill"],
        "ended": ["Synthetic repealed decree"],
    }
    assert [m["title"] for m in found["mechanisms"]] == ["Synthetic protection unit"]
    developments = found["developments"]
    assert developments["total"] == 3
    assert {r["name"]: r["total"] for r in developments["regions"]} == {"Africa": 2, "Americas": 1}
    changes = {c["country"]: (c["before"], c["after"]) for c in found["map"]["changes"]}
    # Northland had a law already; Southland's bill stalled but it set up a mechanism;
    # Eastland's only decree was repealed.
    assert changes == {
        "Southland": ("draft under discussion", "policy or mechanism in force"),
        "Eastland": ("policy or mechanism in force", "no specific framework known"),
    }
    assert found["map"]["start"][north.code][2] == "specific_law"
    assert found["map"]["end"][south.code][2] == "policy_or_mechanism"


def _publish(editor_client, year, **texts):
    added = editor_client.post(
        "/admin/reports/annualreport/add/",
        {
            "year": year,
            "introduction_en": texts.get("introduction", "Synthetic introduction."),
            "introduction_es": "",
            "introduction_fr": "Introduction synthétique.",
            "analysis_en": "Synthetic analysis <script>alert(1)</script>",
            "analysis_es": "",
            "analysis_fr": "",
            "changelog_en": "",
            "changelog_es": "",
            "changelog_fr": "",
        },
    )
    assert added.status_code == 302, added.content.decode()[:2000]
    report = AnnualReport.objects.get(year=year, edition=1)
    return report


def _run_action(editor_client, action, report):
    return editor_client.post(
        "/admin/reports/annualreport/",
        {"action": action, "_selected_action": [report.pk]},
    )


def test_an_editor_previews_publishes_and_the_report_stays_the_same(editor_client, year_2024):
    north, _south, _east = year_2024
    report = _publish(editor_client, 2024)
    visitor = Client()
    # Unpublished: a 404 to visitors, a live preview to editors.
    assert visitor.get("/en/reports/2024/").status_code == 404
    assert visitor.get("/en/reports/2024/?preview=1").status_code == 404
    preview = editor_client.get("/en/reports/2024/?preview=1")
    assert "Preview, not published" in preview.content.decode()
    assert "Synthetic defenders law" in preview.content.decode()

    _run_action(editor_client, "publish", report)
    report.refresh_from_db()
    assert report.is_published and report.data_version
    page = visitor.get("/en/reports/2024/").content.decode()
    assert "Synthetic defenders law" in page and "Synthetic protection unit" in page
    assert "<script>alert(1)</script>" not in page  # shown as text, never run
    counts = annual.record_counts()
    assert (
        f"data as of {report.data_version} (instruments: {counts['instruments']}; "
        f"mechanisms: {counts['mechanisms']}; developments: {counts['developments']})"
    ) in page
    french = visitor.get("/fr/reports/2024/").content.decode()
    assert "Synthetic defenders law (fr)" in french and "Introduction synthétique." in french

    # New data about 2024 arrives: the published report does not change.
    _instrument(
        north,
        "Synthetic late-reported decree",
        (DevelopmentType.ADOPTED, dt.date(2024, 6, 1), DAY),
        instrument_type=InstrumentType.DECREE,
    )
    again = visitor.get("/en/reports/2024/").content.decode()
    assert "Synthetic late-reported decree" not in again
    assert _words(again) == _words(page)
    # Its texts cannot be changed, and it cannot be deleted.
    change = editor_client.post(
        f"/admin/reports/annualreport/{report.pk}/change/",
        {"introduction_en": "Rewritten"},
    )
    report.refresh_from_db()
    assert report.introduction_en == "Synthetic introduction." and change.status_code in (200, 302)
    editor_client.post(f"/admin/reports/annualreport/{report.pk}/delete/", {"post": "yes"})
    assert AnnualReport.objects.filter(pk=report.pk).exists()

    # A new edition takes the new data in, says what changed, and keeps the first online.
    _run_action(editor_client, "issue_new_edition", report)
    second = AnnualReport.objects.get(year=2024, edition=2)
    _run_action(editor_client, "publish", second)
    second.refresh_from_db()
    assert not second.is_published  # no changelog yet
    second.changelog_en = "Synthetic: a decree adopted in June 2024 was reported late."
    second.save()
    _run_action(editor_client, "publish", second)
    second.refresh_from_db()
    assert second.is_published
    newest = visitor.get("/en/reports/2024/").content.decode()
    assert "Synthetic late-reported decree" in newest and "reported late" in newest
    first = visitor.get("/en/reports/2024/?edition=1").content.decode()
    assert "Synthetic late-reported decree" not in first
    listing = visitor.get("/en/reports/").content.decode()
    assert "edition 2" in listing and "edition 1" not in listing


def _words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>|csrfmiddlewaretoken\S*", " ", html).split())


def test_a_year_still_running_cannot_be_published(editor_client):
    year = dt.date.today().year
    report = _publish(editor_client, year)
    _run_action(editor_client, "publish", report)
    report.refresh_from_db()
    assert not report.is_published


def test_the_pdf_holds_the_figures_and_asks_no_other_host(editor_client, year_2024, monkeypatch):
    report = _publish(editor_client, 2024)
    _run_action(editor_client, "publish", report)

    def refuse(*args, **kwargs):
        raise AssertionError("a connection was attempted while rendering")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    response = Client().get("/fr/reports/2024/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Focus 2024" in text
    assert "Synthetic defenders law (fr)" in text and "Synthetic repealed decree" in text
    assert reader.metadata.title.startswith("Focus 2024")
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/Lang"] == "fr"


@pytest.mark.parametrize(
    "address",
    [
        "/en/reports/2023/",
        "/en/reports/1200/",
        "/en/reports/99999999999/",
        "/en/reports/2024/?edition=abc",
        "/en/reports/2024/?edition=7",
        "/en/reports/2023/report.pdf",
    ],
)
def test_an_unknown_year_or_edition_is_a_404_that_says_so(editor_client, year_2024, address):
    report = _publish(editor_client, 2024)
    _run_action(editor_client, "publish", report)
    answer = Client().get(address)
    assert answer.status_code == 404
    assert "report" in answer.content.decode().lower() or "edition" in answer.content.decode()


def test_the_report_page_costs_few_queries_and_stays_under_its_weight(
    editor_client, year_2024, django_assert_max_num_queries
):
    """Two world maps side by side: the home page's budget (120 KB of HTML and CSS,
    gzipped), and the figures read from the frozen report, not from the data."""
    import gzip
    from pathlib import Path

    report = _publish(editor_client, 2024)
    _run_action(editor_client, "publish", report)
    visitor = Client()
    with django_assert_max_num_queries(4):
        page = visitor.get("/en/reports/2024/")
    css = Path(__file__).resolve().parents[2] / "core" / "static" / "core" / "focus.css"
    extra = Path(__file__).resolve().parents[1] / "static" / "reports" / "report.css"
    weight = sum(
        len(gzip.compress(data)) for data in (page.content, css.read_bytes(), extra.read_bytes())
    )
    assert weight <= 120_000, weight


def test_published_reports_are_in_the_sitemap_and_the_footer(editor_client, year_2024):
    report = _publish(editor_client, 2024)
    visitor = Client()
    assert "/reports/2024/" not in visitor.get("/sitemap-reports.xml").content.decode()
    _run_action(editor_client, "publish", report)
    assert "/en/reports/2024/" in visitor.get("/sitemap-reports.xml").content.decode()
    assert 'href="/en/reports/"' in visitor.get("/en/").content.decode()


def test_a_published_reports_pdf_is_made_once_per_language(editor_client, year_2024, monkeypatch):
    from focus.reports import report_views

    report = _publish(editor_client, 2024)
    made = []
    real = report_views.render_pdf

    def counting(*args, **kwargs):
        made.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(report_views, "render_pdf", counting)
    # A draft's preview is made at each request, and never kept.
    editor_client.get("/en/reports/2024/report.pdf?preview=1")
    editor_client.get("/en/reports/2024/report.pdf?preview=1")
    assert len(made) == 2
    _run_action(editor_client, "publish", report)
    visitor = Client()
    first = visitor.get("/en/reports/2024/report.pdf").content
    again = visitor.get("/en/reports/2024/report.pdf").content
    visitor.get("/fr/reports/2024/report.pdf")
    assert first == again and len(made) == 4


@pytest.mark.parametrize("year", ["1850", "3000", "abc"])
def test_a_report_for_a_year_out_of_range_is_refused_with_a_message(editor_client, year):
    answer = editor_client.post(
        "/admin/reports/annualreport/add/", {"year": year, "introduction_en": "Synthetic"}
    )
    assert answer.status_code == 200  # the form again, with its error
    assert "errornote" in answer.content.decode() or "errorlist" in answer.content.decode()
    assert not AnnualReport.objects.exists()

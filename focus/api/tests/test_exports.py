"""Bulk downloads and dumps: whole tables, the same records as the API, nothing a
spreadsheet would run, and a dump a mirror can check."""

import csv
import hashlib
import io
import json

import pytest
from django.core.management import call_command

from focus.api import exports
from focus.policies.models import Development
from focus.policies.tests.factories import DevelopmentFactory


def download(client, url: str):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body.decode()


@pytest.mark.parametrize("table", list(exports.TABLES))
def test_every_table_downloads_whole_in_csv_and_json(client, observatory, table):
    expected = exports.TABLES[table].queryset().count()
    assert expected > 0
    response, text = download(client, f"/en/data/{table}.csv")
    assert response.status_code == 200
    assert response.streaming  # written as it is read, never held whole
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == expected
    response, text = download(client, f"/en/data/{table}.json")
    body = json.loads(text)
    assert len(body["items"]) == expected
    assert body["licence"] == "CC BY 4.0" and body["citation"]
    assert list(rows[0]) == list(body["items"][0])  # the same columns, in the same order


def test_a_row_is_the_apis_record(client, observatory):
    _response, text = download(client, "/en/data/instruments.json")
    exported = {i["slug"]: i for i in json.loads(text)["items"]}
    from_api = client.get("/api/v1/instruments/qma-law").json()
    assert exported["qma-law"] == from_api
    _response, text = download(client, "/en/data/instruments.csv")
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["slug"] == "qma-law")
    assert row["status"] == "adopted"
    assert row["sources"] == "https://example.org/gazette/1"
    assert row["mechanisms"] == "qma-mechanism"
    assert json.loads(row["status_history"])[1]["status"] == "adopted"


def test_unpublished_documents_are_not_exported(client, observatory):
    _response, text = download(client, "/en/data/documents.csv")
    assert "qma-report" in text and "qma-unpublished" not in text


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_cell_a_spreadsheet_would_run_is_defused(client, observatory, start):
    formula = f'{start}HYPERLINK("https://evil.example","click")'
    DevelopmentFactory(instrument=observatory["law"], summary_en=formula)
    _response, text = download(client, "/en/data/developments.csv")
    cells = [r["summary_en"] for r in csv.DictReader(io.StringIO(text))]
    assert "'" + formula in cells
    assert formula not in cells
    # JSON is data, not a spreadsheet: the text stays as written.
    _response, text = download(client, "/en/data/developments.json")
    assert formula in [d["summary_en"] for d in json.loads(text)["items"]]


def test_downloads_take_the_sites_filters(client, observatory):
    _response, text = download(client, "/en/data/developments.csv?country=qma&type=adopted")
    ids = {int(r["id"]) for r in csv.DictReader(io.StringIO(text))}
    wanted = Development.objects.in_country(observatory["land"]).filter(development_type="adopted")
    assert ids == set(wanted.values_list("pk", flat=True)) and ids


@pytest.mark.parametrize(
    "url, status",
    [
        ("/en/data/developments.csv?country=zzz", 400),
        ("/en/data/developments.csv?colour=red", 400),
        ("/en/data/regions.csv?country=qma", 400),
        ("/en/data/developments.xlsx", 404),
        ("/en/data/secrets.csv", 404),
        ("/en/data/countries.geojson?on=1800-01-01", 400),
        ("/en/data/countries.geojson?on=yesterday", 400),
    ],
)
def test_bad_downloads_say_why(client, observatory, url, status):
    response, text = download(client, url)
    assert response.status_code == status
    assert "<main" in text  # the site's own page, with the reason, in the visitor's language


def test_the_map_as_geojson(client, observatory):
    response, text = download(client, "/en/data/countries.geojson")
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(text)
    features = {f["id"]: f for f in collection["features"]}
    assert set(features) == {"QMA", "QNA", "QOA"}
    assert features["QMA"]["properties"]["category"] == "specific_law"
    assert features["QNA"]["properties"]["category"] == "draft"
    _response, text = download(client, "/en/data/countries.geojson?on=2012-01-01")
    before = {f["id"]: f for f in json.loads(text)["features"]}
    assert before["QMA"]["properties"]["category_on"] != "specific_law"


def test_the_data_page_lists_every_table_with_its_count_licence_and_citation(client, observatory):
    page = client.get("/fr/data/").content.decode()
    for table in exports.TABLES.values():
        assert f"/fr/data/{table.name}.csv" in page and f"/fr/data/{table.name}.json" in page
    assert "creativecommons.org/licenses/by/4.0" in page
    assert "CC BY 4.0" in page
    assert "/api/v1/openapi.json" in page


def test_the_data_dictionary_explains_each_column_in_the_visitors_language(client, observatory):
    page = client.get("/es/data/dictionary/").content.decode()
    for table in exports.TABLES.values():
        assert f'id="{table.name}"' in page
        for column in table.columns():
            assert f"<code>{column}</code>" in page
    # The model's help_text, translated.
    from django.utils import translation

    with translation.override("es"):
        help_text = str(Development._meta.get_field("summary").help_text)
    assert help_text in page


def test_a_dump_has_every_table_checksums_and_a_changelog(observatory, tmp_path):
    call_command("export_open_data", output=str(tmp_path), stdout=io.StringIO())
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    manifest = json.loads((folder / "manifest.json").read_text())
    for table in exports.TABLES.values():
        count = table.queryset().count()
        assert manifest["rows"][table.name] == count
        with (folder / f"{table.name}.csv").open(encoding="utf-8", newline="") as file:
            assert sum(1 for _row in csv.DictReader(file)) == count
        items = json.loads((folder / f"{table.name}.json").read_text())["items"]
        assert len(items) == count
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    DevelopmentFactory(instrument=observatory["law"])
    DevelopmentFactory(instrument=observatory["law"])
    out = io.StringIO()
    call_command("export_open_data", output=str(tmp_path), stdout=out)
    assert "developments:" in out.getvalue()  # progress, table by table
    versions = sorted(p.name for p in tmp_path.iterdir() if p.is_dir())
    assert len(versions) == 2 and versions[1] == versions[0] + ".2"
    changelog = (tmp_path / "CHANGELOG.md").read_text()
    assert "| developments | " in changelog and "| +2 |" in changelog
    assert changelog.index(versions[1]) < changelog.index(f"## {versions[0]} ")


def test_a_filtered_list_links_its_own_download(client, observatory):
    page = client.get("/en/developments/?country=qma&type=adopted").content.decode()
    link = "/en/data/developments.csv?country=qma&amp;type=adopted"
    assert link in page
    _response, text = download(client, link.replace("&amp;", "&"))
    ids = {int(r["id"]) for r in csv.DictReader(io.StringIO(text))}
    shown = Development.objects.in_country(observatory["land"]).filter(development_type="adopted")
    assert ids == set(shown.values_list("pk", flat=True))
    assert "Open data" in client.get("/en/").content.decode()  # the footer links the page


def test_a_client_downloading_too_much_is_asked_to_wait(client, observatory, settings):
    from django.core.cache import cache

    cache.clear()
    settings.DOWNLOAD_RATE_LIMITS = ["2/m", "100/h"]
    codes = [client.get("/en/data/regions.csv").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert "Too many requests" in client.get("/en/data/regions.json").content.decode()
    cache.clear()

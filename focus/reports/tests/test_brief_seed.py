"""A diplomat downloads Honduras's brief in French: the real seed (cut down to Honduras),
the brief against the French country page."""

import csv
import html
import io
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from focus.geo import seeding as geo_seeding
from focus.policies import seeding as policies_seeding

pytestmark = pytest.mark.django_db


def _filter(source: Path, target: Path, keep) -> None:
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [r for r in reader if keep(r)]
        columns = reader.fieldnames
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def honduras(tmp_path):
    """The real seed files cut down to Honduras (its places, instruments, developments
    and mechanisms), loaded."""
    geo, policies = tmp_path / "geo", tmp_path / "policies"
    geo.mkdir()
    policies.mkdir()
    shutil.copy(geo_seeding.SEED / "regions.csv", geo)
    shutil.copy(geo_seeding.SEED / "regional_bodies.csv", geo)
    _filter(
        geo_seeding.SEED / "countries.csv", geo / "countries.csv", lambda r: r["alpha3"] == "HND"
    )
    _filter(
        geo_seeding.SEED / "subdivisions.csv",
        geo / "subdivisions.csv",
        lambda r: r["country"] == "HND",
    )
    in_honduras = lambda r: r["jurisdiction"] == "HND" or r["jurisdiction"].startswith("HN-")  # noqa: E731
    for name in ("instruments.csv", "developments.csv", "mechanisms.csv"):
        _filter(policies_seeding.SEED / name, policies / name, in_honduras)
    slugs = {
        r["slug"] for r in csv.DictReader((policies / "mechanisms.csv").open(encoding="utf-8"))
    }
    _filter(
        policies_seeding.SEED / "mechanism_figures.csv",
        policies / "mechanism_figures.csv",
        lambda r: r["mechanism"] in slugs,
    )
    _filter(
        policies_seeding.SEED / "organisations.csv",
        policies / "organisations.csv",
        lambda r: False,
    )
    call_command("load_seed", seed_dir=tmp_path, verbosity=0)


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_a_diplomat_downloads_the_brief_of_honduras_in_french(visitor, honduras):
    page = visitor.get("/fr/countries/hnd/").text
    assert 'href="/fr/countries/hnd/brief.pdf">Télécharger la fiche (PDF)</a>' in page
    response = visitor.get("/fr/countries/hnd/brief.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    assert 1 <= len(reader.pages) <= 4
    assert reader.metadata.title == "Honduras\u00a0: fiche pays"
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Fiche pays Honduras" in text
    # The country page's situation, and each instrument with its status, as the page
    # gives them.
    situation = re.search(r'<p class="situation">(.*?)</p>\s*<p>(.*?)</p>', page, re.S)
    assert _plain(situation[1]) in text
    assert _plain(situation[2]) in text
    table = page[page.index('<table class="instruments">') : page.index("</table>")]
    rows = re.findall(r'<th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td>', table, re.S)
    assert len(rows) >= 3
    for title, _type, status in rows:
        assert _plain(title) in text
        assert _plain(status) in text
    assert "Mécanismes" in text and "Sources" in text
    assert "Citer ainsi" in text

"""A diplomat downloads Honduras's brief in French: the real seed (cut down to Honduras),
the brief against the French country page."""

import html
import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from focus.core.tests.seed_files import cut_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def honduras(tmp_path):
    """The real seed files cut down to Honduras (its places, instruments, developments
    and mechanisms), loaded."""
    call_command("load_seed", seed_dir=cut_seed(tmp_path, {"HND"}), verbosity=0)


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

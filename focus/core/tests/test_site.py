"""What holds on every public page: languages, security headers, no inline code, the
pages editors write, and complete message catalogues."""

import re
from pathlib import Path

import pytest

from focus.core.models import Page
from focus.policies.tests.synthetic import grow

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.fixture
def world():
    return grow(None, 1)


def _public_urls(world):
    return [
        "/en/",
        world.country.get_absolute_url(),
        world.region.get_absolute_url(),
        world.instrument.get_absolute_url(),
        world.mechanism.get_absolute_url(),
        "/en/developments/?type=adopted",
        "/en/data/",
        "/en/data/dictionary/",
    ]


def test_each_page_links_its_versions_in_the_other_languages(visitor, world):
    url = world.instrument.get_absolute_url()
    text = visitor.get(url).text
    for code in ("en", "es", "fr"):
        assert (
            f'<link rel="alternate" hreflang="{code}" href="http://testserver/{code}/{url[4:]}">'
            in text
        )
    assert f'hreflang="x-default" href="http://testserver{url}"' in text


def test_the_language_switcher_keeps_the_page_and_its_filters(visitor, world):
    text = visitor.get("/en/developments/?type=adopted&page=1").text
    switcher = text[text.index('class="languages"') :]
    assert 'href="/es/developments/?type=adopted&amp;page=1" hreflang="es"' in switcher
    assert 'href="/fr/developments/?type=adopted&amp;page=1" hreflang="fr"' in switcher


def test_pages_carry_a_strict_content_security_policy(visitor, world):
    for url in _public_urls(world):
        policy = visitor.get(url)["Content-Security-Policy"]
        assert "default-src 'none'" in policy
        assert "style-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy


def test_pages_have_no_inline_script_or_style_and_load_nothing_from_elsewhere(visitor, world):
    for url in _public_urls(world):
        text = visitor.get(url).text
        assert " style=" not in text, url
        assert "<style" not in text, url
        scripts = re.findall(r"<script([^>]*)>", text)
        assert all('type="application/ld+json"' in s for s in scripts), url
        assert not re.search(r'(src|srcset)="(https?:)?//', text), url
        assert not re.search(r'<link rel="stylesheet" href="(https?:)?//', text), url
    css = (Path(__file__).resolve().parents[1] / "static/core/focus.css").read_text()
    assert "url(" not in css and "@import" not in css


def test_about_and_key_elements_render_markdown_without_raw_html(visitor):
    Page.objects.create(
        slug="about",
        title_en="About Focus",
        body_en="## Who we are\n\n<script>alert(1)</script> [a link](javascript:alert(1)) *text*",
        title_es="Acerca de Focus",
        body_es="## Quiénes somos",
    )
    text = visitor.get("/en/about/").text
    assert "<h2>Who we are</h2>" in text
    assert "<script>alert" not in text
    assert 'href="javascript' not in text
    assert "<em>text</em>" in text
    assert "<h2>Quiénes somos</h2>" in visitor.get("/es/about/").text
    french = visitor.get("/fr/about/").text
    assert "<h2>Who we are</h2>" in french
    assert 'lang="en"' in french
    assert "pas encore traduite" in french


def test_an_unwritten_page_is_a_404_not_an_error(visitor):
    response = visitor.get("/en/key-elements/")
    assert response.status_code == 404
    assert "This page has not been written yet." in response.text


def _entries(po: Path):
    """(msgid, msgstrs, fuzzy) for each entry of a catalogue, obsolete ones left out."""
    entry: dict = {}
    current = None
    for line in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#~"):
            continue
        if not line.strip():
            if entry.get("msgid"):
                yield entry["msgid"], entry.get("msgstr", []), entry.get("fuzzy", False)
            entry, current = {}, None
        elif line.startswith("#,") and "fuzzy" in line:
            entry["fuzzy"] = True
        elif line.startswith("msgid "):
            current = "msgid"
            entry["msgid"] = line[7:-1]
        elif line.startswith("msgstr"):
            current = "msgstr"
            entry.setdefault("msgstr", []).append(line.split(" ", 1)[1][1:-1])
        elif line.startswith('"') and current:
            if current == "msgid":
                entry["msgid"] += line[1:-1]
            else:
                entry["msgstr"][-1] += line[1:-1]


@pytest.mark.parametrize("language", ["es", "fr"])
def test_the_catalogue_translates_every_message(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    missing = [msgid for msgid, msgstrs, fuzzy in _entries(po) if fuzzy or not all(msgstrs)]
    assert not missing, f"{len(missing)} messages not translated in {po}: {missing[:5]}"

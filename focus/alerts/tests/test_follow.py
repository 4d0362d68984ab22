"""The Follow link on country, instrument, mechanism and search pages opens the alerts'
form with the page's subject chosen. SYNTHETIC data only."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_country_page_links_to_its_alerts(client, world):
    page = client.get("/es/countries/qma/")
    assert page.status_code == 200
    assert '<a href="/es/alerts/?country=qma">' in page.text
    form = client.get("/es/alerts/?country=qma")
    assert 'value="QMA" id="country-QMA" checked' in form.text


def test_instrument_and_mechanism_pages_link_to_their_alerts(client, world):
    page = client.get("/en/instruments/testland-protection-law/")
    assert '<a href="/en/alerts/?instrument=testland-protection-law">' in page.text
    page = client.get("/fr/mechanisms/testland-mechanism/")
    assert '<a href="/fr/alerts/?mechanism=testland-mechanism">' in page.text


def test_a_search_page_links_to_alerts_for_the_same_search(client, world, on_commit):
    from focus.policies.tests.factories import DevelopmentFactory

    on_commit(DevelopmentFactory, instrument=world.law, summary_en="Synthetic assembly vote.")
    page = client.get("/en/search/?q=assembly&country=qma&sort=date&page=1")
    assert page.status_code == 200
    assert '<a href="/en/alerts/?country=qma&amp;q=assembly">' in page.text
    form = client.get("/en/alerts/?country=qma&q=assembly")
    assert 'name="search" value="country=qma&amp;q=assembly"' in form.text
    # A search of records alerts never tell of is not offered.
    page = client.get("/en/search/?q=synthetic&type=instrument")
    assert page.status_code == 200
    assert "/en/alerts/?" not in page.text  # no Follow link (the footer's is plain)

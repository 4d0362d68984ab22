"""The locator map of a country brief: a window of the world map around the country,
which is highlighted (focus/geo/maps.py); no database needed."""

import pytest
from django.template.loader import render_to_string

from focus.geo.maps import LOCATOR_MIN_WIDTH, locator_map
from focus.geo.worldmap import geometry


@pytest.mark.parametrize("code", ["HND", "MEX", "RUS", "FJI", "CHL", "LUX", "NZL"])
def test_the_window_holds_the_country_and_stays_on_the_map(code):
    world = geometry()
    found = locator_map(code)
    window = found.window
    assert 0 <= window.left < window.right <= world.width
    assert 0 <= window.top < window.bottom <= world.height
    assert window.width >= min(LOCATOR_MIN_WIDTH, world.width) - 0.1
    assert found.shapes[-1].code == code  # drawn last, above its neighbours


def test_a_small_country_shows_its_neighbours_and_a_ring():
    honduras = locator_map("HND")
    codes = {s.code for s in honduras.shapes}
    assert {"GTM", "SLV", "NIC"} <= codes
    assert "AUS" not in codes  # only the shapes that reach into the window
    luxembourg = locator_map("LUX")  # a dot on the world map
    assert luxembourg.ring is not None
    assert {"BEL", "FRA", "DEU"} <= {s.code for s in luxembourg.shapes}


def test_a_country_without_a_shape_has_no_locator():
    assert locator_map("GUF") is None  # drawn as part of France
    assert locator_map("QMA") is None  # a synthetic code


def test_the_svg_highlights_the_country_with_attributes_not_styles():
    svg = render_to_string(
        "geo/locator_map.svg", {"map": locator_map("HND"), "title": "Map: where Honduras is"}
    )
    assert svg.startswith('<svg class="locator" viewBox="')
    assert 'role="img"' in svg and '<title id="locator-title">Map: where Honduras is</title>' in svg
    assert svg.count('fill="#0b5394"') == 1
    assert "style=" not in svg  # the site's CSP allows no inline style

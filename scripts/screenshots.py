"""Screenshots of the main pages at desktop and phone widths, with JavaScript off.

    DEBUG=true .venv/bin/python scripts/screenshots.py [BASE_URL]

Needs a running site (make demo) and Debian's chromium. Writes PNG files to
var/screenshots/ (git-ignored), to be looked at before a change to the pages is done.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from focus.core.tests.browser import ARGS, CHROMIUM

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
PAGES = {
    "home": "/en/",
    "home-2010": "/en/?on=2010-12-31",
    "country-mex-es": "/es/countries/mex/",
    "instrument-mex-2012": "/en/instruments/mex-dof-25-06-2012/",
    "mechanism-mex": "/en/mechanisms/mex-mecanismo/",
    "timeline-fr": "/fr/developments/?country=col",
    "region-americas": "/en/regions/americas/",
    "about": "/en/about/",
    "not-found-es": "/es/countries/zzz/",
    "bad-date": "/en/?on=2010-13-01",
}
WIDTHS = {"desktop": (1280, 900), "phone": (360, 740)}

out = Path(__file__).resolve().parent.parent / "var" / "screenshots"
out.mkdir(parents=True, exist_ok=True)
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    for width_name, (width, height) in WIDTHS.items():
        context = browser.new_context(
            java_script_enabled=False, viewport={"width": width, "height": height}
        )
        page = context.new_page()
        for name, path in PAGES.items():
            page.goto(BASE + path)
            page.screenshot(path=out / f"{name}-{width_name}.png", full_page=True)
        context.close()
    browser.close()
print(f"Screenshots in {out}")

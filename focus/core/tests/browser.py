"""Debian's chromium, driven by Playwright, the way a cautious visitor browses: with
JavaScript off, and every request the page makes recorded."""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"chromium not found at {CHROMIUM}: .ci/run installs Debian's chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls in the
    # tests are still synchronous, so Django's guard against async use does not apply.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # With that loop running, Django's connection handler gives this thread a new
    # connection object (its storage follows the async context): it must keep the
    # serialized migration data, so that transactional tests can restore vocabulary rows.
    serialized = getattr(connections[DEFAULT_DB_ALIAS], "_test_serialized_contents", None)
    with sync_playwright() as playwright:
        if serialized is not None:
            connections[DEFAULT_DB_ALIAS]._test_serialized_contents = serialized
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class RecordedPage:
    """A page with JavaScript off that remembers the host of every request."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))

    def other_hosts(self, own: str) -> set[str]:
        own_host = urlsplit(own).netloc
        return {
            urlsplit(url).netloc
            for url in self.requests
            if not url.startswith("data:") and urlsplit(url).netloc != own_host
        }


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    yield RecordedPage(context.new_page())
    context.close()


AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[dict]:
    """Run axe-core (installed from npm by `make test`) on the page: WCAG 2.2 A and AA.

    axe waits on timers, which do not run with JavaScript off: give it a page of a
    context with JavaScript on (the site has no script of its own, so the page is the
    same). Playwright injects the script itself: the page's CSP does not apply to it.
    """
    if not AXE.exists():
        message = f"axe-core not found at {AXE}: `make test` installs it with npm ci"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]

"""The restricted app stays apart: no other app imports it, so that no public page,
search, feed, sitemap, API or export can reach a case by accident."""

import ast
from pathlib import Path

import pytest
from django.urls import get_resolver

FOCUS = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_no_other_app_imports_the_incidents():
    offenders = [
        str(path.relative_to(FOCUS))
        for path in FOCUS.rglob("*.py")
        if "incidents" not in path.relative_to(FOCUS).parts[:1]
        # Tests build synthetic cases for other apps' budgets; they are not the site.
        and "tests" not in path.relative_to(FOCUS).parts
        # The project's URLs mount the cases at /cases/, behind their own 404 (admin.py).
        and path != FOCUS / "urls.py"
        and any(name.startswith("focus.incidents") for name in _imports(path))
    ]
    assert offenders == []


def _patterns(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _patterns(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


@pytest.mark.django_db
def test_no_public_address_leads_to_a_case(visitor):
    for route, pattern in _patterns(get_resolver()):
        module = getattr(pattern.callback, "__module__", "")
        if route.startswith(("admin/", "cases/")):
            continue
        # The one public window: the trends, read from counts only (views.py).
        if module == "focus.incidents.views" and route.endswith("trends/"):
            continue
        assert not module.startswith("focus.incidents"), route
    for url in ("/api/v1/incidents", "/en/data/incidents.csv", "/sitemap-incidents.xml"):
        assert visitor.get(url).status_code == 404, url

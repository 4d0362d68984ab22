"""Finding words inside one document's pages, the way the search index finds them."""

from dataclasses import dataclass

from django.utils.safestring import SafeString

from focus.core.words import matches, parse, snippet


@dataclass(frozen=True)
class Hit:
    page: int
    snippet: SafeString


def find(pages, text: str, limit: int = 50) -> list[Hit]:
    """The pages that have every term of the query, each with its best passage marked."""
    query = parse(text)
    if query.empty:
        return []
    hits = []
    for page in pages:
        if matches(page.text, query):
            hits.append(Hit(page.number, snippet(page.text, query).html))
            if len(hits) >= limit:
                break
    return hits

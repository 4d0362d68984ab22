"""The one search: pages and (later) the API call `search()`.

Matching and ranking are the database engine's; facets are counted with plain GROUP BY
queries over the matching entries; snippets come from core.words, the same on both engines.
"""

from collections import Counter

from django.db import connection
from django.db.models import Count, Q

from focus.core.words import Query, parse
from focus.library.models import DocumentPage

from . import engine
from .models import SearchEntry

FACETS = ("record_type", "country", "region", "language", "year", "kind")
SHOWN = ("record_type", "country", "region", "authors", "language", "year", "kind")


def matching(query: Query):
    """Entries matching a parsed query, with `rank` (greater is better)."""
    entries = SearchEntry.objects.all()
    if engine.is_postgres():
        tsquery, params = engine.pg_tsquery(query)
        return entries.extra(  # noqa: S610  (parameters are bound, never formatted in)
            where=[f"search_searchentry.vector @@ ({tsquery})"],
            params=params,
            select={"rank": f"ts_rank_cd(search_searchentry.vector, {tsquery}, 1)"},
            select_params=params,
        )
    return entries.extra(
        tables=["search_fts"],
        where=["search_fts.rowid = search_searchentry.id", "search_fts MATCH %s"],
        params=[engine.fts_match(query)],
        # bm25 is lower for better matches; titles weigh five times the text.
        select={"rank": "-bm25(search_fts, 5.0, 1.0)"},
    )


def facet_counts(entries, limit: int = 30) -> dict[str, list[tuple[object, int]]]:
    """For each facet, its values with their number of matching entries, most first.

    One GROUP BY over all facets at once (their combinations are few), summed here.
    """
    totals: dict[str, Counter] = {name: Counter() for name in (*FACETS, "authors")}
    rows = entries.values_list(*FACETS).annotate(n=Count("id")).order_by()
    for *values, n in rows:
        for name, value in zip(FACETS, values, strict=True):
            if value not in (None, ""):
                totals[name][value] += n
    # Apart, since an entry may have several authors (or none).
    for author, n in (
        entries.filter(authors__isnull=False)
        .values_list("authors")
        .annotate(n=Count("id"))
        .order_by()
    ):
        totals["authors"][author] = n
    return {
        name: sorted(counter.items(), key=lambda item: (-item[1], str(item[0])))[:limit]
        for name, counter in sorted(totals.items(), key=lambda item: SHOWN.index(item[0]))
    }


class RankedByFts:
    """Entries matching a query on SQLite, best first, read from the FTS5 table alone.

    Without filters, ranking and counting need no join with the entries (ten times
    faster on a large index); the Paginator only counts and slices.
    """

    def __init__(self, query: Query):
        self.match = engine.fts_match(query)

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [self.match]
            )
            return cursor.fetchone()[0]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[SearchEntry]:
        start, stop = window.start or 0, window.stop
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
                "ORDER BY bm25(search_fts, 5.0, 1.0) LIMIT %s OFFSET %s",
                [self.match, stop - start, start],
            )
            ids = [row[0] for row in cursor.fetchall()]
        entries = SearchEntry.objects.select_related("country").in_bulk(ids)
        return [entries[i] for i in ids if i in entries]


def with_texts(entries: list[SearchEntry]) -> list[SearchEntry]:
    """Give the entries of document pages their text (kept once, in the library)."""
    pages = [e for e in entries if e.page and e.file_id]
    if pages:
        wanted = Q()
        for entry in pages:
            wanted |= Q(file_id=entry.file_id, number=entry.page)
        texts = {
            (file_id, number): text
            for file_id, number, text in DocumentPage.objects.filter(wanted).values_list(
                "file_id", "number", "text"
            )
        }
        for entry in pages:
            entry.page_text = texts.get((entry.file_id, entry.page), "")
    return entries


def search(text: str, *, filters: dict, order: str = "relevance"):
    """(parsed query, matching entries in order, facet counts) — entries not yet paged."""
    query = parse(text)
    if query.empty:
        return query, SearchEntry.objects.none(), {}
    entries = matching(query)
    active = {name: value for name, value in filters.items() if value not in (None, "")}
    if active:
        entries = entries.filter(**active)
    counts = facet_counts(entries)
    if not active and order != "date" and not engine.is_postgres():
        return query, RankedByFts(query), counts
    ordered = (
        entries.order_by("-date", "-rank")
        if order == "date"
        else entries.order_by("-rank", "-date")
    )
    return query, ordered.select_related("country"), counts

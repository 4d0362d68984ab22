"""The one search: pages and (later) the API call `search()`.

Matching and ranking are the database engine's; facets are counted with plain GROUP BY
queries over the matching entries; snippets come from core.words, the same on both engines.
"""

from collections import Counter

from django.db import connection, transaction
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL

from focus.core.words import Query, Snippet, parse, snippet
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


def facet_counts(entries, limit: int = 30) -> tuple[int, dict[str, list[tuple[object, int]]]]:
    """The number of matching entries, and for each facet its values with their number of
    matching entries, most first.

    One GROUP BY over all facets at once, summed here (cheaper than one query per facet,
    even with thousands of combinations); the total is the sum over record types, so the
    matches are not counted twice.
    """
    totals: dict[str, Counter] = {name: Counter() for name in (*FACETS, "authors")}
    with transaction.atomic():
        if engine.is_postgres():
            # The index says which rows match; reading each row's vector (as a sequential
            # scan does) costs far more than the facet columns need.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
        rows = entries.values_list(*FACETS).annotate(n=Count("id")).order_by()
        for *values, n in rows:
            for name, value in zip(FACETS, values, strict=True):
                if value not in (None, ""):
                    totals[name][value] += n
        # Apart, since an entry may have several authors (or none); only documents have.
        # Driven from the authors' side: few entries have any, and SQLite then reads the
        # matches only if one has.
        if totals["record_type"]["document"]:
            authors = (
                SearchEntry.authors.through.objects.filter(
                    # As SQL: the engine's own matching clauses name the entries' table.
                    searchentry__in=RawSQL(*entries.values("pk").query.sql_with_params())  # noqa: S611  (Django's SQL, parameters bound)
                )
                .values_list("organisation")
                .annotate(n=Count("searchentry"))
                .order_by()
            )
            for author, n in authors:
                totals["authors"][author] = n
    total = sum(totals["record_type"].values())
    return total, {
        name: sorted(counter.items(), key=lambda item: (-item[1], str(item[0])))[:limit]
        for name, counter in sorted(totals.items(), key=lambda item: SHOWN.index(item[0]))
    }


class Counted:
    """Entries in order whose number is already known: the Paginator counts and slices.

    On SQLite without refinements, the entries are ranked from the FTS5 table alone
    (ten times faster on a large index than a join with the entries).
    """

    def __init__(self, total: int, entries=None, match: str = ""):
        self.total, self.entries, self.match = total, entries, match

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[SearchEntry]:
        if self.entries is not None:
            return list(self.entries[window])
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
        texts: dict[tuple[int | None, int], str] = {
            (file_id, number): text
            for file_id, number, text in DocumentPage.objects.filter(wanted).values_list(
                "file_id", "number", "text"
            )
        }
        for entry in pages:
            entry.page_text = texts.get((entry.file_id, entry.page), "")  # type: ignore[attr-defined]
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
    total, counts = facet_counts(entries)
    if not active and order != "date" and not engine.is_postgres():
        return query, Counted(total, match=engine.fts_match(query)), counts
    ordered = (
        entries.order_by("-date", "-rank")
        if order == "date"
        else entries.order_by("-rank", "-date")
    )
    return query, Counted(total, ordered.select_related("country")), counts


def best_snippet(entry: SearchEntry, query: Query) -> Snippet:
    """From the first of the entry's texts (visitor's language first) that matches."""
    texts = entry.texts_for_snippet()
    for text in texts:
        found = snippet(text, query)
        if found.matched:
            return found
    return snippet(texts[0] if texts else "", query)

"""The one search: pages and (later) the API call `search()`.

Matching and ranking are the database engine's; facets are counted with plain GROUP BY
queries over the matching entries; snippets are made here, the same on both engines.
"""

import html
import re
from collections import Counter
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count
from django.utils.safestring import SafeString, mark_safe

from . import engine
from .engine import Query, fold, parse, stem
from .models import SearchEntry

SNIPPET = 240  # characters around the best match
FACETS = ("record_type", "country", "region", "language", "year", "kind")


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
    totals: dict[str, Counter] = {name: Counter() for name in FACETS}
    rows = entries.values_list(*FACETS).annotate(n=Count("id")).order_by()
    for *values, n in rows:
        for name, value in zip(FACETS, values, strict=True):
            if value not in (None, ""):
                totals[name][value] += n
    return {
        name: sorted(counter.items(), key=lambda item: (-item[1], str(item[0])))[:limit]
        for name, counter in totals.items()
    }


@dataclass(frozen=True)
class Snippet:
    html: SafeString
    matched: bool


def _stems(query: Query) -> dict[str, set[str]]:
    words = [w for term in query.required for w in term]
    return {lang: {stem(w, lang) for w in words} for lang in [*engine.STEMMERS, ""]}


def snippet(text: str, query: Query, length: int = SNIPPET) -> Snippet:
    """The passage of `text` where most of the query's words are, those words marked.

    Words match as the index matched them: without case or accents, in any stemmed form.
    """
    stems = _stems(query)
    hits = []
    for match in engine.WORD.finditer(text):
        word = fold(match.group())
        for lang, wanted in stems.items():
            found = stem(word, lang) if lang else word
            if found in wanted:
                hits.append((match.start(), match.end(), found))
                break
    if not hits:
        cut = text[:length]
        return Snippet(mark_safe(html.escape(cut) + ("…" if len(text) > length else "")), False)  # noqa: S308
    best = max(
        range(len(hits)),
        key=lambda i: len({h[2] for h in hits if hits[i][0] <= h[0] < hits[i][0] + length}),
    )
    start = max(0, hits[best][0] - length // 4)
    if start:  # begin at a word
        space = text.find(" ", start, hits[best][0])
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", hits[best][1], end)
        end = space if space > 0 else end
    out, cursor = [], start
    for a, b, _ in hits:
        if a < cursor or b > end:
            continue
        out += [html.escape(text[cursor:a]), "<mark>", html.escape(text[a:b]), "</mark>"]
        cursor = b
    out.append(html.escape(text[cursor:end]))
    body = re.sub(r"\s+", " ", "".join(out))
    # Every piece of the text is escaped above; only the <mark> tags are ours.
    marked = ("…" if start else "") + body + ("…" if end < len(text) else "")
    return Snippet(mark_safe(marked), True)  # noqa: S308


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

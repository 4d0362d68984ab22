"""The full-text engine behind search: PostgreSQL text search or SQLite FTS5.

Both see the same words: folded (lower case, no accents) and stemmed in the language of
the text they come from (English, Spanish, French, Portuguese; other languages are
folded only). A query's words are looked up under each of these languages, so a query
in one language also finds the records whose translated title or summary matches.
"""

from django.db import connection

from focus.core.words import LANGUAGES, Query, stem, stems_of

# The words themselves (folding, stemming, query syntax) are core.words'.

PG_CONFIGS = {
    "en": "focus_en",
    "es": "focus_es",
    "fr": "focus_fr",
    "pt": "focus_pt",
    "": "focus_simple",
}


# SQLite FTS5 ------------------------------------------------------------------------


def _fts_term(words: list[str]) -> str:
    """A term as an FTS5 expression: its stems in each language, OR-ed; phrases kept."""
    variants = {" ".join(stem(w, language) for w in words) for language in LANGUAGES}
    quoted = ['"' + v.replace('"', '""') + '"' for v in sorted(variants)]
    return "(" + " OR ".join(quoted) + ")"


def fts_match(query: Query) -> str:
    expression = " AND ".join(_fts_term(words) for words in query.required)
    for words in query.excluded:
        expression += " NOT " + _fts_term(words)
    return expression


def sqlite_write(entries_and_parts) -> None:
    """Replace the FTS5 rows of these entries: (entry id, [(text, language, weight)])."""
    with connection.cursor() as cursor:
        for entry_id, parts in entries_and_parts:
            title = " ".join(stems_of(t, lang) for t, lang, weight in parts if weight == "A")
            body = " ".join(stems_of(t, lang) for t, lang, weight in parts if weight != "A")
            cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [entry_id])
            cursor.execute(
                "INSERT INTO search_fts (rowid, title, body) VALUES (%s, %s, %s)",
                [entry_id, title, body],
            )


def sqlite_delete(entry_ids) -> None:
    with connection.cursor() as cursor:
        for entry_id in entry_ids:
            cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [entry_id])


# PostgreSQL -------------------------------------------------------------------------


def pg_write(entries_and_parts) -> None:
    """Set each entry's tsvector from its parts, each in its language's configuration."""
    with connection.cursor() as cursor:
        for entry_id, parts in entries_and_parts:
            pieces, params = [], []
            for text, language, weight in parts:
                pieces.append("setweight(to_tsvector(%s::regconfig, %s), %s)")
                params += [PG_CONFIGS.get(language, "focus_simple"), text, weight]
            vector = " || ".join(pieces) or "''::tsvector"
            cursor.execute(
                f"UPDATE search_searchentry SET vector = {vector} WHERE id = %s",  # noqa: S608
                [*params, entry_id],
            )


def pg_tsquery(query: Query) -> tuple[str, list[str]]:
    """SQL for the query's tsquery: every required term (in any language), no excluded one.

    Each term's stems in every configuration are asked of PostgreSQL once, and the same
    stem is kept once: ranking cost grows with the query's size.
    """
    terms = [*query.required, *query.excluded]
    rows = [
        (i, config, " ".join(words))
        for i, words in enumerate(terms)
        for config in PG_CONFIGS.values()
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT v.i, phraseto_tsquery(v.c::regconfig, v.w)::text FROM (VALUES "  # noqa: S608
            + ", ".join(["(%s, %s, %s)"] * len(rows))
            + ") AS v(i, c, w)",
            [value for row in rows for value in row],
        )
        variants: dict[int, set[str]] = {}
        for i, text in cursor.fetchall():
            if text:
                variants.setdefault(i, set()).add(text)

    def either(i: int) -> str:
        return "(" + " | ".join(f"({v})" for v in sorted(variants[i])) + ")"

    required = [either(i) for i in range(len(query.required)) if i in variants]
    excluded = [f"!{either(i)}" for i in range(len(query.required), len(terms)) if i in variants]
    # Only function words of every language: nothing to look for, nothing matches.
    return "%s::tsquery", [" & ".join(required + excluded) if required else ""]


def is_postgres() -> bool:
    return connection.vendor == "postgresql"

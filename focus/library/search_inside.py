"""Finding words inside one document's pages, ignoring case and accents."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET = 90  # characters of context on each side of a match


def _fold_char(c: str) -> str:
    decomposed = unicodedata.normalize("NFD", c.lower())
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return base[:1] if base else c.lower()[:1] or c


def folded(text: str) -> str:
    """Lower case without accents, one character for one, so that offsets stay valid."""
    return "".join(_fold_char(c) for c in text)


def terms_of(query: str) -> list[str]:
    """Words and "quoted phrases" of a query, folded; at most 10, each up to 100 chars."""
    parts = re.findall(r'"([^"]+)"|(\S+)', query or "")
    terms = [folded(phrase or word).strip() for phrase, word in parts]
    return [t[:100] for t in terms if len(t) >= 2][:10]


@dataclass(frozen=True)
class Hit:
    page: int
    count: int
    snippet: SafeString


def find(pages, query: str, limit: int = 50) -> list[Hit]:
    """The pages where every term occurs, with a snippet around the first match."""
    terms = terms_of(query)
    if not terms:
        return []
    hits = []
    for page in pages:
        text = page.text
        haystack = folded(text)
        if not all(term in haystack for term in terms):
            continue
        spans = sorted(
            (m.start(), m.end(), term)
            for term in terms
            for m in re.finditer(re.escape(term), haystack)
        )
        # The snippet goes where the most different terms are close together.
        best = max(
            spans,
            key=lambda span: len({t for a, _, t in spans if span[0] <= a < span[0] + 2 * SNIPPET}),
        )
        start = max(0, best[0] - SNIPPET // 2)
        end = min(len(text), best[1] + SNIPPET + SNIPPET // 2)
        hits.append(
            Hit(page.number, len(spans), _highlight(text, [s[:2] for s in spans], start, end))
        )
        if len(hits) >= limit:
            break
    return hits


def _highlight(text: str, spans, start: int, end: int) -> SafeString:
    out, cursor = [], start
    for a, b in spans:
        if a < cursor or b > end:
            continue
        out.append(escape(text[cursor:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        cursor = b
    out.append(escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(out).replace("\n", " ") + suffix)  # noqa: S308

"""Words as Focus matches them: folded (no case, no accents) and stemmed.

Text is stemmed in the language it is written in (English, Spanish, French, Portuguese
with Snowball; other languages are folded only), and a query's words are looked up under
each language. The search index (focus.search) and search inside a document (library)
match words the same way, and mark them the same way in snippets.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

import snowballstemmer
from django.utils.safestring import SafeString, mark_safe

from .stopwords import STOPWORDS

SNIPPET = 240  # characters around the best match
# Site and document languages with a stemmer; the rest is folded only.
STEMMERS = {"en": "english", "es": "spanish", "fr": "french", "pt": "portuguese"}
WORD = re.compile(r"\w+")
MAX_QUERY = 500  # characters of a query that are read
MAX_TERMS = 12


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(STEMMERS[language])


@cache
def stem(word: str, language: str) -> str:
    """One folded word's stem in a language (the word itself without a stemmer)."""
    return _stemmer(language).stemWord(word) if language in STEMMERS else word


def stems_of(text: str, language: str) -> str:
    """The text as the index sees it: folded words, stemmed in their language."""
    return " ".join(stem(word, language) for word in WORD.findall(fold(text)))


@dataclass
class Query:
    """A visitor's query: words, "phrases", -exclusions; anything else is ignored.

    Function words ("de", "the") are left out unless quoted or alone.
    """

    text: str
    required: list[list[str]] = field(default_factory=list)  # each: the words of a term
    excluded: list[list[str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.required

    def words(self) -> list[str]:
        return [w for term in self.required for w in term]


def parse(text: str) -> Query:
    text = (text or "")[:MAX_QUERY]
    query = Query(text)
    function_words = []
    for minus, phrase, word in re.findall(r'(-?)(?:"([^"]*)"|(\S+))', text):
        words = WORD.findall(fold(phrase or word))
        if not words:
            continue
        if (phrase or word).upper() == "OR" and not phrase:
            continue  # websearch "OR" is not supported: every term is required
        if not phrase and not minus and len(words) == 1 and words[0] in STOPWORDS:
            function_words.append(words)
            continue
        (query.excluded if minus else query.required).append(words[:10])
    # "de" or "the" alone are searched for; beside other words they are left out.
    query.required = (query.required or function_words)[:MAX_TERMS]
    query.excluded = query.excluded[:MAX_TERMS]
    return query


LANGUAGES = [*STEMMERS, ""]  # "" : folded only


def _query_stems(query: Query) -> dict[str, set[str]]:
    words = query.words()
    return {lang: {stem(w, lang) for w in words} for lang in LANGUAGES}


def matches(text: str, query: Query) -> bool:
    """Every required term is in the text (a phrase's words, anywhere) and no excluded one."""
    words = set(WORD.findall(fold(text)))
    present = {lang: {stem(w, lang) for w in words} for lang in LANGUAGES}

    def has(term: list[str]) -> bool:
        return any(all(stem(w, lang) in present[lang] for w in term) for lang in LANGUAGES)

    return all(map(has, query.required)) and not any(map(has, query.excluded))


@dataclass(frozen=True)
class Snippet:
    html: SafeString
    matched: bool


def snippet(text: str, query: Query, length: int = SNIPPET) -> Snippet:
    """The passage of `text` where most of the query's words are, those words marked.

    Words match as the index matched them: without case or accents, in any stemmed form.
    """
    stems = _query_stems(query)
    hits = []
    for match in WORD.finditer(text):
        word = fold(match.group())
        for lang, wanted in stems.items():
            found = stem(word, lang)
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

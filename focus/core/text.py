import unicodedata

import nh3
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt


def sort_key(text: str) -> str:
    """Order names as a reader expects: Ángola next to Angola, not after Zambia."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


class Localised(str):
    """Text shown in the visitor's language, or in another one when not translated yet.

    `lang` is the language the text is in ("" when not known, as for a title in the
    language the text was issued in); `fallback` says that it is not the visitor's.
    """

    lang: str
    fallback: bool

    def __new__(cls, value: str, lang: str = "", fallback: bool = False):
        text = super().__new__(cls, value)
        text.lang = lang
        text.fallback = fallback
        return text


def translated(obj, field: str, *fallbacks: str) -> Localised:
    """A translated field in the active language, else the fallbacks, else another language.

    The result says which language it is in, so that pages can mark text that is not in
    the visitor's language.
    """
    language = (get_language() or "en")[:2]
    for name in (f"{field}_{language}", *fallbacks, f"{field}_en", f"{field}_es", f"{field}_fr"):
        value = getattr(obj, name, "")
        if value:
            suffix = name.rsplit("_", 1)[-1]
            lang = suffix if suffix in ("en", "es", "fr") else ""
            return Localised(value, lang, fallback=lang != language)
    return Localised("")


_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def markdown_html(text: str) -> SafeString:
    """Markdown written by editors as HTML: raw HTML is escaped, then the result cleaned."""
    return mark_safe(nh3.clean(_markdown.render(text or "")))  # noqa: S308


def localised_markdown(text: str) -> SafeString:
    """markdown_html of a translated text (see `translated`). A text not translated into
    the visitor's language yet says so, and is marked with the language it is in, so that
    a screen reader reads it in that language."""
    html = markdown_html(text)
    lang = getattr(text, "lang", "")
    if not (html and lang and getattr(text, "fallback", False)):
        return html
    note = _("Not translated into your language yet: this text is in %(language)s.") % {
        "language": get_language_info(lang)["name_translated"]
    }
    return format_html('<p class="fallback">{}</p><div lang="{}">{}</div>', note, lang, html)

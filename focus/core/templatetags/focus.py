"""Template helpers shared by the public pages."""

import json

from django import template
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from focus.core.http import meaningful_query
from focus.core.text import Localised

register = template.Library()


@register.filter
def localised(text, full: str = ""):
    """Text marked with its language when it is not in the visitor's (see Localised).

    Text in its original language (a title as issued) is marked only with `full`, on the
    record's own page: in lists the mark would sit beside most titles.
    """
    if not getattr(text, "fallback", False):
        return text
    lang = getattr(text, "lang", "")
    if lang:
        return format_html(
            '<span lang="{}">{}</span> <small class="fallback">({})</small>',
            lang,
            text,
            _("in %(language)s") % {"language": get_language_info(lang)["name_translated"]},
        )
    if not full:
        return text
    return format_html(
        '{} <small class="fallback">({})</small>', text, _("original language, not translated")
    )


@register.filter
def with_acronym(text, acronym: str):
    """A name followed by its acronym, keeping what language the name is in."""
    if not acronym:
        return text
    return Localised(
        f"{text} ({acronym})", getattr(text, "lang", ""), getattr(text, "fallback", False)
    )


@register.simple_tag(takes_context=True)
def page_in(context, language: str) -> str:
    """The URL of the current page, query included, in another language."""
    request = context["request"]
    return translate_url(request.get_full_path(), language)


@register.simple_tag(takes_context=True)
def absolute_page_in(context, language: str) -> str:
    """The full address of the current page in a language, as `canonical_url` gives it."""
    request = context["request"]
    path = translate_url(request.path, language)
    return request.build_absolute_uri(path + meaningful_query(request.GET))


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The current page's own address: its filters kept, empty fields and tracking tags not."""
    request = context["request"]
    return request.build_absolute_uri(request.path + meaningful_query(request.GET))


@register.simple_tag(takes_context=True)
def query_set(context, name: str, value) -> str:
    """The current query string with one parameter set (or removed, if None).

    Any other change of the query starts again from the first page.
    """
    query = context["request"].GET.copy()
    query.pop("page", None)
    if value in (None, ""):
        query.pop(name, None)
    else:
        query[name] = value
    return f"?{query.urlencode()}"


@register.filter
def json_ld(data) -> str:
    """A JSON-LD block; `<`, `>` and `&` are escaped so the text cannot close the script."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.filter
def get_param(query, name: str) -> str:
    """One parameter of a query string, lower-cased as facet values are."""
    return (query.get(name) or "").lower()

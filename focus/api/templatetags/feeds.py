"""Links from pages to the feeds that follow them."""

from django import template

from focus.api.feeds import developments_feed_links, documents_feed_links

register = template.Library()


@register.simple_tag
def developments_feed(filters=None, **more):
    """The developments feeds for filters as the timeline's form cleans them (all if none):
    `{% developments_feed form.cleaned_data as feed %}`, `{% developments_feed country=c as feed %}`."""
    return developments_feed_links({**(filters or {}), **more})


@register.simple_tag
def documents_feed(filters=None):
    """The documents feeds for the library's cleaned filters (all if none)."""
    return documents_feed_links(filters or {})

"""RSS 2.0 and Atom feeds of developments and of new documents (django.contrib.syndication).

A feed's query string is read by the same form, and its entries chosen by the same
QuerySet methods, as the timeline or the library page it follows.
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.urls import path, reverse
from django.utils import formats
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from focus.library.filters import LibraryFilterForm
from focus.library.models import Document
from focus.library.vocabulary import LANGUAGE_CHOICES, DocumentKind
from focus.policies.forms import TimelineFilterForm
from focus.policies.lifecycle import DevelopmentType
from focus.policies.models import Development

FEED_SIZE = 50

# Entry ids name the record, not its page: a development's page changes when it is tied
# to an instrument, a document's when it is renamed. The site's own address (not the one
# a visitor used, say an onion address) keeps them the same for every subscriber; 2026
# is the year the observatory first published them (RFC 4151 tag URIs).
ID_AUTHORITY = f"tag:{urlsplit(settings.SITE_URL).hostname},2026"


def filters_query(filters: dict) -> str:
    """The query string of cleaned filters, by the codes the site's URLs use ("" if none)."""
    pairs = []
    for name, value in filters.items():
        if value in (None, ""):
            continue
        if name == "country":
            value = value.code.lower()
        elif name == "region":
            value = value.code
        elif name == "author":
            value = value.slug
        elif isinstance(value, dt.date):
            value = value.isoformat()
        pairs.append((name, value))
    return f"?{urlencode(pairs)}" if pairs else ""


def _place(filters: dict):
    place = filters.get("country") or filters.get("region")
    return place.name if place else ""


def _day(value: dt.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _with_refinements(selection: str, refinements: list[str]) -> str:
    if not refinements:
        return selection
    return _("%(selection)s (%(refinements)s)") % {
        "selection": selection,
        "refinements": "; ".join(refinements),
    }


def developments_selection(filters: dict) -> str:
    """What a developments feed holds, in words: "developments in Mexico (adopted)"."""
    place = _place(filters)
    selection = _("developments in %(place)s") % {"place": place} if place else _("developments")
    refinements = []
    if filters.get("type"):
        refinements.append(str(DevelopmentType(filters["type"]).label))
    if filters.get("start"):
        refinements.append(_("from %(date)s") % {"date": _day(filters["start"])})
    if filters.get("end"):
        refinements.append(_("until %(date)s") % {"date": _day(filters["end"])})
    return _with_refinements(selection, refinements)


def documents_selection(filters: dict) -> str:
    """What a documents feed holds, in words: "new documents about Mexico (evaluation)"."""
    place = _place(filters)
    selection = (
        _("new documents about %(place)s") % {"place": place} if place else _("new documents")
    )
    refinements = []
    if filters.get("kind"):
        refinements.append(str(DocumentKind(filters["kind"]).label))
    if filters.get("author"):
        refinements.append(_("by %(author)s") % {"author": filters["author"]})
    if filters.get("year"):
        refinements.append(str(filters["year"]))
    if filters.get("language"):
        refinements.append(
            _("in %(language)s") % {"language": dict(LANGUAGE_CHOICES)[filters["language"]]}
        )
    return _with_refinements(selection, refinements)


def feed_title(selection: str) -> str:
    return _("Focus: %(selection)s") % {"selection": selection}


@dataclass(frozen=True)
class FeedLinks:
    """A feed's addresses in both formats, and its title, for a page to link."""

    title: str
    rss: str
    atom: str
    # The same records, whole, as a download (focus.api.exports).
    csv: str = ""
    json: str = ""


def developments_feed_links(filters: dict) -> FeedLinks:
    query = filters_query({k: v for k, v in filters.items() if k != "sort"})
    return FeedLinks(
        feed_title(developments_selection(filters)),
        reverse("data:developments-rss") + query,
        reverse("data:developments-atom") + query,
        reverse("data:download", args=["developments", "csv"]) + query,
        reverse("data:download", args=["developments", "json"]) + query,
    )


def documents_feed_links(filters: dict) -> FeedLinks:
    query = filters_query(filters)
    return FeedLinks(
        feed_title(documents_selection(filters)),
        reverse("data:documents-rss") + query,
        reverse("data:documents-atom") + query,
        reverse("data:download", args=["documents", "csv"]) + query,
        reverse("data:download", args=["documents", "json"]) + query,
    )


@dataclass(frozen=True)
class Selection:
    """What one request for a feed asks for: its cleaned filters and its own address."""

    filters: dict
    feed_url: str


def _refusal(form) -> HttpResponseBadRequest:
    """Why the filters were refused, as plain text in the visitor's language."""
    lines = [_("This feed cannot be made from these filters.")]
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        lines.extend(f"{field.label}: {error}" if field else error for error in errors)
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class FilteredFeed(Feed):
    """A feed whose query string a public filter form reads; filters it refuses are a 400."""

    def make_form(self, data):
        raise NotImplementedError

    @method_decorator(require_safe)
    def __call__(self, request, *args, **kwargs):
        form = self.make_form(request.GET)
        if not form.is_valid():
            return _refusal(form)
        filters = {name: form.cleaned_data[name] for name in form.fields if name != "sort"}
        return super().__call__(request, Selection(filters, request.path + filters_query(filters)))

    def get_object(self, request, selection):
        return selection

    def feed_url(self, selection):
        return selection.feed_url

    def subtitle(self, selection):
        # Atom's word for the description (RSS ignores it).
        return self.description(selection) if self.feed_type is Atom1Feed else None

    def item_title(self, item):
        # RSS readers take titles as HTML (Django escapes them too); Atom titles are text.
        title = self.entry_title(item)
        return title if self.feed_type is Atom1Feed else escape(title)

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return item.created

    def item_updateddate(self, item):
        return item.updated


class DevelopmentFeed(FilteredFeed):
    """The latest developments added, filtered as the timeline is."""

    def make_form(self, data):
        # Every country, not only those with developments: a visitor may follow a country
        # before anything happens there.
        return TimelineFilterForm(data)

    def title(self, selection):
        return feed_title(developments_selection(selection.filters))

    def description(self, selection):
        return _(
            "%(selection)s, as recorded by Focus, the observatory of public policies for "
            "the protection of human rights defenders. The latest %(count)s added, newest first."
        ) % {"selection": capfirst(developments_selection(selection.filters)), "count": FEED_SIZE}

    def link(self, selection):
        # The timeline in the feed's order, with its filters.
        return reverse("policies:timeline") + filters_query({**selection.filters, "sort": "added"})

    def items(self, selection):
        filters = selection.filters
        return (
            Development.objects.for_listing()
            .filtered(
                region=filters["region"],
                country=filters["country"],
                development_type=filters["type"],
                start=filters["start"],
                end=filters["end"],
            )
            .latest_added()[:FEED_SIZE]
        )

    def entry_title(self, development):
        place = development.jurisdiction
        where = f"{place.name}, {place.country.name}" if place.parent_id else place.name
        kind = capfirst(development.get_development_type_display())
        return f"{development.display_date} · {kind} · {where}"

    def item_description(self, development):
        return escape(development.display_summary)

    def item_guid(self, development):
        return f"{ID_AUTHORITY}:development:{development.pk}"

    def item_categories(self, development):
        return [
            capfirst(development.get_development_type_display()),
            development.jurisdiction.country.name,
        ]


class DevelopmentAtomFeed(DevelopmentFeed):
    feed_type = Atom1Feed


class DocumentFeed(FilteredFeed):
    """The latest documents added to the library, filtered as the library is."""

    def make_form(self, data):
        return LibraryFilterForm(data)

    def title(self, selection):
        return feed_title(documents_selection(selection.filters))

    def description(self, selection):
        return _(
            "%(selection)s in the library of Focus, the observatory of public policies for "
            "the protection of human rights defenders. The latest %(count)s added, newest first."
        ) % {"selection": capfirst(documents_selection(selection.filters)), "count": FEED_SIZE}

    def link(self, selection):
        return reverse("library:library") + filters_query(selection.filters)

    def items(self, selection):
        return (
            Document.objects.public()
            .for_listing()
            .filtered(**selection.filters)
            .order_by("-created", "-pk")[:FEED_SIZE]
        )

    def entry_title(self, document):
        return str(document.display_title)

    def item_description(self, document):
        facts = [capfirst(document.get_kind_display()), document.display_date]
        facts.extend(str(author) for author in document.authors.all())
        text = f"<p>{escape(' · '.join(facts))}</p>"
        if document.display_summary:
            text += f"<p>{escape(document.display_summary)}</p>"
        return text

    def item_guid(self, document):
        return f"{ID_AUTHORITY}:document:{document.pk}"

    def item_author_name(self, document):
        return ", ".join(str(author) for author in document.authors.all()) or None

    def item_categories(self, document):
        return [
            capfirst(document.get_kind_display()),
            *(place.name for place in document.jurisdictions.all()),
        ]


class DocumentAtomFeed(DocumentFeed):
    feed_type = Atom1Feed


urlpatterns = [
    path("feeds/developments.rss", DevelopmentFeed(), name="developments-rss"),
    path("feeds/developments.atom", DevelopmentAtomFeed(), name="developments-atom"),
    path("feeds/documents.rss", DocumentFeed(), name="documents-rss"),
    path("feeds/documents.atom", DocumentAtomFeed(), name="documents-atom"),
]

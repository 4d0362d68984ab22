"""What search engines and other machines read: sitemap.xml and robots.txt.

/sitemap.xml is an index of one sitemap per section (/sitemap-<section>.xml), so that a
library of a hundred thousand documents stays under the 50,000 addresses of a file.
Each address is given in every language, with its alternates (hreflang).
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from focus.core.models import PUBLIC_PAGES, Page
from focus.geo.models import Jurisdiction, Region
from focus.library.models import Document
from focus.network.models import Convening, Network
from focus.policies.models import Instrument, Mechanism
from focus.reports.models import AnnualReport
from focus.standards.models import Assessment, Criterion, Framework, Recommendation, Standard


class InLanguages:
    """Records paired with each language, read from the database a page at a time.

    Django's i18n sitemaps build every (record, language) pair in memory, for every page
    and for the index; this reads only the records of the page asked for.
    """

    def __init__(self, records, languages: list[str]):
        self.records = records
        self.languages = languages

    def __len__(self) -> int:
        records = self.records
        count = records.count() if isinstance(records, QuerySet) else len(records)
        return count * len(self.languages)

    def __getitem__(self, window: slice) -> list:
        per_record = len(self.languages)
        first = window.start // per_record
        last = -(-window.stop // per_record)
        pairs = [
            (record, language) for record in self.records[first:last] for language in self.languages
        ]
        skip = window.start - first * per_record
        return pairs[skip : skip + window.stop - window.start]


class FocusSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    # Smaller files than the protocol's 50,000 addresses, so that each takes a few seconds
    # at most to make; a multiple of three keeps a record's languages in one file.
    limit = 9000

    def __init__(self):
        self.paths = {}

    def location(self, item):
        # Each address is asked for five times (itself, its alternates, x-default).
        key = (item, get_language())
        if key not in self.paths:
            self.paths[key] = self.path_of(item)
        return self.paths[key]

    def path_of(self, item) -> str:
        return item.get_absolute_url()

    @property
    def paginator(self):
        return Paginator(InLanguages(self.items(), self._languages()), self.limit)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        # Django's x-default drops the language prefix; here every page has one, and the
        # pages themselves name the English version (focus/core/templates/core/base.html).
        for url in urls:
            by_language = {a["lang_code"]: a for a in url["alternates"]}
            if "x-default" in by_language:
                by_language["x-default"]["location"] = by_language[settings.LANGUAGE_CODE][
                    "location"
                ]
        return urls


class RecordSitemap(FocusSitemap):
    """The pages of one kind of record, with the date each was last changed."""

    queryset: QuerySet | None = None

    def items(self):
        return self.queryset.only("slug", "updated").order_by("pk")

    def lastmod(self, record):
        return record.updated

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated"))["latest"]


class InstrumentSitemap(RecordSitemap):
    queryset = Instrument.objects.all()


class MechanismSitemap(RecordSitemap):
    queryset = Mechanism.objects.all()


class DocumentSitemap(RecordSitemap):
    queryset = Document.objects.public()


class StaticSitemap(FocusSitemap):
    """The site's fixed pages; About and Key elements once editors have written them."""

    names = [
        "core:home",
        "policies:timeline",
        "library:library",
        "search:search",
        "contributions:contribute",
        "data:data",
        "data:dictionary",
        "standards:standards",
        "standards:compare",
        "standards:recommendations",
        "standards:good-practices",
        "network:convenings",
        "network:networks",
        "reports:reports",
    ]

    def items(self):
        written = Page.objects.filter(slug__in=PUBLIC_PAGES, published=True).order_by("slug")
        return [(name, None) for name in self.names] + [
            (f"core:{page.slug}", page.updated) for page in written
        ]

    def path_of(self, item) -> str:
        return reverse(item[0])

    def lastmod(self, item):
        return item[1]


class RegionSitemap(FocusSitemap):
    def items(self):
        return Region.objects.only("code").order_by("pk")


class CountrySitemap(FocusSitemap):
    """Every country, those with no framework known too: that is an answer a defender
    searching for their country's protection needs to find."""

    def items(self):
        return Jurisdiction.objects.countries().only("kind", "code").order_by("pk")


class StandardSitemap(FocusSitemap):
    """Standards, frameworks and the side-by-side page of each criterion."""

    def items(self):
        return [
            *Standard.objects.only("slug").order_by("pk"),
            *Framework.objects.only("slug").order_by("pk"),
            *Criterion.objects.select_related("framework").only("code", "framework__slug"),
        ]


class AssessmentSitemap(RecordSitemap):
    """Published assessments only: drafts are for editors."""

    queryset = Assessment.objects.published()

    def items(self):
        return self.queryset.only("pk", "updated").order_by("pk")


class RecommendationSitemap(RecordSitemap):
    queryset = Recommendation.objects.all()

    def items(self):
        return self.queryset.only("pk", "updated").order_by("pk")


class ConveningSitemap(FocusSitemap):
    """Published convenings; a registration's own page is private and never listed."""

    def items(self):
        return Convening.objects.public().only("slug").order_by("pk")

    def path_of(self, item) -> str:
        return reverse("network:convening", args=[item.slug])


class NetworkSitemap(FocusSitemap):
    """Published networks' About pages; nothing of their members' space."""

    def items(self):
        return Network.objects.public().only("slug").order_by("pk")

    def path_of(self, item) -> str:
        return reverse("network:network", args=[item.slug])


class AnnualReportSitemap(FocusSitemap):
    """Published annual reports: each year's newest edition."""

    def items(self):
        return AnnualReport.objects.latest_editions().only("year", "published")

    def path_of(self, item) -> str:
        return reverse("reports:annual-report", args=[item.year])

    def lastmod(self, item):
        return item.published


SITEMAPS: dict[str, type[Sitemap] | Sitemap] = {
    "pages": StaticSitemap,
    "regions": RegionSitemap,
    "countries": CountrySitemap,
    "instruments": InstrumentSitemap,
    "mechanisms": MechanismSitemap,
    "documents": DocumentSitemap,
    "standards": StandardSitemap,
    "assessments": AssessmentSitemap,
    "recommendations": RecommendationSitemap,
    "convenings": ConveningSitemap,
    "networks": NetworkSitemap,
    "reports": AnnualReportSitemap,
}


@require_safe
def sitemap_index(request):
    """The list of the sections' sitemaps, each page of them included."""
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="api:sitemap-section")


@require_safe
def sitemap_section(request, section: str):
    """One section's addresses (`?p=2` for its second page)."""
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


# Private pages: accounts, the moderation queue, contributors' receipts, registrations,
# the networks' members' pages and a subscriber's own alert pages. `*` stands for
# the language prefix (RFC 9309 wildcards).
DISALLOWED = [
    "/admin/",
    "/*/accounts/",
    "/*/contribute/queue/",
    "/*/contribute/status/",
    "/*/convenings/registration/",
    "/*/networks/*/apply/",
    "/*/networks/*/members/",
    "/*/networks/*/space/",
    "/*/alerts/confirm/",
    "/*/alerts/manage/",
    "/*/alerts/unsubscribe/",
]


@require_safe
def robots(request):
    """robots.txt: the public site may be read, the private pages not."""
    lines = [
        "User-agent: *",
        *(f"Disallow: {prefix}" for prefix in DISALLOWED),
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('api:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap-section"),
    path("robots.txt", robots, name="robots"),
]

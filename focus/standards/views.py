from django.db.models import Count, Prefetch, Q
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from focus.core.http import NotFound, page_of
from focus.core.text import sort_key

from . import comparison
from .forms import CompareForm, RecommendationFilterForm
from .models import (
    Assessment,
    Criterion,
    Framework,
    GoodPractice,
    Provision,
    Rating,
    Recommendation,
    Standard,
    code_order,
)
from .vocabulary import RATING_MARKS, RatingValue, StandardScope

RECOMMENDATIONS_PAGE_SIZE = 25


def _not_found(what: str) -> NotFound:
    return NotFound(
        _("There is no %(record)s at this address. It may have been renamed.") % {"record": what}
    )


def _legend():
    return [(value, label, RATING_MARKS[value]) for value, label in RatingValue.choices]


@require_safe
def standards(request):
    """The standards of the field by scope, and the assessment frameworks."""
    items = Standard.objects.annotate(provision_count=Count("provisions"))
    by_scope = [
        (label, [s for s in items if s.scope == scope]) for scope, label in StandardScope.choices
    ]
    return render(
        request,
        "standards/standards.html",
        {
            "by_scope": [(label, rows) for label, rows in by_scope if rows],
            "frameworks": Framework.objects.annotate(criterion_count=Count("criteria")),
        },
    )


@require_safe
def standard(request, slug: str):
    item = (
        Standard.objects.prefetch_related(
            # The plugin types a translated model's manager loosely (see pyproject.toml).
            Prefetch("provisions", Provision.objects.prefetch_related("sources", "criteria")),  # type: ignore[arg-type]
            "sources",
            "documents",
            "frameworks",
        )
        .filter(slug=slug)
        .first()
    )
    if item is None:
        raise _not_found(_("standard"))
    return render(
        request,
        "standards/standard.html",
        # A provision's own sources are shown where they are not the standard's.
        {"standard": item, "standard_urls": {s.url for s in item.sources.all()}},
    )


@require_safe
def framework(request, slug: str):
    item = Framework.objects.select_related("standard").filter(slug=slug).first()
    if item is None:
        raise _not_found(_("framework"))
    criteria = item.criteria.prefetch_related("sources").annotate(
        good_practice_count=Count(
            "good_practices",
            filter=Q(good_practices__in=GoodPractice.objects.public().values("pk")),
        )
    )
    assessed = comparison.current_assessments(item).count()
    return render(
        request,
        "standards/framework.html",
        {"framework": item, "criteria": criteria, "assessed": assessed},
    )


@require_safe
def criterion(request, slug: str, code: str):
    """One criterion, and what each assessed text says on it, side by side."""
    item = (
        Criterion.objects.select_related("framework")
        .prefetch_related("sources", "provisions__standard")
        .filter(framework__slug=slug, code=code)
        .first()
    )
    if item is None:
        raise _not_found(_("criterion"))
    current = comparison.current_assessments(item.framework).values("pk")
    ratings = sorted(
        Rating.objects.filter(assessment__in=current, criterion_code=item.code).select_related(
            "document",
            "source",
            "assessment",
            "assessment__instrument__jurisdiction__parent",
            "assessment__mechanism__jurisdiction__parent",
        ),
        key=lambda r: sort_key(r.assessment.country.name),
    )
    related = (
        Criterion.objects.filter(theme=item.theme).exclude(pk=item.pk).select_related("framework")
        if item.theme
        else []
    )
    practices = GoodPractice.objects.public().filter(criterion=item)
    return render(
        request,
        "standards/criterion.html",
        {
            "criterion": item,
            "ratings": ratings,
            "related": related,
            "practices": practices,
            "legend": _legend(),
        },
    )


@require_safe
def assessment(request, pk: int):
    """An assessment: each criterion's answer with its evidence, and what changed since
    the one before. Drafts are shown to editors only."""
    item = (
        Assessment.objects.with_subject()
        .prefetch_related(
            Prefetch(
                "ratings",
                Rating.objects.select_related(
                    "criterion__framework", "document", "source"
                ).prefetch_related(
                    Prefetch("good_practices", GoodPractice.objects.filter(published=True))
                ),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if item is None or (
        item.status != "published" and not request.user.has_perm("standards.view_assessment")
    ):
        raise _not_found(_("assessment"))
    ratings = sorted(item.ratings.all(), key=lambda r: code_order(r.criterion_code))
    criteria = {c.code: c for c in item.framework.criteria.all()}
    missing = [c for code, c in criteria.items() if code not in {r.criterion_code for r in ratings}]
    previous = item.previous()
    others = (
        comparison.assessed_countries(item.framework, exclude=item.country)
        if item.status == "published"
        else []
    )
    return render(
        request,
        "standards/assessment.html",
        {
            "assessment": item,
            "subject": item.subject,
            "country": item.country,
            "ratings": ratings,
            "current_codes": set(criteria),
            "unanswered": missing,
            "tally": item.tally_rows(),
            "previous": previous,
            "changes": item.changes_since(previous) if previous else [],
            "history": list(item.series()),
            "others": others,
        },
    )


@require_safe
def compare(request):
    """Criteria as rows, assessed texts or countries as columns."""
    form = CompareForm(request.GET)
    if not form.is_valid():
        return render(request, "standards/compare.html", {"form": form}, status=400)
    data = form.cleaned_data
    framework_ = data["framework"] or Framework.objects.first()
    matrix = (
        comparison.build(
            framework_,
            region=data["region"],
            countries=list(data["country"]),
            by_country=data["columns"] == "countries",
        )
        if framework_
        else None
    )
    return render(
        request,
        "standards/compare.html",
        {"form": form, "matrix": matrix, "legend": _legend()},
    )


@require_safe
def recommendations(request):
    form = RecommendationFilterForm.for_the_page(request.GET)
    if not form.is_valid():
        return render(request, "standards/recommendations.html", {"form": form}, status=400)
    data = form.cleaned_data
    items = Recommendation.objects.for_listing().filtered(
        region=data["region"],
        country=data["country"],
        body=data["body"],
        response=data["response"],
        implementation=data["implementation"],
        session=data["session"],
        cycle=data["cycle"],
        theme=data["theme"],
        recommending_state=data["recommending_state"],
        words=data["q"],
    )
    page = page_of(
        request, items.order_by("jurisdiction__name", "-session", "pk"), RECOMMENDATIONS_PAGE_SIZE
    )
    return render(
        request,
        "standards/recommendations.html",
        {"form": form, "page": page, "filtered": any(v for v in data.values())},
    )


@require_safe
def recommendation(request, pk: int):
    item = (
        Recommendation.objects.select_related("jurisdiction", "recommending_state")
        .prefetch_related(
            "themes",
            "sources",
            "answered_by_instruments",
            "answered_by_mechanisms",
            "answered_by_developments__instrument",
        )
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise _not_found(_("recommendation"))
    return render(request, "standards/recommendation.html", {"recommendation": item})


@require_safe
def good_practices(request):
    """Published good practices, grouped by framework and criterion."""
    practices = GoodPractice.objects.public().select_related(
        "criterion",
        "criterion__framework",
        "instrument__jurisdiction__parent",
        "mechanism__jurisdiction__parent",
        "rating__assessment__instrument__jurisdiction__parent",
        "rating__assessment__mechanism__jurisdiction__parent",
        "rating__document",
    )
    groups: dict = {}
    for practice in practices:
        key = practice.criterion
        groups.setdefault(key, []).append(practice)
    ordered = sorted(
        groups.items(),
        key=lambda pair: (
            pair[0] is None,
            (pair[0].framework.position, pair[0].position) if pair[0] else (0, 0),
        ),
    )
    return render(request, "standards/good_practices.html", {"groups": ordered})

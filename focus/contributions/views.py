from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from focus.core.changes import change_log
from focus.core.http import NotFound, over_limit, page_of

from . import services
from .editing import editor_form
from .forms import FORMS, CorrectionForm
from .models import OPEN, Action, Contribution, Kind, Status
from .records import RECORDS, parse_target, site_language

# Per client: a person sends a few; a robot sending many is stopped.
RATES = ("5/m", "30/h")


def too_many(request) -> bool:
    return over_limit(request, "contribute", RATES)


def _too_many_response(request, context: dict) -> HttpResponse:
    """The form again, with what was typed in it and why it was not kept: nothing is lost."""
    response = render(
        request, "contributions/propose.html", {**context, "too_many": True}, status=429
    )
    response["Retry-After"] = "3600"
    return response


@require_safe
def contribute(request):
    """What can be proposed; a "Suggest a correction" link lands on its form."""
    if "correct" in request.GET:
        return redirect(f"{reverse('contributions:correct')}?{request.GET.urlencode()}")
    kinds = [(kind, label) for kind, label in Kind.choices if kind != Kind.CORRECTION]
    return render(request, "contributions/contribute.html", {"kinds": kinds})


@require_http_methods(["GET", "POST"])
def propose(request, kind: str):
    form_class = FORMS.get(kind)
    if form_class is None:
        raise NotFound(_("There is no such kind of contribution."))
    context = {"kind": Kind(kind), "title": Kind(kind).label}
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if too_many(request):
            return _too_many_response(request, {**context, "form": form})
        if form.is_valid():
            return _received(request, form)
        status = 400
    else:
        form = form_class(initial=_initial(request))
        status = 200
    return render(request, "contributions/propose.html", {**context, "form": form}, status=status)


def _initial(request) -> dict:
    initial = {}
    country = request.GET.get("country", "")[:3]
    if country:
        initial["country"] = country.upper()
    return initial


def _received(request, form, target=None):
    _contribution, code = services.receive(
        form, language=site_language(), account=request.user, target=target
    )
    return redirect(f"{reverse('contributions:status', args=[code])}?new=1")


@require_http_methods(["GET", "POST"])
def correct(request):
    name, record = parse_target(request.GET.get("correct", ""))
    if record is None:
        raise NotFound(_("There is no such record to correct."))
    fields = RECORDS[name].current(record, site_language())
    context = {"kind": Kind.CORRECTION, "title": _("Suggest a correction"), "record": record}
    if request.method == "POST":
        form = CorrectionForm(request.POST, target=record, fields=fields)
        if too_many(request):
            return _too_many_response(request, {**context, "form": form})
        if form.is_valid():
            return _received(request, form, target=record)
        status = 400
    else:
        form = CorrectionForm(target=record, fields=fields)
        status = 200
    return render(request, "contributions/propose.html", {**context, "form": form}, status=status)


@require_safe
def changes(request, record: str, key: str):
    """A record's public change log: what changed and when, field by field."""
    correctable = RECORDS.get(record)
    found = correctable.find(key) if correctable else None
    if found is None:
        raise NotFound(_("There is no such record."))
    return render(
        request,
        "contributions/changes.html",
        {"record": found, "log": change_log(found)},
    )


@require_safe
def status(request, code: str):
    """The receipt: where a contribution stands. Knowing the code is the only key."""
    contribution = Contribution.objects.with_receipt(code).first()
    if contribution is None:
        raise NotFound(_("No contribution has this receipt. Check the address."))
    return render(
        request,
        "contributions/status.html",
        {"contribution": contribution, "new": "new" in request.GET},
    )


# Editors -------------------------------------------------------------------------------

moderator_only = permission_required("contributions.moderate_contribution", raise_exception=True)


@login_required
@moderator_only
@require_safe
def queue(request):
    """Contributions waiting for a decision, the trusted first; filters with counts."""
    contributions = Contribution.objects.all()
    by_status = dict(contributions.values_list("status").annotate(n=Count("id")).order_by())
    by_kind = dict(
        contributions.filter(status__in=OPEN).values_list("kind").annotate(n=Count("id")).order_by()
    )
    shown_status = request.GET.get("status", "open")
    shown_kind = request.GET.get("kind", "")
    if shown_status == "open":
        contributions = contributions.filter(status__in=OPEN)
    elif shown_status in Status.values:
        contributions = contributions.filter(status=shown_status)
    if shown_kind in Kind.values:
        contributions = contributions.filter(kind=shown_kind)
    page = page_of(request, contributions.order_by("-trusted", "received"), 50)
    return render(
        request,
        "contributions/queue.html",
        {
            "page": page,
            "statuses": [
                ("open", _("waiting"), sum(by_status.get(s, 0) for s in OPEN)),
                *[(s, label, by_status.get(s, 0)) for s, label in Status.choices],
            ],
            "kinds": [(k, label, by_kind.get(k, 0)) for k, label in Kind.choices],
            "shown_status": shown_status,
            "shown_kind": shown_kind,
        },
    )


@login_required
@moderator_only
@require_http_methods(["GET", "POST"])
def review(request, pk: int):
    contribution = get_object_or_404(Contribution, pk=pk)
    if request.method == "GET":
        services.open_for_review(contribution, request.user)
        contribution.refresh_from_db()
    action = request.POST.get("action", "")
    form = editor_form(contribution, request.POST if action == "accept" else None)
    status = 200
    if request.method == "POST":
        if not contribution.is_open:
            messages.error(request, _("This contribution has already been decided."))
            return redirect(contribution.get_review_url())
        if action == "accept" and form is not None and form.is_valid():
            record = services.accept(contribution, request.user, form)
            messages.success(request, _("Accepted: %(record)s") % {"record": record})
            return redirect(contribution.get_review_url())
        if action == "applied" and form is None and contribution.target is not None:
            services.applied(contribution, request.user)
            messages.success(request, _("Marked as published."))
            return redirect(contribution.get_review_url())
        if action == "decline":
            reason = request.POST.get("reason", "").strip()[:2000]
            if reason:
                services.decline(contribution, request.user, reason)
                messages.success(request, _("Declined."))
                return redirect(contribution.get_review_url())
            messages.error(request, _("Say why it is declined: the contributor will read it."))
        if action == "duplicate":
            number = request.POST.get("original", "").strip()
            original = (
                Contribution.objects.filter(pk=int(number)).first() if number.isdigit() else None
            )
            services.mark_duplicate(
                contribution, request.user, original, request.POST.get("note", "")[:2000]
            )
            messages.success(request, _("Marked as a duplicate."))
            return redirect(contribution.get_review_url())
        status = 400
    return render(
        request,
        "contributions/review.html",
        {
            "contribution": contribution,
            "form": form,
            "decisions": contribution.decisions.select_related("editor"),
            "changes": contribution.proposal.get("changes", {}),
            "accept_label": Action.ACCEPTED.label,
        },
        status=status,
    )

"""The pages of focal-point delegations in a network's members' space. A delegation's
page is shared with its own members and the network's moderators; to anyone else it is
a 404, like every members' page."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from focus.core.http import NotFound
from focus.core.text import markdown_html

from . import delegations
from .delegation_forms import DelegationForm, FollowUpForm
from .space_views import _posted, _space


@require_safe
def index(request, slug: str):
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    return render(
        request,
        "network/delegations.html",
        {"network": network, "member": member, "delegations": delegations.visible(network, member)},
    )


def _page(request, network, member, delegation, *, form=None, failed=None, status=200):
    recommended = list(delegations.recommendations(delegation))
    followed = delegations.follow_ups(delegation)
    rows = []
    for recommendation in recommended:
        current = followed.get(recommendation.pk)
        if failed is not None and failed.instance.recommendation_id == recommendation.pk:
            row_form = failed
        else:
            row_form = FollowUpForm(instance=current, prefix=f"r{recommendation.pk}")
        rows.append({"recommendation": recommendation, "follow_up": current, "form": row_form})
    return render(
        request,
        "network/delegation.html",
        {
            "network": network,
            "member": member,
            "delegation": delegation,
            "people": delegations.members(delegation),
            "work_plan_html": markdown_html(delegation.work_plan),
            "form": form or DelegationForm(instance=delegation, prefix="d"),
            "rows": rows,
            "tally": delegations.tally(recommended, followed),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def delegation(request, slug: str, code: str):
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    item = delegations.delegation_or_404(network, member, code)
    form = DelegationForm(_posted(request), instance=item, prefix="d")
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("The delegation's page is saved."))
            return redirect(request.path)
        return _page(request, network, member, item, form=form, status=400)
    return _page(request, network, member, item, form=form)


@require_POST
def follow_up(request, slug: str, code: str, pk: int):
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    item = delegations.delegation_or_404(network, member, code)
    recommendation = delegations.recommendations(item).filter(pk=pk).first()
    if recommendation is None:
        raise NotFound(_("There is no page at this address."))
    current = item.follow_ups.filter(recommendation=recommendation).first()
    form = FollowUpForm(request.POST, instance=current, prefix=f"r{pk}")
    if current is None:
        form.instance.recommendation = recommendation
    if not form.is_valid():
        return _page(request, network, member, item, failed=form, status=400)
    delegations.follow_up(item, recommendation, member, **form.cleaned_data)
    messages.success(request, _("The follow-up is saved."))
    page = reverse("network:delegation", args=[network.slug, item.country.code.lower()])
    return redirect(f"{page}#r{pk}")

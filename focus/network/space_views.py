"""The members' pages of a network: applying, the members' space, the member list, a
member's settings, and leaving. To anyone who is not an active member of the network,
each is a 404; moderators must use two-factor authentication."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from focus.core.http import NotFound

from . import membership
from .forms import ApplicationForm, SettingsForm
from .models import Member, MemberListReading
from .vocabulary import MembershipStatus


def _space(request, slug: str):
    """The network and the visitor's active membership, or a 404; a moderator without
    an authenticator is sent to set one up."""
    network = membership.network_or_404(slug)
    member = membership.active_member_or_404(request.user, network)
    if membership.needs_second_factor(member):
        messages.warning(
            request,
            _("Moderators must use two-factor authentication: add an authenticator app first."),
        )
        return network, member, redirect("mfa_activate_totp")
    return network, member, None


def _posted(request):
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, slug: str):
    network = membership.network_or_404(slug)
    existing = membership.membership(request.user, network)
    if existing is not None:
        return render(request, "network/applied.html", {"network": network, "member": existing})
    form = ApplicationForm(_posted(request), network=network)
    if request.method == "POST" and form.is_valid():
        membership.apply(request.user, network, **form.cleaned_data)
        messages.success(request, _("Your application is sent to the network's moderators."))
        return redirect(request.path)
    return render(
        request,
        "network/apply.html",
        {"network": network, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_safe
def space(request, slug: str):
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    applications = (
        Member.objects.filter(network=network, status=MembershipStatus.APPLIED).select_related(
            "country", "delegation__country"
        )
        if member.is_moderator
        else []
    )
    return render(
        request,
        "network/space.html",
        {
            "network": network,
            "member": member,
            "applications": applications,
            "actions": network.actions.filter(closed=False).select_related("country")[:20],
            "closed": network.actions.filter(closed=True).select_related("country")[:10],
            "to_report": member.pledges.filter(report_back="", action__closed=False).select_related(
                "action"
            )[:20],
            "threads": network.threads.select_related("country")[:20],
        },
    )


@require_POST
def decide(request, slug: str, pk: int):
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    if not member.is_moderator:
        return _not_here(request)
    application = Member.objects.filter(network=network, pk=pk).first()
    if application is None:
        return _not_here(request)
    try:
        membership.decide(application, member, approve=request.POST.get("decision") == "accept")
    except membership.NotAllowed as problem:
        messages.error(request, str(problem))
        return redirect("network:space", slug=network.slug)
    messages.success(
        request,
        _("%(name)s is now a member.") % {"name": application.display_name}
        if application.is_active
        else _("The application of %(name)s was refused.") % {"name": application.display_name},
    )
    return redirect("network:space", slug=network.slug)


@require_safe
def members(request, slug: str):
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    membership.log_member_list(member)
    people = (
        Member.objects.filter(network=network, status=MembershipStatus.ACTIVE)
        .select_related("country", "delegation__country")
        .order_by("display_name")
    )
    readings = (
        MemberListReading.objects.filter(network=network).select_related("user")[:50]
        if member.is_moderator
        else []
    )
    return render(
        request,
        "network/members.html",
        {"network": network, "member": member, "people": people, "readings": readings},
    )


@require_http_methods(["GET", "POST"])
def settings(request, slug: str):
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    form = SettingsForm(_posted(request), instance=member)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your choices are saved."))
        return redirect("network:settings", slug=network.slug)
    return render(
        request,
        "network/settings.html",
        {"network": network, "member": member, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_safe
def mine(request, slug: str):
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    response = HttpResponse(
        membership.what_they_wrote(member), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{network.slug}-mine.json"'
    return response


@require_http_methods(["GET", "POST"])
def leave(request, slug: str):
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    if request.method == "POST":
        try:
            membership.leave(member)
        except membership.NotAllowed as problem:
            messages.error(request, str(problem))
            return redirect("network:leave", slug=network.slug)
        messages.success(request, _("You have left the network; what you wrote in it is erased."))
        return redirect(network.get_absolute_url())
    return render(request, "network/leave.html", {"network": network, "member": member})


def _not_here(request):
    raise NotFound(_("There is no page at this address."))

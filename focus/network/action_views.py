"""Calls to act in a network's members' space: a member calls the others to act on a
situation, members pledge what they will do and report back, reply, and the action is
closed with its outcome. Members of the network only (404 to anyone else)."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from focus.core.http import NotFound
from focus.core.text import markdown_html

from . import notifications
from .forms import ActionForm, PledgeForm, ReplyForm, ReportBackForm
from .models import Action, Pledge
from .space_views import _posted, _space
from .vocabulary import ActionKind


@require_http_methods(["GET", "POST"])
def new_action(request, slug: str):
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    form = ActionForm(_posted(request))
    if request.method == "GET":
        form.link_from(request.GET)  # from the bill tracker, a delegation's page
    if request.method == "POST" and form.is_valid():
        action = form.save(commit=False)
        action.network, action.created_by = network, member
        action.save()
        notifications.new_action(action)
        messages.success(request, _("The call to act is sent to the network's members."))
        return redirect("network:action", slug=network.slug, pk=action.pk)
    return render(
        request,
        "network/action_form.html",
        {"network": network, "member": member, "form": form, "linked": form.linked()},
        status=400 if request.method == "POST" else 200,
    )


def _action(network, pk: int) -> Action:
    action = (
        Action.objects.filter(network=network, pk=pk)
        .select_related("country", "instrument", "development", "recommendation", "created_by")
        .first()
    )
    if action is None:
        raise NotFound(_("There is no page at this address."))
    return action


@require_http_methods(["GET", "POST"])
def action(request, slug: str, pk: int):
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    item = _action(network, pk)
    pledge_form = PledgeForm(action=item, prefix="pledge")
    reply_form = ReplyForm(prefix="reply")
    status = 200
    if request.method == "POST":
        if item.closed:
            messages.error(request, _("This call to act is closed."))
            return redirect(request.path)
        if "pledge-kind" in request.POST:
            pledge_form = PledgeForm(request.POST, action=item, prefix="pledge")
            if pledge_form.is_valid():
                pledge = pledge_form.save(commit=False)
                pledge.action, pledge.member = item, member
                try:
                    with transaction.atomic():
                        pledge.save()
                except IntegrityError:
                    messages.error(request, _("You have already pledged this."))
                    return redirect(request.path)
                messages.success(request, _("Your pledge is recorded."))
                return redirect(request.path)
        else:
            reply_form = ReplyForm(request.POST, prefix="reply")
            if reply_form.is_valid():
                post = reply_form.save(commit=False)
                post.action, post.author = item, member
                post.save()
                notifications.new_reply(post)
                return redirect(f"{request.path}#post-{post.pk}")
        status = 400
    pledges = item.pledges.select_related("member").order_by("created", "pk")
    return render(
        request,
        "network/action.html",
        {
            "network": network,
            "member": member,
            "action": item,
            "situation_html": markdown_html(item.situation),
            "asks": [label for value, label in ActionKind.choices if value in item.asks],
            "pledges": pledges,
            "mine": [p for p in pledges if p.member_id == member.pk],
            "posts": [(p, markdown_html(p.body)) for p in item.posts.select_related("author")],
            "pledge_form": pledge_form,
            "reply_form": reply_form,
            "may_close": member.is_moderator or item.created_by_id == member.pk,
        },
        status=status,
    )


@require_POST
def report_back(request, slug: str, pk: int, pledge: int):
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    item = _action(network, pk)
    own = Pledge.objects.filter(action=item, member=member, pk=pledge).first()
    if own is None:
        raise NotFound(_("There is no page at this address."))
    form = ReportBackForm(request.POST, instance=own)
    if form.is_valid():
        own = form.save(commit=False)
        own.reported = timezone.now()
        own.save()
        messages.success(request, _("Your report-back is recorded."))
    else:
        messages.error(request, _("Say what was done."))
    return redirect("network:action", slug=network.slug, pk=item.pk)


@require_POST
def close(request, slug: str, pk: int):
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    item = _action(network, pk)
    if not (member.is_moderator or item.created_by_id == member.pk):
        raise NotFound(_("There is no page at this address."))
    item.outcome = request.POST.get("outcome", "").strip()[:20_000]
    item.closed = True
    item.save(update_fields=["outcome", "closed"])
    messages.success(request, _("The call to act is closed."))
    return redirect("network:action", slug=network.slug, pk=item.pk)

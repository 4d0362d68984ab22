"""Conversations in a network's members' space, by topic and by country: the list,
starting one, and a conversation with its replies. Members of the network only (404 to
anyone else)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from focus.core.http import NotFound, page_of
from focus.core.text import markdown_html

from .forms import ReplyForm, ThreadFilterForm, ThreadForm
from .models import Thread
from .space_views import _posted, _space
from .threads import for_listing, thread_reply, thread_start

PAGE_SIZE = 30


@require_safe
def threads(request, slug: str):
    """The network's conversations, the most recently active first, by topic and country."""
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    form = ThreadFilterForm(request.GET, network=network)
    context = {"network": network, "member": member, "form": form}
    if not form.is_valid():
        return render(request, "network/threads.html", context, status=400)
    filters = form.cleaned_data
    page = page_of(request, for_listing(network, **filters), PAGE_SIZE)
    return render(
        request,
        "network/threads.html",
        {**context, "page": page, "filtered": any(filters.values())},
    )


@require_http_methods(["GET", "POST"])
def new_thread(request, slug: str):
    """Start a conversation: a title, a topic and a country if it has them, and a message."""
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    form = ThreadForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        thread = thread_start(network=network, member=member, **form.cleaned_data)
        messages.success(request, _("The conversation is started."))
        return redirect("network:thread", slug=network.slug, pk=thread.pk)
    return render(
        request,
        "network/thread_form.html",
        {"network": network, "member": member, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def thread(request, slug: str, pk: int):
    """A conversation's messages, oldest first, and the form to reply."""
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    item = (
        Thread.objects.filter(network=network, pk=pk)
        .select_related("topic", "country", "started_by")
        .first()
    )
    if item is None:
        raise NotFound(_("There is no page at this address."))
    form = ReplyForm(_posted(request), prefix="reply")
    if request.method == "POST" and form.is_valid():
        post = thread_reply(thread=item, member=member, body=form.cleaned_data["body"])
        return redirect(item.post_path(post))
    page = page_of(request, item.posts.select_related("author"), Thread.POSTS_PER_PAGE)
    return render(
        request,
        "network/thread.html",
        {
            "network": network,
            "member": member,
            "thread": item,
            "page": page,
            "posts": [(p, markdown_html(p.body)) for p in page],
            "reply_form": form,
        },
        status=400 if request.method == "POST" else 200,
    )
